// Runs inside the VS Code extension host: mocha over the bundled *.test.js beside this file.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Mocha from 'mocha';
import { removeScratch } from '../../support/scratch';
import SUITES from '../../suites.json';

export function run(): Promise<void> {
  const root = resolve(__dirname, '../../../..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reporter = require(join(root, 'scripts', 'count-reporter.cjs'));
  // On CI a left-over `.only` fails the run instead of quietly skipping every other test.
  const mocha = new Mocha({ ui: 'bdd', reporter, color: false, timeout: SUITES.vscode.testTimeoutMs, forbidOnly: Boolean(process.env.CI) });
  // ICWS_BENCH=1 runs the benchmarks inside VS Code instead of the tests.
  const suffix = process.env.ICWS_BENCH === '1' ? '.bench.js' : '.test.js';
  // ICWS_TEST_FILE=traffic runs one file's tests, while working on them.
  const only = process.env.ICWS_TEST_FILE;
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith(suffix) && (!only || name.startsWith(`${only}.`))).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((done, fail) => {
    mocha.run((failures) => {
      // What a test could not remove itself (its before hook failed) goes with the run.
      removeScratch();
      if (failures > 0) fail(new Error(`${failures} test(s) failed inside VS Code`));
      else done();
    });
  });
}
