// Runs every test suite in order and ends with one line CI reads: "N passed, N failed".
// `node scripts/run-tests.mjs unit` runs just the named suites; `screenshots` (not part of a full
// run; `npm run screenshots`) runs the UI tests that take the README's pictures and refreshes
// them in media/screenshots.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

// Each suite's time limits, shared with the suite inside VS Code (test/vscode/suite/index.ts).
// Each suite must end on its own (mocha is not told to exit): one that outlives its limit left a socket or timer
// open, or hangs; it is stopped and counted as a failure rather than holding CI until its deadline.
const SUITES = JSON.parse(readFileSync(join(root, 'test', 'suites.json'), 'utf8'));

const mocha = (name, specs) => [
  'node',
  [
    join(root, 'node_modules/mocha/bin/mocha.js'),
    '--reporter',
    join(root, 'scripts/count-reporter.cjs'),
    '--timeout',
    String(SUITES[name].testTimeoutMs),
    // On CI a left-over `.only` fails the run instead of quietly skipping every other test.
    ...(process.env.CI ? ['--forbid-only'] : []),
    ...specs,
  ],
];

const suites = {
  unit: mocha('unit', ['out/test/unit/**/*.test.js']),
  // Every benchmark, briefly: fails on a crash or a missing figure, never on numbers.
  bench: ['node', ['--expose-gc', join(root, 'out/bench/run.js'), '--smoke']],
  vscode: ['node', [join(root, 'out/test/vscode/runTests.js')]],
  ui: mocha('ui', ['out/test/ui/**/*.test.js']),
};
/** Run only when named. */
const extraSuites = {
  // The tests whose screenshots the README shows (screenshot(..., { forReadme: true })).
  screenshots: mocha('screenshots', ['notebooks', 'traffic', 'sessions'].map((file) => `out/test/ui/${file}.test.js`)),
};
const extraEnv = { screenshots: { ICWS_UPDATE_SCREENSHOTS: '1' } };

const named = process.argv.slice(2);
const wanted = named.length > 0 ? named : Object.keys(suites);
const fullRun = Object.keys(suites).every((name) => wanted.includes(name));
const checkoutBefore = checkoutState();
const systemTmp = tmpdir();
let passed = 0;
let failed = 0;
for (const name of wanted) {
  const suite = suites[name] ?? extraSuites[name];
  if (!suite) {
    console.error(`unknown suite ${name}; known: ${[...Object.keys(suites), ...Object.keys(extraSuites)].join(', ')}`);
    process.exit(2);
  }
  const summaryFile = join(resultsDir, `${name}.summary.json`);
  rmSync(summaryFile, { force: true });
  // The suite's own temp folder: what it leaves there is seen (and removed) however many other runs share the machine.
  const suiteTmp = mkdtempSync(join(systemTmp, `icws-test-run-${name}-`));
  console.log(`\n=== ${name} tests ===`);
  const env = { ...process.env, ...extraEnv[name], ICWS_TEST_SUMMARY: summaryFile, TMPDIR: suiteTmp, ICWS_SYSTEM_TMPDIR: systemTmp };
  const run = spawnSync(suite[0], suite[1], { cwd: root, stdio: 'inherit', env, timeout: SUITES[name].limitMinutes * 60_000, killSignal: 'SIGKILL' });
  if (run.error?.code === 'ETIMEDOUT') console.error(`${name} tests did not end within ${SUITES[name].limitMinutes} minutes (a socket or timer left open, or a hang); stopped`);
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
  // Scratch folders (test/support/scratch.ts) are the tests' own: each suite removes what it made.
  const leftBehind = readdirSync(suiteTmp).filter((entry) => entry.startsWith('icws-'));
  if (leftBehind.length > 0) {
    console.error(`${name} tests left ${leftBehind.length} temporary folder(s) behind: ${leftBehind.join(', ')}; counted as one failure`);
    failed += 1;
  }
  rmSync(suiteTmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

// A test run leaves the checkout as it found it: screenshots and scratch go to ignored or temporary folders.
const changed = changedSince(checkoutBefore, checkoutState()).filter((path) => !(wanted.includes('screenshots') && path.startsWith('media/screenshots/')));
if (changed.length > 0) {
  console.error(`\nthe tests changed the checkout: ${changed.join(', ')}${fullRun ? '; counted as one failure' : ''}`);
  // Only a full run counts it: a partial run may overlap with edits of one's own.
  if (fullRun) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/** What `git status` lists (changed, new, deleted), each with a fingerprint of its content; undefined outside a git checkout. */
function checkoutState() {
  const status = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
  if (status.status !== 0) return undefined;
  const state = new Map();
  const entries = status.stdout.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry) continue;
    const code = entry.slice(0, 2);
    const path = entry.slice(3);
    if (code.includes('R') || code.includes('C')) i++; // a rename's or copy's source follows
    if (/^(test-results|out|dist|node_modules|\.vscode-test)\//.test(path)) continue;
    const file = join(root, path);
    const content = existsSync(file) && statSync(file).isFile() ? createHash('sha1').update(readFileSync(file)).digest('hex') : 'none';
    state.set(path, `${code} ${content}`);
  }
  return state;
}

function changedSince(before, after) {
  if (!before || !after) return [];
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}
