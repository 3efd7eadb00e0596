import { strict as assert } from 'node:assert';
import { attribute, DEFAULT_ATTRIBUTES, IcwsError, type IcwsLog, type IcwsSession, type QueueCacheChange, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { connectedCall, sessionSide } from '../support/calls';
import { createCall, loginTo, simulatedState, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const SUPPORT = { queueType: QueueType.Workgroup, queueName: 'Support' };
const SALES = { queueType: QueueType.Workgroup, queueName: 'Sales' };

async function watch(session: IcwsSession, subscriptionId: string, queues = [SUPPORT]) {
  session.messages.start();
  await session.queues.subscribe({ subscriptionId, queues, attributeNames: [...DEFAULT_ATTRIBUTES] });
}

function state(session: IcwsSession, id: string): string | undefined {
  return attribute(session.queues.cache.find(id), 'Eic_State');
}

for (const mode of ['sse', 'polling'] as const) {
  describe(`messaging by ${mode}`, () => {
    let simulator: IcwsSimulator;
    before(async () => (simulator = await startSimulator()));
    after(() => simulator.stop());

    it('delivers the snapshot, then deltas as calls arrive and change', async () => {
      const early = await createCall(simulator, { to: 'Sales', from: '+13175550100', name: 'Early Caller' });
      const session = await loginTo(simulator, 'agent1', { messaging: mode });
      const changes: QueueCacheChange[] = [];
      session.queues.cache.onDidChange((change) => changes.push(change));
      await watch(session, 'wg', [SUPPORT, SALES]);
      await waitFor('snapshot', () => changes.find((c) => c.replaced));
      assert.ok(session.queues.cache.find(early), 'the call already waiting is in the snapshot');

      const id = await createCall(simulator, { to: 'Support', from: '+13175550142', name: 'Globex' });
      await waitFor('new call', () => session.queues.cache.find(id));
      assert.equal(attribute(session.queues.cache.find(id), 'Eic_RemoteName'), 'Globex');
      await session.interactions.pickup(id);
      await waitFor('connected', () => state(session, id) === 'C');
      await session.logout();
      assert.equal(session.messages.state, 'stopped');
    });
  });
}

describe('interaction operations', () => {
  let simulator: IcwsSimulator;
  let session: IcwsSession;
  before(async () => {
    simulator = await startSimulator();
    session = await loginTo(simulator, 'agent1');
    await watch(session, 'mine', [{ queueType: QueueType.User, queueName: 'agent1' }, SUPPORT, SALES]);
  });
  after(async () => {
    await session.logout();
    await simulator.stop();
  });

  it('holds and resumes, mutes and unmutes, and disconnects', async () => {
    const id = await connectedCall(simulator, sessionSide(session));
    await session.interactions.hold(id, true);
    await waitFor('held', () => state(session, id) === 'H');
    await session.interactions.hold(id, false);
    await waitFor('resumed', () => state(session, id) === 'C');
    await session.interactions.mute(id, true);
    await waitFor('muted', () => attribute(session.queues.cache.find(id), 'Eic_Muted') === '1');
    await session.interactions.mute(id, false);
    await session.interactions.disconnect(id);
    await waitFor('disconnected', () => state(session, id) === 'I');
    await waitFor('removed', () => !session.queues.cache.find(id));
  });

  it('blind-transfers to extension 7002: the call leaves my queue and rings at agent2', async () => {
    const id = await connectedCall(simulator, sessionSide(session));
    await session.interactions.blindTransfer(id, { target: '7002' });
    await waitFor('gone from my queue', () => !session.queues.cache.get('mine', id));
    assert.equal(simulator.callCenter.find(id)?.owner, 'agent2');
    assert.equal(simulatedState(simulator, id), 'A');
  });

  it('blind-transfers to the Sales queue: the call is offered there', async () => {
    const id = await connectedCall(simulator, sessionSide(session));
    await session.interactions.blindTransfer(id, { queueID: SALES });
    await waitFor('in Sales', () => simulator.callCenter.find(id)?.queues.has('2:sales'));
    await waitFor('seen in Sales by the client', () => attribute(session.queues.cache.get('mine', id), 'Eic_WorkgroupName') === 'Sales');
  });

  it('rejects both or neither of target and queue before any request', async () => {
    const before = simulator.requestsServed;
    await assert.rejects(session.interactions.blindTransfer('1', { target: '7002', queueID: SALES } as never), (e: IcwsError) => e.kind === 'invalid-argument' && /not both/.test(e.message));
    await assert.rejects(session.interactions.consult('1', {} as never), (e: IcwsError) => e.kind === 'invalid-argument' && /give a target/.test(e.message));
    await assert.rejects(session.interactions.blindTransfer('1', { target: '   ' }), (e: IcwsError) => e.kind === 'invalid-argument' && /empty/.test(e.message));
    assert.equal(simulator.requestsServed, before);
  });

  it('consults to 7002, speaks to each side, and completes: the caller moves to agent2 on a new id (morph)', async () => {
    const id = await connectedCall(simulator, sessionSide(session));
    const replacements: { from: string; to: string }[] = [];
    const listener = session.queues.cache.onDidMorph((replacement) => replacements.push(replacement));
    const consult = await session.interactions.consult(id, { target: '7002' });
    assert.equal(consult.interactionId, id);
    await waitFor('caller held', () => state(session, id) === 'H');
    await waitFor('consulted party answers', () => state(session, consult.consultInteractionId) === 'C');

    await session.interactions.changeConsultAudience(consult, 'caller');
    await waitFor('talking to caller', () => state(session, id) === 'C' && state(session, consult.consultInteractionId) === 'H');
    await session.interactions.changeConsultAudience(consult, 'both');
    await waitFor('talking to both', () => state(session, id) === 'C' && state(session, consult.consultInteractionId) === 'C');
    await session.interactions.changeConsultAudience(consult, 'consulted');
    await waitFor('talking to consulted', () => state(session, id) === 'H' && state(session, consult.consultInteractionId) === 'C');

    await session.interactions.concludeConsult(consult);
    const morph = await waitFor('morph', () => replacements.find((r) => r.from === id));
    const newId = morph.to;
    assert.equal(session.queues.cache.currentId(id), newId);
    await waitFor('both legs gone from my queue', () => !session.queues.cache.get('mine', id) && !session.queues.cache.get('mine', consult.consultInteractionId) && !session.queues.cache.get('mine', newId));
    assert.equal(simulator.callCenter.find(newId)?.owner, 'agent2');
    assert.equal(simulatedState(simulator, newId), 'C');
    listener.dispose();
  });

  it('consults to the Sales queue and cancels: the consult leg ends, the caller stays held', async () => {
    const id = await connectedCall(simulator, sessionSide(session));
    const consult = await session.interactions.consult(id, { queueID: SALES }, { Project: 'ICWS' });
    await waitFor('leg visible', () => session.queues.cache.find(consult.consultInteractionId));
    assert.equal(simulator.callCenter.find(consult.consultInteractionId)?.attributes.get('project')?.value, 'ICWS');
    await session.interactions.cancelConsult(consult);
    await waitFor('leg disconnected or gone', () => ['I', undefined].includes(state(session, consult.consultInteractionId)));
    assert.equal(state(session, id), 'H');
    await assert.rejects(session.interactions.concludeConsult(consult), (e: IcwsError) => e.status === 404);
  });

  it('makes an outbound call that progresses to connected', async () => {
    const id = await session.interactions.makeCall('+13175550199');
    await waitFor('connected', () => state(session, id) === 'C');
    assert.equal(attribute(session.queues.cache.find(id), 'Eic_CallDirection'), 'O');
  });

  it('carries the status, errorId and server message of a failure, and the operation', async () => {
    await assert.rejects(session.interactions.pickup('1999999999'), (error: IcwsError) => {
      assert.equal(error.status, 404);
      assert.equal(error.errorId, 'error.request.interactions.notFound');
      assert.equal(error.operation, 'pickup of 1999999999');
      assert.match(error.message, /^pickup of 1999999999 failed \(HTTP 404\): The interaction 1999999999 was not found\./);
      return true;
    });
  });

  it('reads attributes case-insensitively', async () => {
    const id = await connectedCall(simulator, sessionSide(session));
    const attributes = await session.interactions.getAttributes(id, ['eic_remotename', 'EIC_STATE']);
    assert.deepEqual(attributes, { Eic_RemoteName: 'ACME Corp', Eic_State: 'C' });
  });
});

describe('message handling', () => {
  it('logs and skips unknown message types without disturbing the cache', async () => {
    const simulator = await startSimulator();
    let session: IcwsSession | undefined;
    try {
      const lines: string[] = [];
      const log: IcwsLog = { trace() {}, debug: (m) => lines.push(m), info() {}, warn: (m) => lines.push(m), error: (m) => lines.push(m) };
      const live = (session = await loginTo(simulator, 'agent1', { log }));
      await watch(live, 'wg');
      const id = await createCall(simulator, { to: 'Support' });
      await waitFor('call', () => live.queues.cache.find(id));
      // Inject an unknown message type into the session's queue, as a newer server might send.
      const simSession = simulator.sessions.get(live.sessionId)!;
      simSession.send({ __type: 'urn:inin.com:chat:chatContentsMessage', isDelta: true });
      simSession.send({ isDelta: true } as never);
      await waitFor('logged', () => lines.some((l) => /unhandled type chatContentsMessage/.test(l)) && lines.some((l) => /no __type/.test(l)));
      assert.ok(live.queues.cache.find(id));
    } finally {
      await session?.logout().catch(() => undefined);
      await simulator.stop();
    }
  });

  it('re-subscribes after the event stream drops, and rebuilds the cache from a fresh snapshot', async () => {
    const simulator = await startSimulator();
    try {
      const session = await loginTo(simulator, 'agent1');
      const changes: QueueCacheChange[] = [];
      session.queues.cache.onDidChange((change) => changes.push(change));
      await watch(session, 'wg');
      await waitFor('first snapshot', () => changes.some((c) => c.replaced));
      const simSession = (simulator as unknown as { sessions: Map<string, { detachStream(): void }> }).sessions.get(session.sessionId)!;
      simSession.detachStream();
      await waitFor('second snapshot', () => changes.filter((c) => c.replaced).length >= 2, 5_000);
      await session.logout();
    } finally {
      await simulator.stop();
    }
  });
});
