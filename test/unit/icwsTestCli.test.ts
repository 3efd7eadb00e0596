// icws-test (issue 22): the CLI's exit codes (0 all passed, 1 a failure, 2 bad usage or input),
// the JUnit report parsed back and checked against the JUnit XML schema's shape, --bail, --grep,
// a server given on the command line with the password from the environment, and the examples CI
// runs (examples/tests/) passing against a fresh simulator.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { IcwsSimulator } from '../../src/simulator';
import { main } from '../../src/testing/cli';
import { useScratch } from '../support/scratch';
import { startSimulator } from '../support/simulator';

const ROOT = join(__dirname, '../../..');

/** Runs the CLI in this process; what it wrote to stdout and stderr, and its exit code. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, env, (text) => (out += text), (text) => (err += text));
  return { code, out, err };
}

const notebook = (cells: string[], metadata?: object) => JSON.stringify({ icwsNotebook: 1, ...(metadata ? { metadata } : {}), cells: cells.map((source) => ({ kind: 'request', source })) });

describe('icws-test', () => {
  const scratch = useScratch('icws-test');
  let passing: string;
  let failing: string;
  before(() => {
    passing = join(scratch(), 'passing.icws-notebook');
    failing = join(scratch(), 'failing.icws-notebook');
    writeFileSync(passing, notebook(['# @name who\nGET /connection\n> status 200\n> body.connectionState == 1', '# status list\nGET /status/status-messages\n> status < 300']));
    writeFileSync(failing, notebook(['# @name wrong-status\nGET /connection\n> status 201', 'GET /connection\n> status 200', 'GET /connection']));
  });

  it('passes the examples CI runs (examples/tests/) against a fresh simulator, as a process', function () {
    this.timeout(60_000);
    const result = spawnSync(process.execPath, [join(ROOT, 'dist/icws-test.js'), 'examples/tests'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ICWS_PASSWORD: '' } });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /✔ consult/);
    assert.match(result.stdout, /\n\d+ passed, 0 failed \(2 notebooks, [\d.]+ s\)\n$/);
  });

  it('exits 0 when every test passes and 1 on a failure, naming the line', async () => {
    const ok = await run([passing]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /✔ who \(\d+ ms\)\n {2}✔ status list/);
    const bad = await run([passing, failing]);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /✘ wrong-status \(\d+ ms\)\n {6}line 3: expected status == 201; status is 200\n {2}- cell 2: GET \/connection \(skipped: an earlier cell failed\)/);
    assert.match(bad.out, /2 passed, 1 failed, 1 skipped \(2 notebooks/);
  });

  it('exits 2 on bad usage or input, saying what is wrong', async () => {
    const usage = async (args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}) => {
      const result = await run(args, env);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.out}${result.err}`);
      assert.match(result.err, pattern);
    };
    const notNotebook = join(scratch(), 'bad.icws-notebook');
    writeFileSync(notNotebook, JSON.stringify({ icwsNotebook: 1, cells: [{ kind: 'code', source: '' }] }));
    await usage(['--password', 'x', passing], /unknown option '--password'/);
    await usage(['--reporter', 'xml', passing], /use terminal or junit/);
    await usage(['--seed', 'x', passing], /give a whole number/);
    await usage(['--grep', '(', passing], /not a regular expression/);
    await usage([join(scratch(), 'missing.icws-notebook')], /missing\.icws-notebook does not exist/);
    await usage([notNotebook], /bad\.icws-notebook is not an ICWS notebook: cells\.0\.kind/);
    await usage(['--server', 'http://127.0.0.1:1', '--user', 'agent1', passing], /needs the password in the ICWS_PASSWORD environment variable/);
    await usage(['--server', 'cic01', '--user', 'agent1', passing], /is not a server address/, { ICWS_PASSWORD: 'x' });
    await usage(['--output', 'x.xml', passing], /add --reporter junit/);
    await usage([passing, '--scenario-file', join(scratch(), 'none.yaml')], /cannot read the scenario file .*none\.yaml: ENOENT/);
  });

  it('writes a JUnit report of the JUnit XML schema’s shape, values escaped', async () => {
    const output = join(scratch(), 'results.xml');
    const result = await run(['--reporter', 'junit', '--output', output, passing, failing]);
    assert.equal(result.code, 1);
    const xml = readFileSync(output, 'utf8');
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml) as {
      testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; time: string; testsuite: Record<string, unknown>[] };
    };
    const root = parsed.testsuites;
    assert.deepEqual([root.name, root.tests, root.failures, root.errors, root.skipped], ['icws-test', '4', '1', '0', '1']);
    assert.match(root.time, /^\d+\.\d{3}$/);
    assert.equal(root.testsuite.length, 2);
    for (const suite of root.testsuite) {
      for (const attribute of ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'timestamp']) assert.ok(attribute in suite, `testsuite lacks ${attribute}`);
      assert.match(String(suite.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, 'an ISO 8601 time without zone, as the schema wants');
      const cases = suite.testcase as Record<string, unknown>[];
      assert.equal(String(cases.length), suite.tests);
      for (const testcase of cases) for (const attribute of ['name', 'classname', 'time']) assert.ok(attribute in testcase, `testcase lacks ${attribute}`);
    }
    const failed = root.testsuite.find((suite) => String(suite.name).endsWith('failing.icws-notebook'))!;
    const [wrong, skipped] = failed.testcase as { name: string; failure?: { message: string; type: string; '#text': string }; skipped?: unknown }[];
    assert.equal(wrong!.name, 'wrong-status');
    assert.deepEqual([wrong!.failure!.message, wrong!.failure!.type], ['line 3: expected status == 201; status is 200', 'ExpectationFailed']);
    assert.ok(skipped!.skipped !== undefined);
    // Without --output the XML takes stdout and the readable report goes to stderr.
    const piped = await run(['--reporter', 'junit', passing]);
    assert.match(piped.out, /^<\?xml/);
    assert.match(piped.err, /✔ who/);
  });

  it('--bail stops at the first failing notebook; --grep reports only matching tests', async () => {
    const bailed = await run(['--bail', failing, passing]);
    assert.equal(bailed.code, 1);
    assert.ok(!bailed.out.includes('passing.icws-notebook'), bailed.out);
    const grepped = await run(['--grep', '^status', passing, failing]);
    assert.equal(grepped.code, 0, grepped.out);
    assert.match(grepped.out, /✔ status list/);
    assert.ok(!/✔ who|wrong-status|failing\.icws-notebook/.test(grepped.out), grepped.out);
  });

  describe('against a server named on the command line', () => {
    let simulator: IcwsSimulator;
    before(async () => (simulator = await startSimulator()));
    after(() => simulator.stop());

    it('logs in with the password from ICWS_PASSWORD, and says when a login fails', async () => {
      const ok = await run(['--server', simulator.url, '--user', 'agent1', passing], { ICWS_PASSWORD: '1234' });
      assert.equal(ok.code, 0, ok.out + ok.err);
      const wrong = await run(['--server', simulator.url, '--user', 'agent1', passing], { ICWS_PASSWORD: 'nope' });
      assert.equal(wrong.code, 1);
      assert.match(wrong.out, /✘ who \(\d+ ms\)\n {6}could not log in to http:\/\/127\.0\.0\.1:\d+ as agent1: .*authentication/);
      assert.ok(!wrong.out.includes('nope') && !wrong.err.includes('nope'), 'the password was printed');
    });

    it('refuses a password in the --server URL, without echoing it', async () => {
      const withPassword = simulator.url.replace('http://', 'http://agent1:hunter22@');
      const result = await run(['--server', withPassword, '--user', 'agent1', passing], { ICWS_PASSWORD: '1234' });
      assert.equal(result.code, 2, result.out + result.err);
      assert.match(result.err, /leave the user name and password out of the URL.*ICWS_PASSWORD/);
      assert.ok(!result.out.includes('hunter22') && !result.err.includes('hunter22'), 'the password was printed');
    });
  });
});
