// Conferences over real HTTP: make one of two calls, invite a party, add a call, and the rules.
import { strict as assert } from 'node:assert';
import { attribute, DEFAULT_ATTRIBUTES, type IcwsError, type IcwsSession, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { rawLogin, rawRequest } from '../support/http';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

describe('conferences', () => {
  let simulator: IcwsSimulator;
  let session: IcwsSession | undefined;
  beforeEach(async () => (simulator = await startSimulator()));
  afterEach(async () => {
    await session?.logout().catch(() => undefined);
    session = undefined;
    await simulator.stop();
  });

  async function twoCalls(): Promise<{ session: IcwsSession; a: string; b: string }> {
    session = await loginTo(simulator, 'agent1');
    session.messages.start();
    await session.queues.subscribe({ subscriptionId: 'mine', queues: [{ queueType: QueueType.User, queueName: 'agent1' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
    const a = await createCall(simulator, { to: 'agent1', name: 'First' });
    await session.interactions.pickup(a);
    await session.interactions.hold(a, true);
    const b = await createCall(simulator, { to: 'agent1', name: 'Second' });
    await session.interactions.pickup(b);
    return { session, a, b };
  }

  it('makes a conference of two calls: a conference row, both parties connected and marked', async () => {
    const { session, a, b } = await twoCalls();
    const conferenceId = await session.interactions.createConference([a, b]);
    await waitFor('the conference and its parties', () => session.queues.cache.get('mine', conferenceId) && [a, b].every((id) => attribute(session.queues.cache.get('mine', id), 'Eic_ConferenceId') === conferenceId));
    assert.equal(attribute(session.queues.cache.get('mine', conferenceId), 'Eic_ObjectType'), 'Conference');
    assert.ok([a, b].every((id) => attribute(session.queues.cache.get('mine', id), 'Eic_State') === 'C'));
    await session.interactions.inviteToConference(conferenceId, '7002');
    await waitFor('a third party', () => session.queues.cache.interactions('mine').filter((i) => attribute(i, 'Eic_ConferenceId') === conferenceId).length === 3);
    await session.interactions.disconnect(conferenceId);
    await waitFor('every party ended', () => [a, b].every((id) => ['I', 'E', undefined].includes(attribute(session.queues.cache.get('mine', id), 'Eic_State'))));
  });

  it('invites a party into a call, which becomes a conference', async () => {
    const { session, a } = await twoCalls();
    await session.interactions.hold(a, false).catch(() => undefined);
    await session.interactions.inviteParty(a, '7003');
    const conferenceId = await waitFor('a conference around the call', () => attribute(session.queues.cache.get('mine', a), 'Eic_ConferenceId'));
    assert.equal(attribute(session.queues.cache.get('mine', conferenceId), 'Eic_ObjectType'), 'Conference');
  });

  it('checks its input, and answers bad bodies with 400 naming the property', async () => {
    const { session, a } = await twoCalls();
    await assert.rejects(session.interactions.createConference([a]), (e: IcwsError) => e.kind === 'invalid-argument');
    await assert.rejects(session.interactions.createConference([a, a]), (e: IcwsError) => e.kind === 'invalid-argument');
    const login = await rawLogin(simulator.url);
    const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, cookie: login.cookie };
    const post = (path: string, body: unknown, method = 'POST') => rawRequest(`${simulator.url}/icws/${login.sessionId}/interactions/${path}`, { method, headers, body: JSON.stringify(body) });
    assert.equal((await post('conferences', {})).json.propertyName, 'interactions');
    assert.equal((await post('conferences', { interactions: [a] })).json.propertyName, 'interactions');
    assert.equal((await post(`${a}/invite-party`, {})).json.propertyName, 'target');
    assert.equal((await post(`${a}/invite-party`, { target: '7002', callMadeStage: 7 })).json.propertyName, 'callMadeStage');
    assert.equal((await post('conferences/9999', { interactions: [a] }, 'PUT')).status, 404);
  });
});
