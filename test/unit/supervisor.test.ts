// Supervisor monitoring over real HTTP: listen, coach and join need the supervisor right, take
// another agent's connected call, and show in the queue messages the agent receives.
import { strict as assert } from 'node:assert';
import { attribute, DEFAULT_ATTRIBUTES, type IcwsError, type IcwsSession, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { rawLogin, rawRequest } from '../support/http';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

describe('supervisor monitoring', () => {
  let simulator: IcwsSimulator;
  const sessions: IcwsSession[] = [];
  beforeEach(async () => (simulator = await startSimulator()));
  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.logout().catch(() => undefined);
    await simulator.stop();
  });

  /** agent1 with a connected call, watching its queue; and a supervisor. */
  async function agentOnACall() {
    const agent = await loginTo(simulator, 'agent1');
    const supervisor = await loginTo(simulator, 'supervisor');
    sessions.push(agent, supervisor);
    agent.messages.start();
    await agent.queues.subscribe({ subscriptionId: 'mine', queues: [{ queueType: QueueType.User, queueName: 'agent1' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
    const id = await createCall(simulator, { to: 'agent1', name: 'Monitored Caller' });
    await waitFor('the call', () => agent.queues.cache.get('mine', id));
    await agent.interactions.pickup(id);
    return { agent, supervisor, id, seen: (name: string) => attribute(agent.queues.cache.get('mine', id), name) };
  }

  it('lets a supervisor listen, switch to coaching, stop, and join; the agent sees each', async () => {
    const { supervisor, id, seen } = await agentOnACall();
    await supervisor.interactions.listen(id, true);
    await waitFor('listened to', () => seen('Eic_Monitors') === 'supervisor');
    await supervisor.interactions.coach(id, true);
    await waitFor('coached, no longer only listened to', () => seen('Eic_Coaches') === 'supervisor' && seen('Eic_Monitors') === '');
    await supervisor.interactions.coach(id, false);
    await waitFor('nobody monitors', () => seen('Eic_Coaches') === '');
    await supervisor.interactions.join(id);
    await waitFor('joined', () => seen('Eic_ConferenceMembers') === 'supervisor');
    assert.equal(simulator.callCenter.find(id)?.owner, 'agent1', 'the call stays the agent\'s');
  });

  it('refuses an agent without the right (403), a body without its flags (400), and my own call', async () => {
    const { agent, id } = await agentOnACall();
    const agent2 = await loginTo(simulator, 'agent2');
    sessions.push(agent2);
    await assert.rejects(agent2.interactions.listen(id, true), (e: IcwsError) => e.status === 403 && /supervisor right/.test(e.message));
    const login = await rawLogin(simulator.url, 'supervisor');
    const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, cookie: login.cookie };
    for (const [action, body, property] of [['listen', { on: true }, 'supervisor'], ['coach', { supervisor: true }, 'on']] as const) {
      const answer = await rawRequest(`${simulator.url}/icws/${login.sessionId}/interactions/${id}/${action}`, { method: 'POST', headers, body: JSON.stringify(body) });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.propertyName, property);
    }
    const own = await createCall(simulator, { to: 'supervisor' });
    const supervisor = await loginTo(simulator, 'supervisor');
    sessions.push(supervisor);
    await supervisor.interactions.pickup(own);
    await assert.rejects(supervisor.interactions.listen(own, true), (e: IcwsError) => e.status === 400 && /your own call/.test(e.message));
    assert.ok(agent.isUp);
  });
});
