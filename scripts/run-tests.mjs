// Runs every test suite in order and ends with one line CI reads: "N passed, N failed".
// `node scripts/run-tests.mjs unit` runs just the named suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

// Each suite must end on its own (mocha is not told to exit): one that outlives its limit left a socket or timer
// open, or hangs; it is stopped and counted as a failure rather than holding CI until its deadline.
const LIMIT_MINUTES = { unit: 5, bench: 5, vscode: 10, ui: 15 };

const suites = {
  unit: ['node', [join(root, 'node_modules/mocha/bin/mocha.js'), '--reporter', join(root, 'scripts/count-reporter.cjs'), '--timeout', '15000', 'out/test/unit/**/*.test.js']],
  // Every benchmark, briefly: fails on a crash or a missing figure, never on numbers.
  bench: ['node', ['--expose-gc', join(root, 'out/bench/run.js'), '--smoke']],
  vscode: ['node', [join(root, 'out/test/vscode/runTests.js')]],
  ui: ['node', [join(root, 'node_modules/mocha/bin/mocha.js'), '--reporter', join(root, 'scripts/count-reporter.cjs'), '--timeout', '180000', 'out/test/ui/**/*.test.js']],
};

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(suites);
let passed = 0;
let failed = 0;
for (const name of wanted) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  const summaryFile = join(resultsDir, `${name}.summary.json`);
  rmSync(summaryFile, { force: true });
  console.log(`\n=== ${name} tests ===`);
  const run = spawnSync(suite[0], suite[1], { cwd: root, stdio: 'inherit', env: { ...process.env, ICWS_TEST_SUMMARY: summaryFile }, timeout: LIMIT_MINUTES[name] * 60_000, killSignal: 'SIGKILL' });
  if (run.error?.code === 'ETIMEDOUT') console.error(`${name} tests did not end within ${LIMIT_MINUTES[name]} minutes (a socket or timer left open, or a hang); stopped`);
  if (existsSync(summaryFile)) {
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    passed += summary.passed;
    failed += summary.failed;
    // A suite that crashed after counting still fails the run.
    if (run.status !== 0 && summary.failed === 0) failed += 1;
  } else {
    console.error(`${name} tests produced no summary (exit ${run.status ?? run.signal}); counted as one failure`);
    failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
