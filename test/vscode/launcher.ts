// An executable that @vscode/test-electron's runTests can start as "VS Code": it reads VS Code's
// test flags, runs the extension tests in code-server driven by headless Chromium, relays the
// extension host's console, and exits with the code the tests reported.
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, startCodeServer, workbenchUrl } from '../support/codeServer';
import { removeScratch, scratchDir } from '../support/scratch';
import SUITES from '../suites.json';

/** Workbench chatter that says nothing about the tests (no gallery on this network, sockets). */
const WORKBENCH_NOISE = [/^Resolv(ing|ed) connection token/, /^Creating a socket/, /^Updating additional builtin extensions cache/, /^\[Service Worker\]/, /^ChatSessionStore/, /ENOTFOUND open-vsx\.org/];

function flag(name: string, args: string[]): string | undefined {
  const prefix = `--${name}=`;
  const inline = args.find((arg) => arg.startsWith(prefix));
  if (inline) return inline.slice(prefix.length);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const testsPath = flag('extensionTestsPath', args);
  const developmentPath = flag('extensionDevelopmentPath', args);
  if (!testsPath || !developmentPath) {
    console.error('launcher: --extensionTestsPath and --extensionDevelopmentPath are required');
    return 2;
  }
  const scratch = scratchDir('vscode');
  const userDataDir = flag('user-data-dir', args) ?? join(scratch, 'user-data');
  const extensionsDir = flag('extensions-dir', args) ?? join(scratch, 'extensions');
  const folder = resolve(args.find((arg) => !arg.startsWith('-') && arg !== userDataDir && arg !== extensionsDir) ?? join(scratch, 'workspace'));
  const server = await startCodeServer({ userDataDir, extensionsDir, folder });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((done) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => done(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const line = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (WORKBENCH_NOISE.some((noise) => noise.test(line))) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    // A busy machine (CI beside other work) can take well over the default 30 s to serve the workbench.
    await page.goto(workbenchUrl(server, folder, { extensionDevelopmentPath: resolve(developmentPath), extensionTestsPath: resolve(testsPath) }), { timeout: 180_000 });
    // Below the runner's own limit for the suite, so the launcher still stops code-server and reports.
    const timeoutMs = Number(process.env.ICWS_VSCODE_TEST_TIMEOUT_MS ?? SUITES.vscode.workbenchLimitMinutes * 60_000);
    const timedOut = new Promise<number>((done) => setTimeout(() => {
      console.error(`launcher: the extension tests did not finish within ${timeoutMs / 1000} s`);
      done(1);
    }, timeoutMs).unref());
    return await Promise.race([exit, timedOut]);
  } finally {
    await browser.close();
    await server.stop();
    removeScratch(scratch);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`launcher: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
