import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type CodeServer, launchBrowser, openWorkbench, packageAndInstallVsix, startCodeServer, workbenchUrl } from '../support/codeServer';
import { useScratch } from '../support/scratch';
import { openIcwsView, runCommand, screenshot } from './workbench';

describe('UI: the packaged VSIX in a clean code-server', function () {
  // Packaging and installing come on top of starting the workbench.
  this.timeout(240_000);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  // Before the scratch folder goes (after hooks run in the order they are declared).
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const scratch = useScratch('vsix');

  it('installs, starts the embedded simulator from the palette, and shows demo calls', async () => {
    const extensionsDir = join(scratch(), 'extensions');
    const userDataDir = join(scratch(), 'user-data');
    packageAndInstallVsix(extensionsDir, userDataDir, scratch());
    assert.ok(readdirSync(extensionsDir).some((name) => name.startsWith('icws-interactions.icws-interactions-')), 'installed');
    const folder = join(scratch(), 'workspace');
    server = await startCodeServer({ userDataDir, extensionsDir, folder });
    browser = await launchBrowser();
    const page = await openWorkbench(browser, workbenchUrl(server, folder));
    await openIcwsView(page);
    await runCommand(page, 'ICWS: Start Simulator');
    const view = await openIcwsView(page);
    await view.locator('.monaco-list-row', { hasText: 'My Interactions' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'agent1' }).first().waitFor({ state: 'visible' });
    await view.locator('.monaco-list-row[aria-level="2"]').first().waitFor({ state: 'visible', timeout: 45_000 });
    await screenshot(page, 'vsix-simulator');
  });
});
