// ICWS notebooks in a real workbench (issue 15): the starter opens, a cell typed with completion
// runs with the live session, and running a state-changing cell again asks first.
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { waitFor } from '../support/simulator';
import { connectedWorkbench, runCommand, screenshot } from './workbench';

/** The request cells' editors on screen, in order (the notebook draws only what is visible). */
function cellEditors(page: Page) {
  return page.locator('.notebook-editor .code-cell-row .monaco-editor');
}

/** The cell that has the focus. */
function focusedCell(page: Page) {
  return page.locator('.notebook-editor .code-cell-row.focused');
}

/** "Notebook: Execute Cell" from the palette (its exact entry: others start with the same words). */
async function executeCell(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Notebook: Execute Cell');
  const entry = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^Notebook: Execute Cell$/ }) });
  await entry.first().click();
}

describe('UI: ICWS notebooks (code-server + Chromium)', function () {
  this.timeout(180_000);
  const current = connectedWorkbench('notebooks');

  it('types a request with completion and runs it with the session', async () => {
    const { page, simulator } = current();
    await runCommand(page, 'ICWS: New Notebook');
    await cellEditors(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    // A new code cell at the end, typed as a person would.
    await cellEditors(page).last().click();
    await runCommand(page, 'Notebook: Insert Code Cell Below');
    await page.keyboard.type('GET /status/');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'status-messages' }).first();
    await suggestion.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('status-m');
    await page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'status-messages' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    assert.match((await focusedCell(page).locator('.monaco-editor').innerText()).replace(/\s+/g, ' '), /GET \/status\/status-messages/);
    const before = simulator.requestCounts.get('GET /icws/{sessionId}/status/status-messages') ?? 0;
    await executeCell(page);
    await waitFor('the request at the simulator', () => (simulator.requestCounts.get('GET /icws/{sessionId}/status/status-messages') ?? 0) > before, 20_000);
    await focusedCell(page).locator('.codicon-notebook-state-success').waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(page, 'notebook-completion-run');
  });

  it('asks before sending a state-changing cell again', async () => {
    const { page, simulator } = current();
    const operation = 'PUT /icws/{sessionId}/status/user-statuses/{userId}';
    // The starter's "set my status" cell: the second code cell.
    await page.locator('.notebook-editor .code-cell-row .monaco-editor', { hasText: 'user-statuses' }).first().click();
    await executeCell(page);
    await waitFor('the status change', () => (simulator.requestCounts.get(operation) ?? 0) >= 1, 20_000);
    const sent = simulator.requestCounts.get(operation);
    await page.locator('.notebook-editor .code-cell-row .monaco-editor', { hasText: 'user-statuses' }).first().click();
    await executeCell(page);
    const dialog = page.locator('.monaco-dialog-box', { hasText: /Send PUT putUserStatus again\?/ });
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(simulator.requestCounts.get(operation), sent, 'sent again without a yes');
  });
});
