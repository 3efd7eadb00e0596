import { strict as assert } from 'node:assert';
import { DEFAULT_ATTRIBUTES, IcwsSession, QueueType, attribute } from '../../src/icws';
import { createCall } from '../support/simulator';
import { waitFor } from '../support/waitFor';
import { answer, answerConnect, contextMenu, openIcwsView, openWorkbenchWithSimulator, pick, runCommand, screenshot, type Workbench } from './workbench';

describe('UI: a supervisor listens to an agent (code-server + Chromium, two sessions)', function () {
  let workbench: Workbench;
  let agent: IcwsSession | undefined;
  before(async () => (workbench = await openWorkbenchWithSimulator()));
  after(async () => {
    await agent?.logout().catch(() => undefined);
    if (workbench) {
      await screenshot(workbench.page, 'supervisor-final');
      await workbench.close();
    }
  });

  it("listens to agent1's call from the context menu while agent1 (through the library) sees it", async () => {
    const { page, simulator } = workbench;
    // agent1 works through the client library; the workbench is the supervisor's.
    agent = await IcwsSession.login({ server: simulator.url }, { userId: 'agent1', password: '1234' });
    agent.messages.start();
    await agent.queues.subscribe({ subscriptionId: 'mine', queues: [{ queueType: QueueType.User, queueName: 'agent1' }], attributeNames: [...DEFAULT_ATTRIBUTES] });

    await openIcwsView(page);
    await runCommand(page, 'ICWS: Connect');
    await answerConnect(page, simulator.url, 'supervisor', '1234');
    await page.locator('.statusbar-item', { hasText: 'supervisor' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'ICWS: Watch Queue…');
    await pick(page, 'User queue');
    await answer(page, 'agent1', /User ID/);

    const id = await createCall(simulator, { to: 'agent1', name: 'Wonka Industries' });
    await agent.interactions.pickup(id);
    const view = await openIcwsView(page);
    const row = view.locator('.monaco-list-row', { hasText: /Wonka Industries.*Connected/ }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await contextMenu(page, row, 'Supervisor: Listen / Stop Listening');
    await view.locator('.monaco-list-row', { hasText: /Wonka Industries.*listened to/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor('agent1 told that the supervisor listens', () => attribute(agent!.queues.cache.get('mine', id), 'Eic_Monitors') === 'supervisor', 10_000);
    assert.equal(simulator.callCenter.find(id)?.owner, 'agent1');
    await screenshot(page, 'supervisor-listening');
  });
});
