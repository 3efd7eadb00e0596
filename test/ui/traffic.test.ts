import { strict as assert } from 'node:assert';
import { createCall } from '../support/simulator';
import { answer, connectedWorkbench, contextMenu, openIcwsView, pick, screenshot } from './workbench';

describe('UI: the ICWS Traffic view (code-server + Chromium)', function () {
  this.timeout(180_000);
  const current = connectedWorkbench('traffic');

  it('shows the consult request made from the tree and the queue messages it caused', async () => {
    const workbench = current();
    const { page } = workbench;
    const view = await openIcwsView(page);
    await createCall(workbench.simulator, { to: 'agent1', from: '+13175550100', name: 'Wayne Enterprises' });
    const row = view.locator('.monaco-list-row', { hasText: 'Wayne Enterprises' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await contextMenu(page, row, 'Pick Up');
    await view.locator('.monaco-list-row', { hasText: /Wayne Enterprises.*Connected/ }).first().waitFor({ state: 'visible' });
    await contextMenu(page, row, 'Consult Transfer…');
    await pick(page, 'To a number or user');
    await answer(page, '7002', /Number, extension or user ID/);

    // Open the Traffic view (collapsed by default), give it the sidebar, and read its webview.
    await page.locator('.pane-header', { hasText: /Traffic/i }).first().click();
    await page.locator('.pane-header', { hasText: /^Interactions/i }).first().click();
    const frame = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
    const consultRow = frame.locator('.row', { hasText: /POST \/icws\/\{sessionId\}\/interactions\/\d+\/consult 201/ }).first();
    await frame.locator('.row').first().waitFor({ state: 'visible', timeout: 20_000 });
    await consultRow.waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator('#filter').fill('consult');
    await consultRow.click();
    await frame.locator('#details', { hasText: 'template /icws/{sessionId}/interactions/{interactionId}/consult' }).waitFor({ state: 'visible' });
    await frame.locator('#details button', { hasText: 'Copy as curl' }).waitFor({ state: 'visible' });
    // got's phases of the exchange.
    await frame.locator('#details .timing', { hasText: /first byte \d+\.\d ms · .*total \d+\.\d ms/ }).waitFor({ state: 'visible' });
    await frame.locator('#clearFilter').click();
    const messages = frame.locator('.row', { hasText: 'queueContentsMessage' });
    await messages.first().waitFor({ state: 'visible' });
    assert.ok((await messages.count()) >= 1);
    await screenshot(page, 'traffic-consult');
  });
});
