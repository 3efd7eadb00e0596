import { strict as assert } from 'node:assert';
import { createCall } from '../support/simulator';
import { answer, connectedWorkbench, contextMenu, contextMenuEntries, openIcwsView, pick, runCommand, screenshot } from './workbench';

describe('UI: transfers from the tree (code-server + Chromium)', function () {
  const current = connectedWorkbench('transfers', { 'icws.watchedQueues': [{ type: 'workgroup', name: 'Support' }] });

  it('consult-transfers a Support call to the Sales queue from the context menu, and completes it', async () => {
    const workbench = current();
    const { page } = workbench;
    const view = await openIcwsView(page);
    const id = await createCall(workbench.simulator, { to: 'Support', from: '+13175550100', name: 'Umbrella Health' });
    const row = view.locator('.monaco-list-row', { hasText: 'Umbrella Health' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const ringingMenu = await contextMenuEntries(page, row);
    assert.ok(ringingMenu.includes('Pick Up'), ringingMenu.join(', '));
    assert.ok(!ringingMenu.includes('Consult Transfer…'), 'no consult while ringing');

    await contextMenu(page, row, 'Pick Up');
    await view.locator('.monaco-list-row', { hasText: /Umbrella Health.*Connected/ }).first().waitFor({ state: 'visible' });
    await contextMenu(page, row, 'Consult Transfer…');
    await pick(page, 'To a queue');
    await pick(page, 'Workgroup queue');
    // The server's workgroups are offered; typing a name picks it (or uses it when not listed).
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Support' }).first().waitFor({ state: 'visible' });
    await answer(page, 'Sales');
    // The consult leg appears under the call it consults on; the caller is held.
    await view.locator('.monaco-list-row', { hasText: /Umbrella Health.*Held/ }).first().waitFor({ state: 'visible' });
    const leg = view.locator('.monaco-list-row[aria-level="3"]').first();
    await leg.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await leg.getAttribute('aria-label')) ?? '', /Agent Two/, 'the consult leg to a Sales member sits under the call');
    await screenshot(page, 'consult-in-progress');

    await contextMenu(page, view.locator('.monaco-list-row', { hasText: /Umbrella Health.*Held/ }).first(), 'Consult: Complete Transfer');
    await view.locator('.monaco-list-row', { hasText: 'Umbrella Health' }).first().waitFor({ state: 'detached', timeout: 20_000 });
    const moved = workbench.simulator.callCenter.all().find((i) => i.attributes.get('eic_remotename')?.value === 'Umbrella Health');
    assert.ok(moved?.queues.has('2:sales'), 'the caller is in the Sales queue');
    assert.notEqual(moved?.id, id, 'on a new interaction id (morph)');
    await screenshot(page, 'consult-completed');
  });

  it('blind-transfers a call to extension 7002 from the context menu', async () => {
    const workbench = current();
    const { page } = workbench;
    const view = await openIcwsView(page);
    const id = await createCall(workbench.simulator, { to: 'agent1', from: '+13175550100', name: 'Stark Industries' });
    const row = view.locator('.monaco-list-row', { hasText: 'Stark Industries' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await contextMenu(page, row, 'Blind Transfer…');
    await pick(page, 'To a number or user');
    await answer(page, '7002', /Number, extension or user ID/);
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    assert.equal(workbench.simulator.callCenter.find(id)?.owner, 'agent2');
  });

  it('says what is wrong with a target as it is typed, and sends nothing', async () => {
    const workbench = current();
    const { page } = workbench;
    const view = await openIcwsView(page);
    await createCall(workbench.simulator, { to: 'agent1', from: '+13175550100', name: 'Hooli' });
    const row = view.locator('.monaco-list-row', { hasText: 'Hooli' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await contextMenu(page, row, 'Blind Transfer…');
    await pick(page, 'To a number or user');
    await page.locator('.quick-input-widget input').fill('+1317555abc');
    await page.locator('.quick-input-widget', { hasText: /only digits/ }).waitFor({ state: 'visible' });
    await screenshot(page, 'target-validation');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    assert.equal(workbench.simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/blind-transfer'), 1, 'only the earlier transfer was sent');
  });

  it('resumes the stored session after a window reload, without asking', async () => {
    const workbench = current();
    const { page } = workbench;
    const logins = workbench.simulator.requestCounts.get('POST /icws/connection');
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const view = await openIcwsView(page);
    await view.locator('.monaco-list-row', { hasText: 'My Interactions' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'agent1' }).first().waitFor({ state: 'visible' });
    assert.equal(await page.locator('.quick-input-widget input').isVisible(), false, 'no prompt');
    assert.equal(workbench.simulator.requestCounts.get('POST /icws/connection'), logins, 'no new login: the session was resumed');
  });
});
