import { strict as assert } from 'node:assert';
import { attribute, DEFAULT_ATTRIBUTES, type IcwsSession, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { connectedCall, sessionSide } from '../support/calls';
import { loginTo, simulatedState, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

async function watchOwnQueue(session: IcwsSession): Promise<void> {
  session.messages.start();
  await session.queues.subscribe({ subscriptionId: 'mine', queues: [{ queueType: QueueType.User, queueName: session.identity.userId }], attributeNames: [...DEFAULT_ATTRIBUTES, 'Eic_ConsultCallId'] });
}

function state(session: IcwsSession, id: string): string | undefined {
  return attribute(session.queues.cache.get('mine', id), 'Eic_State');
}

/** The consult call alerting on agent2's own queue, from agent1 (extension 7001). */
function alertingFromAgent1(session: IcwsSession): string | undefined {
  return session.queues.cache.interactions('mine').find((i) => attribute(i, 'Eic_State') === 'A' && attribute(i, 'Eic_RemoteAddress') === '7001')?.id;
}

describe('consult to a user who is logged in: the call rings at that user until picked up', () => {
  let simulator: IcwsSimulator;
  let agent1: IcwsSession;
  let agent2: IcwsSession;
  before(async () => {
    simulator = await startSimulator();
    agent1 = await loginTo(simulator, 'agent1');
    agent2 = await loginTo(simulator, 'agent2');
    await Promise.all([watchOwnQueue(agent1), watchOwnQueue(agent2)]);
  });
  after(async () => {
    await Promise.all([agent1?.logout(), agent2?.logout()]);
    await simulator.stop();
  });

  it("alerts on agent2's queue, keeps agent1's leg ringing past the simulated answer, and connects both when agent2 picks up; completing moves the caller to agent2", async () => {
    const id = await connectedCall(simulator, sessionSide(agent1, 'mine'));
    const consult = await agent1.interactions.consult(id, { target: 'agent2' });
    await waitFor('caller held', () => state(agent1, id) === 'H');
    const ringing = await waitFor("the consult call alerting on agent2's queue", () => alertingFromAgent1(agent2));
    assert.equal(attribute(agent2.queues.cache.get('mine', ringing), 'Eic_ConsultCallId'), id);
    await waitFor("agent1's consult leg ringing", () => state(agent1, consult.consultInteractionId) === 'R');
    // Past the delay after which the simulator answers for users without a session: still ringing.
    await new Promise<void>((resolve) => setTimeout(resolve, simulator.callCenter.timing.answerDelayMs * 2));
    assert.equal(state(agent1, consult.consultInteractionId), 'R');
    assert.equal(state(agent2, ringing), 'A');
    assert.ok(!agent1.queues.cache.get('mine', ringing), "agent2's leg is not on agent1's queue");
    assert.ok(!agent2.queues.cache.get('mine', consult.consultInteractionId), "agent1's leg is not on agent2's queue");

    await agent2.interactions.pickup(ringing);
    await waitFor('both legs connected', () => state(agent2, ringing) === 'C' && state(agent1, consult.consultInteractionId) === 'C');

    await agent1.interactions.concludeConsult(consult);
    const newId = await waitFor('the caller on agent2', () => simulator.callCenter.all().find((i) => i.owner === 'agent2' && i.attributes.get('eic_remotename')?.value === 'ACME Corp')?.id);
    assert.equal(simulatedState(simulator, newId), 'C');
    await waitFor("agent2's consult leg and agent1's legs gone", () => !agent2.queues.cache.get('mine', ringing) && !agent1.queues.cache.get('mine', consult.consultInteractionId) && !agent1.queues.cache.get('mine', id));
    await waitFor('the caller connected in agent2 queue', () => state(agent2, newId) === 'C');
  });

  it("ends agent2's ringing leg when agent1 cancels, and agent1's leg when agent2 hangs up", async () => {
    const first = await connectedCall(simulator, sessionSide(agent1, 'mine'));
    const cancelled = await agent1.interactions.consult(first, { target: '7002' });
    const ringing = await waitFor('alerting at agent2', () => alertingFromAgent1(agent2));
    await agent1.interactions.cancelConsult(cancelled);
    await waitFor("agent2's leg ends", () => ['E', undefined].includes(state(agent2, ringing)));
    await agent1.interactions.disconnect(first);

    const second = await connectedCall(simulator, sessionSide(agent1, 'mine'));
    const consult = await agent1.interactions.consult(second, { target: 'agent2' });
    const answered = await waitFor('alerting at agent2', () => alertingFromAgent1(agent2));
    await agent2.interactions.pickup(answered);
    await waitFor('connected', () => state(agent1, consult.consultInteractionId) === 'C');
    await agent2.interactions.disconnect(answered);
    await waitFor("agent1's consult leg ends (the far end hung up)", () => ['E', undefined].includes(state(agent1, consult.consultInteractionId)));
    assert.equal(state(agent1, second), 'H', 'the caller stays held');
  });

  it('keeps the simulated answer for a consulted user without a session', async () => {
    const id = await connectedCall(simulator, sessionSide(agent1, 'mine'));
    const consult = await agent1.interactions.consult(id, { target: 'supervisor' });
    await waitFor('the simulated party answers', () => state(agent1, consult.consultInteractionId) === 'C');
    await agent1.interactions.cancelConsult(consult);
    await agent1.interactions.disconnect(id);
  });
});
