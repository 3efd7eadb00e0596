// Scenario files: the shipped examples load, a wrong file is refused with its line and field,
// and the same file and seed give the same run.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_ATTRIBUTES, IcwsSession, QueueType } from '../../src/icws';
import { IcwsSimulator, loadScenario, ScenarioError, scenarioJsonSchema } from '../../src/simulator';
import { waitFor } from '../support/simulator';

const ROOT = resolve(__dirname, '../../..');
const EXAMPLES = join(ROOT, 'examples', 'scenarios');

function refused(text: string, pattern: RegExp): void {
  assert.throws(() => loadScenario(text, 'day.yaml'), (error: Error) => error instanceof ScenarioError && pattern.test(error.message), text);
}

describe('scenario files', () => {
  it('ships three examples that load, one of them with 200 calls', () => {
    const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml'));
    assert.equal(files.length, 3);
    const calls = files.map((name) => loadScenario(readFileSync(join(EXAMPLES, name), 'utf8'), name)).map((s) => (s.calls ?? []).reduce((sum, call) => sum + (call.repeat?.count ?? 1), 0));
    assert.ok(calls.includes(200), calls.join(','));
  });

  it('refuses a wrong file, naming the line and the field', () => {
    refused('name: x\ncalls:\n  - at: soon\n    to: Support\n', /^day\.yaml, line 3, field "calls\.0\.at": .*duration/);
    refused('name: x\ncalls:\n  - at: 5s\n    to: Support\n    when: later\n', /line 3, field "calls\.0": .*"when"/);
    refused('name: x\nagents:\n  agent2: { answerAfter: -1 }\n', /line 3, field "agents\.agent2\.answerAfter"/);
    refused('calls: []\n', /field "name"/);
    refused('name: x\ncalls: [\n', /^day\.yaml, line \d+: /);
    refused('{"name": "x", "seed": 1.5}', /field "seed"/);
  });

  it('describes the format as a JSON schema for editors', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; additionalProperties?: unknown };
    assert.ok(['name', 'calls', 'agents', 'events', 'statuses', 'directory'].every((key) => key in schema.properties));
    assert.equal(schema.additionalProperties, false);
  });

  it('gives the same message sequence twice for the same file and seed', async function () {
    this.timeout(30_000);
    const script = loadScenario(readFileSync(join(EXAMPLES, 'quiet-queue.icws-scenario.yaml'), 'utf8'));
    const run = async () => {
      const simulator = new IcwsSimulator({ port: 0, script, speed: 40, seed: 5, timing: { answerDelayMs: 40, disconnectLingerMs: 80 } });
      await simulator.start();
      const session = await IcwsSession.login({ server: simulator.url }, { userId: 'supervisor', password: '1234' });
      const seen: string[] = [];
      try {
      session.messages.onMessage((decoded) => {
        if (decoded.kind !== 'queueContents') return;
        const m = decoded.message;
        // Wall-clock times differ between runs; everything else must not.
        const describe = (attributes: Record<string, string>) => Object.keys(attributes).filter((name) => !/Time$/i.test(name)).sort().map((name) => `${name}=${attributes[name]}`).join(',');
        for (const item of m.interactionsAdded ?? []) seen.push(`+${item.interactionId} ${describe(item.attributes)}`);
        for (const item of m.interactionsChanged ?? []) seen.push(`~${item.interactionId} ${describe(item.attributes)}`);
        for (const id of m.interactionsRemoved ?? []) seen.push(`-${id}`);
      });
      session.messages.start();
      await session.queues.subscribe({ subscriptionId: 'support', queues: [{ queueType: QueueType.Workgroup, queueName: 'Support' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
      await waitFor('the scenario to finish', () => simulator.scenario!.progress.finished, 10_000);
      await waitFor('the last call to end', () => simulator.callCenter.all().length === 0, 10_000);
      // …and its removal to reach the client, so both runs end on the same message.
      await waitFor('the client to see the queue empty', () => session.queues.cache.size('support') === 0, 5_000);
      } finally {
        await session.logout();
        await simulator.stop();
      }
      return seen;
    };
    const first = await run();
    const second = await run();
    assert.ok(first.length > 10, `${first.length} changes`);
    assert.deepEqual(second, first);
  });

  it('runs from the CLI with --scenario-file, and refuses a wrong file with its line', () => {
    const cli = join(ROOT, 'dist', 'simulator-cli.js');
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /--scenario-file <path>/);
    assert.match(help.stdout, /--speed <factor>/);
    const bad = join(mkdtempSync(join(tmpdir(), 'icws-scenario-')), 'bad.yaml');
    writeFileSync(bad, 'name: x\ncalls:\n  - at: later\n    to: Support\n');
    const refusedRun = spawnSync(process.execPath, [cli, '--port', '0', '--scenario-file', bad], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(refusedRun.status, 2);
    assert.match(refusedRun.stderr, /bad\.yaml, line 3, field "calls\.0\.at"/);
  });
});
