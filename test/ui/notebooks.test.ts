// ICWS notebooks in a real workbench (issue 15): the starter opens, a cell typed with completion
// runs with the live session, and running a state-changing cell again asks first.
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { waitFor } from '../support/waitFor';
import { connectedWorkbench, runCommand, runExactCommand, screenshot } from './workbench';

/** The request cells' editors on screen, in order (the notebook draws only what is visible). */
function cellEditors(page: Page) {
  return page.locator('.notebook-editor .code-cell-row .monaco-editor');
}

/** The cell that has the focus. */
function focusedCell(page: Page) {
  return page.locator('.notebook-editor .code-cell-row.focused');
}

/**
 * A code cell's editor by its text, scrolled until all of it is inside the notebook's view. The
 * notebook draws only the cells near the screen, and one drawn below the view's edge counts as
 * visible to Playwright: a click on it landed on the cell in front (a markdown cell, which offers
 * no *Notebook: Execute Cell*).
 */
async function cellWith(page: Page, text: string) {
  const editor = page.locator('.notebook-editor .code-cell-row .monaco-editor', { hasText: text }).first();
  const list = page.locator('.notebook-editor .cell-list-container').first();
  for (let i = 0; i < 20; i++) {
    const view = await list.boundingBox();
    const cell = (await editor.count()) > 0 ? await editor.boundingBox() : null;
    if (view && cell && cell.y >= view.y && cell.y + cell.height <= view.y + view.height) return editor;
    await list.hover();
    // Above the view: up. Below it, or not drawn yet (the cells looked for here come later): down.
    await page.mouse.wheel(0, cell && view && cell.y < view.y ? -300 : 300);
  }
  throw new Error(`the cell with "${text}" did not scroll into the notebook's view`);
}

describe('UI: ICWS notebooks (code-server + Chromium)', function () {
  const current = connectedWorkbench('notebooks');

  it('types a request with completion and runs it with the session', async () => {
    const { page, simulator } = current();
    await runCommand(page, 'ICWS: New Notebook');
    await cellEditors(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    // A new code cell at the end, typed as a person would.
    await (await cellWith(page, 'GET /connection')).click();
    await runCommand(page, 'Notebook: Insert Code Cell Above');
    await page.keyboard.type('GET /icws/connection/');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'version' }).first();
    await suggestion.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('vers');
    // Accepted once the list has narrowed to it (the widget filters as it is typed into).
    await waitFor('the list narrowed to "version"', async () => (await page.locator('.suggest-widget .monaco-list-row').count()) === 1, 10_000);
    await page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'version' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await waitFor('the completed path', async () => /GET \/icws\/connection\/version/.test((await focusedCell(page).locator('.monaco-editor').innerText()).replace(/\s+/g, ' ')), 5_000);
    const operation = 'GET /icws/connection/version';
    const before = simulator.requestCounts.get(operation) ?? 0;
    await runExactCommand(page, 'Notebook: Execute Cell');
    await waitFor('the request at the simulator', () => (simulator.requestCounts.get(operation) ?? 0) > before, 20_000);
    await focusedCell(page).locator('.codicon-notebook-state-success').waitFor({ state: 'visible', timeout: 20_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');
    await screenshot(page, 'notebook', { forReadme: true });
  });

  it('asks before sending a state-changing cell again', async () => {
    const { page, simulator } = current();
    const operation = 'PUT /icws/{sessionId}/status/user-statuses/{userId}';
    // The starter's "set my status" cell: the second code cell.
    await (await cellWith(page, 'user-statuses')).click();
    await runExactCommand(page, 'Notebook: Execute Cell');
    await waitFor('the status change', () => (simulator.requestCounts.get(operation) ?? 0) >= 1, 20_000);
    const sent = simulator.requestCounts.get(operation);
    await (await cellWith(page, 'user-statuses')).click();
    await runExactCommand(page, 'Notebook: Execute Cell');
    const dialog = page.locator('.monaco-dialog-box', { hasText: /Send PUT putUserStatus again\?/ });
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(simulator.requestCounts.get(operation), sent, 'sent again without a yes');
  });
});
