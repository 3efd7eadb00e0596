// From Traffic to a test (issue 22) in a real workbench: the pickup and the consult made from the
// tree, selected with Ctrl+click in the Traffic panel, saved with the page's Save as Test… button
// through the save dialog; the notebook holds only those two requests (plus the subscription they
// need, as set-up) and icws-test runs it green against the simulator.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/codeServer';
import { waitFor } from '../support/waitFor';
import { connectedWorkbench, openTrafficPanel, pickUpAndConsult, runCommand } from './workbench';

const PICKUP_ROW = /^pickup …\d{4}POST200/;
const CONSULT_ROW = /^consult …\d{4}POST201/;

/** Runs the built `icws-test` on a notebook; its exit code and what it printed. */
function icwsTest(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'dist', 'icws-test.js'), file], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('UI: Save as Test from the Traffic panel (code-server + Chromium)', function () {
  const current = connectedWorkbench('save-as-test');

  it('selects rows as a list does (Ctrl+A, Escape, Ctrl+click), keeps them when the page is rebuilt, and saves the pickup and the consult as a test that passes against the simulator', async () => {
    const { page, simulator, folder } = current();
    await pickUpAndConsult(page, simulator);
    let frame = await openTrafficPanel(page);
    assert.equal(await frame.locator('#grid').getAttribute('aria-multiselectable'), 'true');

    const pickup = frame.locator('.grid-row', { hasText: PICKUP_ROW }).first();
    const consult = frame.locator('.grid-row', { hasText: CONSULT_ROW }).first();
    await consult.waitFor({ state: 'visible', timeout: 20_000 });
    const selected = frame.locator('.grid-row[aria-selected="true"]');
    // Ctrl+A selects every shown row, Escape keeps the focused one, as in a VS Code list.
    await pickup.click();
    await page.keyboard.press('Control+A');
    await waitFor('every drawn row selected', async () => (await selected.count()) === (await frame.locator('.grid-row').count()));
    await page.keyboard.press('Escape');
    await waitFor('only the focused row selected', async () => (await selected.count()) === 1);
    assert.equal(await pickup.getAttribute('aria-selected'), 'true');
    await consult.click({ modifiers: ['Control'] });
    await waitFor('two rows selected', async () => (await selected.count()) === 2);
    assert.match((await selected.allTextContents()).join('\n'), /pickup …\d{4}POST200[\s\S]*consult …\d{4}POST201/);
    await frame.locator('#count', { hasText: /· 2 selected$/ }).waitFor({ state: 'visible' });
    // Rows were selected, not the page's text: VS Code runs the page's own "select all" after Ctrl+A
    // reached it, which turned the whole page blue behind the rows (seen as a new user would).
    assert.equal(await frame.locator('body').evaluate(() => String((globalThis as unknown as { document: { getSelection(): unknown } }).document.getSelection())), '', 'page text selected');
    // The details show the row clicked last, and the grid names it as its active descendant.
    await frame.locator('#details .detail-title', { hasText: /^consult …\d{4} POST 201/ }).waitFor({ state: 'visible' });
    const consultId = await consult.getAttribute('id');
    assert.equal(await frame.locator('#grid').getAttribute('aria-activedescendant'), consultId);

    // Hidden and shown again (the page is rebuilt): the same rows are selected.
    await runCommand(page, 'Output: Focus on Output View');
    frame = await openTrafficPanel(page);
    await frame.locator('#count', { hasText: /· 2 selected$/ }).waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator(`#${consultId}.focused[aria-selected="true"]`).waitFor({ state: 'attached' });

    // The toolbar button says what it saves, on hover and to a screen reader.
    assert.match((await frame.locator('#saveAsTest').getAttribute('title')) ?? '', /^Save as Test… \(the selected requests, or the whole timeline\)$/);
    await frame.locator('#saveAsTest').click();
    // The save dialog says what is saved; it offers a name in the workspace folder, and takes ours.
    await page.locator('.quick-input-widget', { hasText: 'Save 2 selected entries as a test' }).waitFor({ state: 'visible', timeout: 20_000 });
    const input = page.locator('.quick-input-widget input');
    // (The simple dialog fills in the folder first, the file name a moment later.)
    await waitFor('the offered file name', async () => /\/workspace\/icws-test-\d{4}-\d{2}-\d{2}\.icws-notebook$/.test(await input.inputValue()), 15_000);
    const file = join(folder, 'pickup-and-consult.icws-notebook');
    await input.fill(file);
    await input.press('Enter');
    await waitFor('the saved notebook', () => existsSync(file), 20_000);
    // It opens as a notebook.
    await page.locator('.tabs-container .tab', { hasText: 'pickup-and-consult.icws-notebook' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 20_000 });

    const saved = JSON.parse(readFileSync(file, 'utf8')) as { cells: { kind: string; source: string }[]; metadata: { scenario: string } };
    const requests = saved.cells.filter((cell) => cell.kind === 'request').map((cell) => cell.source);
    const tests = requests.filter((source) => /^> /m.test(source));
    assert.equal(tests.length, 2, tests.join('\n---\n'));
    assert.match(tests[0]!, /^# @name step1\nPOST \/interactions\/\d+\/pickup\n/);
    assert.match(tests[1]!, /^# @name step2\nPOST \/interactions\/\d+\/consult\n/);
    for (const setUp of requests.filter((source) => !/^> /m.test(source))) assert.match(setUp, /^# @name setup\d+\n# Set-up: .*\nPUT \/messaging\/subscriptions\//);
    assert.ok(existsSync(join(folder, saved.metadata.scenario)), 'no scenario beside the notebook');

    const { code, output } = await icwsTest(file);
    assert.equal(code, 0, output);
    assert.match(output, /2 passed/);
  });
});
