// ICWS notebooks in the workbench's Testing view (issue 22): the starter notebook is found in the
// workspace, runs against a fresh embedded simulator with "Run All Tests", and shows as passing.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from '../support/codeServer';
import { waitFor } from '../support/waitFor';
import { openWorkbenchWithSimulator, runCommand, screenshot, type Workbench } from './workbench';

/** The Testing view's tree. */
function testingTree(page: Page): Locator {
  return page.locator('.sidebar .test-explorer').first();
}

/** A row of the Testing view's tree by its label. */
function testRow(page: Page, label: string | RegExp): Locator {
  return testingTree(page).locator('.monaco-list-row', { hasText: label }).first();
}

describe('UI: ICWS notebooks in Test Explorer (code-server + Chromium)', function () {
  let workbench: Workbench | undefined;
  before(async () => {
    // The starter notebook, as the repository ships it, in the workspace the workbench opens.
    workbench = await openWorkbenchWithSimulator({}, {}, { 'starter.icws-notebook': join(ROOT, 'examples', 'tests', 'starter.icws-notebook') });
  });
  after(async () => {
    if (!workbench) return;
    await screenshot(workbench.page, 'test-explorer-final');
    await workbench.close();
  });

  it('shows the starter notebook passing against the simulator', async () => {
    const { page } = workbench!;
    // A workspace with a notebook activates the extension, whose test controller brings the Testing view.
    await page.locator('.activitybar .action-item a[aria-label^="Testing"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'Testing: Focus on Test Explorer View');
    const notebook = testRow(page, 'starter.icws-notebook');
    await notebook.waitFor({ state: 'visible', timeout: 60_000 });

    await runCommand(page, 'Test: Run All Tests');
    await notebook.locator('.codicon-testing-passed-icon').waitFor({ state: 'visible', timeout: 60_000 });

    // Its tests, one row each, every one passed (the notebook's row expanded to show them).
    if ((await notebook.getAttribute('aria-expanded')) !== 'true') {
      await notebook.click();
      await page.keyboard.press('ArrowRight');
    }
    const level = Number(await notebook.getAttribute('aria-level'));
    const rows = testingTree(page).locator(`.monaco-list-row[aria-level="${level + 1}"]`);
    await waitFor('the starter’s tests in the tree', async () => (await rows.count()) >= 6, 20_000);
    const labels = await rows.allInnerTexts();
    assert.ok(labels.some((label) => /call/.test(label)) && labels.some((label) => /consult/.test(label)), `the named cells are tests: ${labels.join(' | ')}`);
    assert.equal(await rows.locator('.codicon-testing-passed-icon').count(), await rows.count(), 'every test passed');
    assert.equal(await testingTree(page).locator('.codicon-testing-failed-icon, .codicon-testing-error-icon').count(), 0, 'no test failed');
  });
});
