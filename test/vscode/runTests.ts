// Entry point of the tests inside VS Code: @vscode/test-electron's runTests. Here it starts our
// launcher (code-server + Chromium) as the VS Code executable; with ICWS_DESKTOP_VSCODE=1 on a
// machine with internet it downloads and uses desktop VS Code instead.
import { chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { removeScratch, scratchDir } from '../support/scratch';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const launcher = join(root, 'out', 'test', 'vscode', 'launcher.js');
  chmodSync(launcher, 0o755);
  const scratch = scratchDir('vscode-run');
  const desktop = process.env.ICWS_DESKTOP_VSCODE === '1';
  try {
    await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: launcher }),
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
      launchArgs: [join(scratch, 'workspace'), `--user-data-dir=${join(scratch, 'user-data')}`, `--extensions-dir=${join(scratch, 'extensions')}`],
      extensionTestsEnv: { ICWS_TEST_SUMMARY: process.env.ICWS_TEST_SUMMARY ?? '', ICWS_BENCH: process.env.ICWS_BENCH ?? '', CI: process.env.CI ?? '' },
    });
  } catch (error) {
    console.error(`The tests inside VS Code failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    // runTests returns once VS Code (here the launcher, which stops code-server first) has exited.
    removeScratch(scratch);
  }
}

void main();
