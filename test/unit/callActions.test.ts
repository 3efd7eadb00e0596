// Record, pause, secure pause, DTMF, park, voicemail and private: the simulator's routes with good
// and bad bodies, and the client's operations with their effects seen through queue messages.
import { strict as assert } from 'node:assert';
import { attribute, DEFAULT_ATTRIBUTES, IcwsError, type IcwsSession, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { rawLogin, rawRequest } from '../support/http';
import { connectedCall, sessionSide } from '../support/calls';
import { createCall, loginTo, simulatedState, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const WATCHED = ['Eic_Recorders', 'Eic_RecordersSupv', 'Eic_RecordingPaused', 'Eic_SecurePause', 'Eic_SecurePauseEndTime', 'Eic_LastDtmfDigits', 'Eic_Private'];

describe('call actions', () => {
  let simulator: IcwsSimulator;
  let session: IcwsSession | undefined;
  beforeEach(async () => (simulator = await startSimulator({ timing: { securePauseDefaultMs: 60_000 } })));
  afterEach(async () => {
    await session?.logout().catch(() => undefined);
    session = undefined;
    await simulator.stop();
  });

  /** agent1 logged in, watching its own queue, with a connected call. */
  async function agentOnACall(): Promise<{ session: IcwsSession; id: string }> {
    session = await loginTo(simulator, 'agent1');
    session.messages.start();
    await session.queues.subscribe({ subscriptionId: 'mine', queues: [{ queueType: QueueType.User, queueName: 'agent1' }], attributeNames: [...DEFAULT_ATTRIBUTES, ...WATCHED] });
    const id = await connectedCall(simulator, sessionSide(session, 'mine'));
    return { session, id };
  }
  const seen = (id: string, name: string) => attribute(session!.queues.cache.get('mine', id), name);

  describe('simulator routes', () => {
    it('answers wrong bodies with 400 naming the property, and a missing interaction with 404', async () => {
      const login = await rawLogin(simulator.url);
      const id = await createCall(simulator, { to: 'agent1' });
      const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, cookie: login.cookie };
      const post = (action: string, body?: unknown, interactionId = id) => rawRequest(`${simulator.url}/icws/${login.sessionId}/interactions/${interactionId}/${action}`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const cases: [string, unknown, string][] = [
        ['record', {}, 'on'],
        ['record', { on: true }, 'supervisor'],
        ['record', { on: 'yes', supervisor: false }, 'on'],
        ['pause', { on: 1 }, 'on'],
        ['secure-pause', {}, 'securePauseType'],
        ['secure-pause', { securePauseType: 9 }, 'securePauseType'],
        ['secure-pause', { securePauseType: 3 }, 'duration'],
        ['secure-pause', { securePauseType: 3, duration: -5 }, 'duration'],
        // Longer than a timer counts (about 24.8 days): it would end at once.
        ['secure-pause', { securePauseType: 3, duration: 3_000_000 }, 'duration'],
        ['send-digits', {}, 'dtmfDigits'],
        ['send-digits', { dtmfDigits: '12x' }, 'dtmfDigits'],
        ['park', {}, 'target'],
        ['park', { target: 'nobody-here' }, ''],
        ['transfer-to-voicemail', { queueID: { queueType: 2, queueName: 'Support' } }, 'queueID'],
        ['make-private', {}, 'on'],
      ];
      for (const [action, body, property] of cases) {
        const answer = await post(action, body);
        assert.equal(answer.status, 400, `${action} ${JSON.stringify(body)}: ${answer.text}`);
        if (property) assert.equal(answer.json.propertyName, property, `${action} ${JSON.stringify(body)}`);
      }
      assert.equal((await post('record', { on: true, supervisor: false }, '1999999999')).status, 404);
      assert.equal((await post('record', { on: true, supervisor: true })).status, 403, 'agent1 is no supervisor');
      // An alerting call cannot be recorded or sent digits: the state is wrong, the body is right.
      assert.equal((await post('send-digits', { dtmfDigits: '12#' })).json.errorId, 'error.request.interactions.invalidState');
    });
  });

  describe('client', () => {
    it('records, pauses and resumes, and the queue shows who records and the pause', async () => {
      const { session, id } = await agentOnACall();
      await session.interactions.record(id, true);
      await waitFor('Eic_Recorders', () => seen(id, 'Eic_Recorders') === 'agent1');
      await session.interactions.pauseRecording(id, true);
      await waitFor('paused', () => seen(id, 'Eic_RecordingPaused') === '1');
      await session.interactions.pauseRecording(id, false);
      await waitFor('resumed', () => seen(id, 'Eic_RecordingPaused') === '0');
      await session.interactions.record(id, false);
      await waitFor('no recorder', () => seen(id, 'Eic_Recorders') === '');
      await assert.rejects(session.interactions.pauseRecording(id, true), (e: IcwsError) => e.status === 400 && /not recorded/.test(e.message));
    });

    it('pauses securely for a duration (with its end time, for a countdown), and resumes', async () => {
      const { session, id } = await agentOnACall();
      const before = Date.now();
      await session.interactions.securePause(id, { type: 'duration', seconds: 30 });
      await waitFor('secure pause', () => seen(id, 'Eic_SecurePause') === '1');
      const ends = Date.parse(seen(id, 'Eic_SecurePauseEndTime') ?? '');
      assert.ok(ends >= before + 29_000 && ends <= Date.now() + 31_000, `ends ${seen(id, 'Eic_SecurePauseEndTime')}`);
      await session.interactions.securePause(id, { type: 'resume' });
      await waitFor('resumed', () => seen(id, 'Eic_SecurePause') === '0');
      await session.interactions.securePause(id, { type: 'indefinite' });
      await waitFor('paused with no end', () => seen(id, 'Eic_SecurePause') === '1' && seen(id, 'Eic_SecurePauseEndTime') === '');
      await assert.rejects(session.interactions.securePause(id, { type: 'duration', seconds: 0 }), (e: IcwsError) => e.kind === 'invalid-argument');
    });

    it('ends a timed secure pause by itself', async () => {
      await simulator.stop();
      simulator = await startSimulator({ timing: { securePauseDefaultMs: 150 } });
      const { session, id } = await agentOnACall();
      await session.interactions.securePause(id, { type: 'default' });
      await waitFor('paused', () => seen(id, 'Eic_SecurePause') === '1');
      await waitFor('resumed by the timeout', () => seen(id, 'Eic_SecurePause') === '0', 3_000);
    });

    it('sends DTMF digits once, after checking them', async () => {
      const { session, id } = await agentOnACall();
      await session.interactions.sendDigits(id, '1234#*AD');
      await waitFor('digits', () => seen(id, 'Eic_LastDtmfDigits') === '1234#*AD');
      assert.equal(simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/send-digits'), 1);
      for (const bad of ['', '12 34', '12x', '1'.repeat(65)]) await assert.rejects(session.interactions.sendDigits(id, bad), (e: IcwsError) => e.kind === 'invalid-argument', bad);
      assert.equal(simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/send-digits'), 1);
    });

    it('parks on a workgroup queue: the call leaves my queue and waits there, parked', async () => {
      const { session, id } = await agentOnACall();
      await session.interactions.park(id, { queueID: { queueType: QueueType.Workgroup, queueName: 'Support' } });
      await waitFor('gone from my queue', () => !session.queues.cache.get('mine', id));
      assert.equal(simulatedState(simulator, id), 'P');
      assert.ok(simulator.callCenter.find(id)?.queues.has('2:support'));
    });

    it("transfers to a user's voicemail, and sends my own call to voicemail", async () => {
      const { session, id } = await agentOnACall();
      await session.interactions.transferToVoicemail(id, { target: 'agent2' });
      await waitFor('gone from my queue', () => !session.queues.cache.get('mine', id));
      assert.equal(simulatedState(simulator, id), 'M');
      const second = await createCall(simulator, { to: 'agent1', name: 'Second Caller' });
      await waitFor('alerting', () => session.queues.cache.get('mine', second));
      await session.interactions.sendToVoicemail(second);
      await waitFor('gone too', () => !session.queues.cache.get('mine', second));
      assert.equal(simulator.callCenter.find(second)?.attributes.get('eic_voicemailowner')?.value, 'agent1');
    });

    it('marks a call private and public again', async () => {
      const { session, id } = await agentOnACall();
      await session.interactions.makePrivate(id, true);
      await waitFor('private', () => seen(id, 'Eic_Private') === '1');
      await session.interactions.makePrivate(id, false);
      await waitFor('public', () => seen(id, 'Eic_Private') === '0');
    });

    it('writes attributes and reads them back', async () => {
      const { session, id } = await agentOnACall();
      await session.interactions.setAttributes(id, { AccountNumber: '12345', IVR_Result: 'billing' });
      assert.deepEqual(await session.interactions.getAttributes(id, ['AccountNumber', 'IVR_Result']), { AccountNumber: '12345', IVR_Result: 'billing' });
      await assert.rejects(session.interactions.setAttributes(id, {}), (e: IcwsError) => e.kind === 'invalid-argument');
      await assert.rejects(session.interactions.setAttributes(id, { ' ': 'x' }), (e: IcwsError) => e.kind === 'invalid-argument');
      // A name a plain object would take as its prototype is kept as the attribute it is.
      await session.interactions.setAttributes(id, JSON.parse('{"__proto__":"x","Plain":"y"}') as Record<string, string>);
      assert.equal(simulator.callCenter.find(id)?.attributes.get('__proto__')?.value, 'x');
      const back = await session.interactions.getAttributes(id, ['__proto__', 'Plain']);
      assert.ok(Object.hasOwn(back, '__proto__'), JSON.stringify(back));
      assert.equal(JSON.stringify(back), '{"__proto__":"x","Plain":"y"}');
    });
  });
});
