// The Traffic panel (issue 14) in a real workbench: a consult made from the tree, seen at full
// width in the panel area with its related messages and timing; a replayed POST that asks first;
// a palette command on the selected entry; a filter; an entry asked for while the panel is closed
// (a Session Health link, a replay) selected when it opens; screenshots in light and dark themes for the README.
import { strict as assert } from 'node:assert';
import { connectedWorkbench, openTrafficPanel, pickUpAndConsult, quickInput, runCommand, screenshot, setColorTheme, trafficFrame } from './workbench';

// The Name column first (the operation and the call's id shortened), then the method and status.
const CONSULT_ROW = /^consult …\d{4}POST201/;
const CONSULT_OPERATION = 'POST /icws/{sessionId}/interactions/{interactionId}/consult';

describe('UI: the ICWS Traffic panel (code-server + Chromium)', function () {
  const current = connectedWorkbench('traffic');

  it('shows a consult request, its timing and the messages it caused, and asks before replaying it', async () => {
    const workbench = current();
    const { page, simulator } = workbench;
    // The consult request went out before the panel is opened.
    await pickUpAndConsult(page, simulator);

    const frame = await openTrafficPanel(page);
    // The panel area: as wide as the editor, not the sidebar.
    const panelWidth = (await page.locator('.part.panel').boundingBox())?.width ?? 0;
    const sidebarWidth = (await page.locator('.part.sidebar').boundingBox())?.width ?? 0;
    assert.ok(panelWidth > sidebarWidth * 2, `the panel is ${panelWidth}px wide, the sidebar ${sidebarWidth}px`);

    const consultRow = frame.locator('.grid-row', { hasText: CONSULT_ROW }).first();
    await consultRow.waitFor({ state: 'visible', timeout: 20_000 });
    await consultRow.click();
    await frame.locator('#details .detail-title', { hasText: /^consult …\d{4} POST 201 http.*\/consult$/ }).waitFor({ state: 'visible' });
    await frame.locator('[data-panel="headers"] .pair', { hasText: 'Template/icws/{sessionId}/interactions/{interactionId}/consult' }).waitFor({ state: 'attached' });
    assert.equal(await frame.locator('[data-panel="headers"]', { hasText: /ININ-ICWS-CSRF-Token<redacted>/i }).count(), 1, 'the CSRF token is shown redacted');

    // Response: the consult's answer as JSON, searchable: matches marked, their branches opened.
    await frame.locator('vscode-tab-header', { hasText: 'Response' }).click();
    await frame.locator('[data-panel="response"] .json-search input').fill('consultinteraction');
    await frame.locator('[data-panel="response"] .matches', { hasText: '1 match' }).waitFor({ state: 'visible' });
    assert.equal(await frame.locator('[data-panel="response"] mark').count(), 1);

    // Related: the queue messages about the caller and the consult leg, highlighted in the table too.
    await frame.locator('vscode-tab-header', { hasText: 'Related' }).click();
    const related = frame.locator('[data-panel="related"] .related-list li', { hasText: 'queueContentsMessage' });
    await related.first().waitFor({ state: 'visible' });
    assert.ok((await frame.locator('.grid-row.related').count()) >= 1, 'no related row is highlighted in the table');

    // Timing: got's phases as a waterfall.
    await frame.locator('vscode-tab-header', { hasText: 'Timing' }).click();
    await frame.locator('[data-panel="timing"] .phase', { hasText: /Waiting for the server \(first byte\)\d+\.\d ms/ }).waitFor({ state: 'visible' });
    await frame.locator('[data-panel="timing"] .phase.total', { hasText: /got total\d+\.\d ms/ }).waitFor({ state: 'visible' });

    // Replay asks first: a POST changes state. Cancelled, nothing is sent.
    const consultsBefore = simulator.requestCounts.get(CONSULT_OPERATION);
    await frame.locator('vscode-button[data-action="replay"]').click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: /Send POST \/icws\/\{sessionId\}\/interactions\/\d+\/consult again/ });
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(simulator.requestCounts.get(CONSULT_OPERATION), consultsBefore, 'the consult was sent again without a yes');

    // A palette command works on the entry selected in the panel: the consult, as a notebook cell.
    await runCommand(page, 'ICWS: Open Traffic Request in Notebook');
    const cell = page.locator('.notebook-editor .code-cell-row .monaco-editor', { hasText: /POST\s\/interactions\/\d+\/consult/ }).first();
    await cell.waitFor({ state: 'visible', timeout: 20_000 });
    await runCommand(page, 'View: Revert and Close Editor');
    await cell.waitFor({ state: 'detached' });

    // A related message leads back to the request that caused it.
    await frame.locator('vscode-tab-header', { hasText: 'Related' }).click();
    await related.first().locator('a').click();
    await frame.locator('#details .detail-title', { hasText: /^queueContentsMessage/ }).waitFor({ state: 'visible' });
    await frame.locator('[data-panel="related"] .related-list li', { hasText: /POST \/icws\/\{sessionId\}\/interactions\/\d+\/consult 201/ }).waitFor({ state: 'visible' });
  });

  it('narrows the rows with a filter, sorts by a column, and moves with the keyboard', async () => {
    const { page } = current();
    const frame = await openTrafficPanel(page);
    const rows = frame.locator('.grid-row');
    await rows.first().waitFor({ state: 'visible' });
    // "83 entries (40 requests, 43 messages)": the first number.
    const entries = async () => Number(/^[\d,]+/.exec((await frame.locator('#count').textContent()) ?? '')?.[0].replace(/,/g, '') ?? NaN);
    const total = await entries();
    await frame.locator('#filter input').fill('/consult');
    await frame.locator('body[data-filter="/consult"]').waitFor({ state: 'attached' });
    const narrowed = await entries();
    assert.ok(narrowed >= 1 && narrowed < total, `${narrowed} of ${total} rows match "/consult"`);
    for (const text of await rows.allTextContents()) assert.match(text, /\/consult/);

    // Sort by status, descending (two clicks): the header says so.
    const status = frame.locator('.cell.head.status');
    await status.click();
    await status.click();
    assert.equal(await status.getAttribute('aria-sort'), 'descending');
    await rows.first().click();
    await page.keyboard.press('End');
    const last = frame.locator('.grid-row.selected');
    await last.waitFor({ state: 'visible' });
    assert.equal(await frame.locator('#grid').getAttribute('aria-activedescendant'), await last.getAttribute('id'));
    // Enter goes into the details (the selected tab's header), Escape back to the table.
    const lastName = (await last.locator('.cell.name').textContent()) ?? '';
    await frame.locator('#details .detail-title .detail-name', { hasText: lastName }).waitFor({ state: 'visible' });
    await frame.locator('#details vscode-tabs').waitFor({ state: 'visible' });
    const focused = () => frame.locator('body').evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { tagName: string; id: string } | null } }).document.activeElement;
      return active ? `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''}` : '';
    });
    await page.keyboard.press('Enter');
    assert.match(await focused(), /^vscode-tab-header/);
    await page.keyboard.press('Escape');
    assert.equal(await focused(), 'div#grid');
    await status.click(); // back to arrival order
    const time = frame.locator('.cell.head.time');
    assert.equal(await time.getAttribute('aria-sort'), 'ascending', 'arrival order is time ascending');
    await time.click();
    assert.equal(await time.getAttribute('aria-sort'), 'descending', 'newest first');
    await time.click();
    await frame.locator('#filter input').fill('');
    await frame.locator('body[data-filter=""]').waitFor({ state: 'attached' });

    // Hidden and shown again (the page is rebuilt): the same entry is selected, with its details.
    const selectedId = await frame.locator('.grid-row.selected').first().getAttribute('id');
    await runCommand(page, 'Output: Focus on Output View');
    const again = await openTrafficPanel(page);
    await again.locator(`#${selectedId}.selected`).waitFor({ state: 'attached', timeout: 20_000 });
    await again.locator('#details vscode-tabs').waitFor({ state: 'visible' });
  });

  it('opens at the entry a Session Health line links to, when the panel was closed', async () => {
    const { page } = current();
    await runCommand(page, 'View: Hide Panel');
    await page.locator('.part.panel').waitFor({ state: 'hidden' });
    await runCommand(page, 'ICWS: Focus on Session Health View');
    const health = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Session Health' }) });
    const rows = health.locator('.monaco-list-row');
    await rows.filter({ hasText: /^Subscriptions/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
    // The line below "Subscriptions": the interactions queue's subscription, made by one PUT.
    const labels = await rows.allTextContents();
    const subscription = rows.nth(labels.findIndex((label) => label.startsWith('Subscriptions')) + 1);
    await subscription.click();
    if (await quickInput(page).isVisible()) await quickInput(page).press('Enter');
    // The page was not there when the line asked for the entry: it selects it once it is ready.
    const frame = trafficFrame(page);
    await frame.locator('.grid-row.selected').waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator('#details .detail-title', { hasText: /PUT .*\/messaging\/subscriptions\/queues\// }).waitFor({ state: 'visible' });
    const linked = Number((await frame.locator('.grid-row.selected').getAttribute('id'))?.replace('row-', ''));

    // Replayed from the palette while the panel is closed: the copy is the entry selected when it opens.
    await runCommand(page, 'View: Hide Panel');
    await page.locator('.part.panel').waitFor({ state: 'hidden' });
    await runCommand(page, 'ICWS: Replay Traffic Request');
    const dialog = page.locator('.monaco-dialog-box', { hasText: /Send PUT .*\/messaging\/subscriptions\/queues\/.* again/ });
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator('.monaco-button', { hasText: 'Send Again' }).click();
    await dialog.waitFor({ state: 'detached' });
    await runCommand(page, 'ICWS: Show Traffic');
    await frame.locator('#details .detail-title', { hasText: /PUT .*\/messaging\/subscriptions\/queues\// }).waitFor({ state: 'visible', timeout: 20_000 });
    const replayed = await frame.locator('.grid-row.selected').getAttribute('id');
    assert.ok(Number(replayed?.replace('row-', '')) > linked, `the replayed copy is not selected: ${replayed} (the linked entry was row-${linked})`);
  });

  it('follows the colour theme (screenshots for the README, light and dark)', async () => {
    const { page } = current();
    const looks: { rowText: string; headerBackground: string }[] = [];
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'View: Toggle Maximized Panel');
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    for (const [theme, themeClass, tab, file] of [['Dark Modern', 'vs-dark', 'Timing', 'traffic-panel-dark'], ['Light Modern', 'vs', 'Related', 'traffic-panel-light']] as const) {
      await setColorTheme(page, theme);
      await page.locator(`.monaco-workbench.${themeClass}`).waitFor({ state: 'attached' });
      const frame = await openTrafficPanel(page);
      const consult = frame.locator('.grid-row', { hasText: CONSULT_ROW }).first();
      await consult.click();
      await frame.locator('.grid-row.selected', { hasText: CONSULT_ROW }).waitFor({ state: 'visible' });
      assert.ok((await frame.locator('.grid-row').count()) >= 2, `${theme}: the rows are not shown`);
      await frame.locator('vscode-tab-header', { hasText: tab }).click();
      await frame.locator(`[data-panel="${tab.toLowerCase()}"] li, [data-panel="${tab.toLowerCase()}"] .phase.total`).first().waitFor({ state: 'visible' });
      // The colours the page computes from VS Code's theme variables.
      const computed = (locator: typeof consult, property: 'color' | 'backgroundColor') => locator.evaluate((element, name) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(element)[name]!, property);
      looks.push({ rowText: await computed(frame.locator('.grid-row:not(.selected)').first(), 'color'), headerBackground: await computed(frame.locator('.grid-header').first(), 'backgroundColor') });
      await screenshot(page, file, { forReadme: true });
    }
    const [dark, light] = looks as [(typeof looks)[0], (typeof looks)[0]];
    assert.ok(brightness(dark.headerBackground) < brightness(light.headerBackground), `the header is not darker in the dark theme: ${dark.headerBackground} vs ${light.headerBackground}`);
    assert.ok(brightness(dark.rowText) > brightness(light.rowText), `the text is not lighter in the dark theme: ${dark.rowText} vs ${light.rowText}`);
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await runCommand(page, 'View: Toggle Maximized Panel');
  });
});

/** How bright a computed CSS colour (`rgb(r, g, b)` or `rgba(...)`) looks, 0 to 255. */
function brightness(colour: string): number {
  const [r = NaN, g = NaN, b = NaN] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  const value = 0.299 * r + 0.587 * g + 0.114 * b;
  if (Number.isNaN(value)) throw new Error(`not a colour: ${colour}`);
  return value;
}
