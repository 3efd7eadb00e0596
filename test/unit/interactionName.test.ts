// Feedback names an interaction by its caller and number, as the server's cache has them.
import { strict as assert } from 'node:assert';
import { DEFAULT_ATTRIBUTES, nameOfInteraction, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

describe('naming an interaction for messages', function () {
  this.timeout(15_000);
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator()));
  after(() => simulator.stop());

  it('says the caller and number of a cached call, the number alone without a name, and the id when not cached', async () => {
    const session = await loginTo(simulator);
    try {
      session.messages.start();
      await session.queues.subscribe({ subscriptionId: 'mine', queues: [{ queueType: QueueType.User, queueName: 'agent1' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
      const named = await createCall(simulator, { to: 'agent1', from: '+1 317 555 0100', name: 'Alice Smith' });
      const unnamed = await createCall(simulator, { to: 'agent1', from: '+13175550111', name: '' });
      await waitFor('both calls cached', () => session.queues.cache.find(named) && session.queues.cache.find(unnamed));
      assert.equal(nameOfInteraction(session.queues.cache.find(named), named), 'Alice Smith (+1 317 555 0100)');
      assert.equal(nameOfInteraction(session.queues.cache.find(unnamed), unnamed), '+13175550111');
      assert.equal(nameOfInteraction(session.queues.cache.find('1009999999'), '1009999999'), 'interaction 1009999999');
      assert.equal(nameOfInteraction(undefined, '1009999999', 'the consulted party'), 'the consulted party');
    } finally {
      await session.logout();
    }
  });
});
