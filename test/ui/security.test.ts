// Untrusted text stays text where a person sees it: a hostile caller name in the tree and the
// Traffic view, a server's link syntax in a notification, a crafted traffic file.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createCall } from '../support/simulator';
import { connectedWorkbench, openIcwsView, openTrafficPanel, runCommand, screenshot, trafficFrame } from './workbench';

const MARKUP = '<img src=x onerror=alert(1)>';
const HOSTILE_NAME = `${MARKUP} [x](command:workbench.action.quit) $(alert) \u202Eevil ${'W'.repeat(10_000)}`;

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  await input.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible' });
}

describe('UI: untrusted text stays text (code-server + Chromium)', function () {
  const current = connectedWorkbench('security');

  it('shows a hostile caller name as short text in the tree and as text in the Traffic view', async () => {
    const workbench = current();
    const { page } = workbench;
    const view = await openIcwsView(page);
    await createCall(workbench.simulator, { to: 'agent1', name: HOSTILE_NAME });
    const row = view.locator('.monaco-list-row', { hasText: MARKUP }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await view.locator('.monaco-list-row img').count(), 0, 'markup became an element');
    assert.equal(await row.locator('.label-name .codicon').count(), 0, 'codicon syntax rendered as an icon');
    assert.ok(((await row.boundingBox())?.height ?? 99) <= 30, 'the row grew');
    assert.ok(!(await row.innerText()).includes('\u202e'), 'a direction override reached the row');

    const frame = await openTrafficPanel(page);
    await frame.locator('.grid-row').first().waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator('#filter input').fill('onerror');
    await frame.locator('body[data-filter="onerror"]').waitFor({ state: 'attached' });
    const message = frame.locator('.grid-row', { hasText: 'queueContentsMessage' }).first();
    await message.waitFor({ state: 'visible' });
    await message.click();
    await frame.locator('#details .detail-title', { hasText: 'queueContentsMessage' }).waitFor({ state: 'visible' });
    const detailText = (await frame.locator('#details').textContent()) ?? '';
    assert.ok(detailText.includes(MARKUP), `the name is in the details, as text: ${detailText.slice(0, 400)}`);
    assert.equal(await frame.locator('img, [onerror]').count(), 0, 'markup became an element in the Traffic view');
    await frame.locator('#filter input').fill('');
  });

  it("shows a server's link syntax in a notification as text, not as a link", async () => {
    const workbench = current();
    const { page, simulator } = workbench;
    const [sessionId] = simulator.liveSessionIds('agent1');
    assert.ok(sessionId, 'no session of agent1');
    simulator.endSession(sessionId, '[Open](command:workbench.action.quit)', true);
    const toast = page.locator('.notification-toast', { hasText: 'ended' }).first();
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(page, 'security-notification');
    assert.match(await toast.locator('.notification-list-item-message').innerText(), /\[Open\] \(command:workbench\.action\.quit\)/);
    assert.equal(await toast.locator('.notification-list-item-message a').count(), 0, 'the server text became a link');
  });

  it('refuses a crafted traffic file naming the line and field, and shows markup in a valid one as text', async () => {
    const workbench = current();
    const { page, folder } = workbench;
    const exchange = { id: 1, startedAt: Date.now(), method: 'POST', url: `http://127.0.0.1/${MARKUP}`, template: MARKUP, operation: MARKUP, requestHeaders: { [MARKUP]: MARKUP }, requestBody: { [MARKUP]: MARKUP }, requestBytes: 1, status: 200, responseHeaders: { x: MARKUP }, responseBody: [MARKUP], responseBytes: 1, durationMs: 1, error: MARKUP };
    writeFileSync(join(folder, 'numbers.jsonl'), `${JSON.stringify({ kind: 'call', seq: 1, time: Date.now(), exchange: { ...exchange, requestBytes: MARKUP } })}\n`);
    writeFileSync(join(folder, 'strings.jsonl'), `${JSON.stringify({ kind: 'call', seq: 1, time: Date.now(), exchange })}\n${JSON.stringify({ kind: 'message', seq: 2, time: Date.now(), type: MARKUP, subscriptionId: MARKUP, message: { [MARKUP]: MARKUP }, bytes: 3 })}\n`);

    await openFile(page, 'numbers.jsonl');
    await runCommand(page, 'ICWS: Open Traffic File');
    await page.locator('.notification-toast', { hasText: 'line 1, field "exchange.requestBytes"' }).waitFor({ state: 'visible', timeout: 20_000 });

    await openFile(page, 'strings.jsonl');
    await runCommand(page, 'ICWS: Open Traffic File');
    const frame = trafficFrame(page);
    const call = frame.locator('.grid-row.call', { hasText: MARKUP }).first();
    await call.waitFor({ state: 'visible', timeout: 20_000 });
    // The file's two entries (live traffic of the session may follow them).
    await frame.locator('.grid-row.message', { hasText: MARKUP }).waitFor({ state: 'visible' });
    assert.equal(await frame.locator('.grid-row', { hasText: MARKUP }).count(), 2);
    await call.click();
    await frame.locator('[data-panel="headers"] .pair', { hasText: `Template${MARKUP}` }).waitFor({ state: 'attached' });
    await frame.locator('.grid-row.message', { hasText: MARKUP }).first().click();
    await frame.locator('#details .detail-title', { hasText: MARKUP }).waitFor({ state: 'visible' });
    assert.equal(await frame.locator('img, [onerror]').count(), 0, 'markup from the file became an element');
    await screenshot(page, 'security-crafted-traffic');
  });
});
