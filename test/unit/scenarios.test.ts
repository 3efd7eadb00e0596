// Scenario files: the shipped examples load, a wrong file is refused with its line and field,
// and the same file and seed give the same run.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_ATTRIBUTES, IcwsSession, QueueType } from '../../src/icws';
import { IcwsSimulator, loadScenario, ScenarioError, scenarioJsonSchema } from '../../src/simulator';
import { removeScratch, scratchDir } from '../support/scratch';
import { waitFor } from '../support/waitFor';

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

  it('refuses a file of more than 100,000 calls and events after repeats, before expanding it', () => {
    // 11 entries of 10,000 calls each: the file is small, the run would not be.
    const calls = Array.from({ length: 11 }, () => ({ at: 1, to: 'Support', repeat: { count: 10_000, every: '1s' } }));
    refused(JSON.stringify({ name: 'x', calls, events: [{ at: 1 }] }, null, 1), /^day\.yaml, line 3, field "calls": 110001 calls and events in all \(repeats counted\); at most 100000$/);
    assert.equal(loadScenario(JSON.stringify({ name: 'x', calls: calls.slice(1) }), 'day.yaml').calls?.length, 10);
    // A definition that never went through a file is held to the same bound.
    assert.throws(() => new IcwsSimulator({ port: 0, script: { name: 'x', calls } }), /110000 calls and events in all \(repeats counted\); at most 100000/);
  });

  it('refuses a wait longer than a timer can count, naming the field', () => {
    const tooLong = /at most 2147483647 ms \(about 24\.8 days\)/;
    refused('name: x\ncalls:\n  - at: 40000m\n    to: Support\n', new RegExp(`^day\\.yaml, line 3, field "calls\\.0\\.at": ${tooLong.source}`));
    refused('{"name": "x", "events": [{"at": 1e300}]}', new RegExp(`field "events\\.0\\.at": ${tooLong.source}`));
    refused('name: x\ncalls:\n  - { at: 1, to: Support, repeat: { count: 2, every: 1s, jitter: 2147484s } }\n', /field "calls\.0\.repeat\.jitter": at most/);
    refused('name: x\nagents:\n  agent2: { talkFor: 35792m }\n', /field "agents\.agent2\.talkFor": at most/);
    refused('name: x\nevents:\n  - { at: 1, fault: { pollDelayMs: 3000000000 } }\n', /field "events\.0\.fault\.pollDelayMs": at most/);
    assert.equal(loadScenario('name: x\ncalls:\n  - at: 35791m\n    to: Support\n').calls?.[0]?.at, '35791m');
  });

  it('waits longer than a timer can count in steps, not at once', async () => {
    // At half speed the 20,000-minute call is 2.4e9 ms away, and the repeats' later calls further still: past what one timer counts.
    const script = { name: 'long waits', calls: [{ at: 0, to: 'Support' }, { at: '20000m', to: 'Support' }, { at: 0, to: 'Support', repeat: { count: 3, every: '30000m' } }], events: [{ at: '100ms', note: 'a marker' }] };
    const simulator = new IcwsSimulator({ port: 0, script, speed: 0.5 });
    await simulator.start();
    try {
      await waitFor('the marker event', () => simulator.scenario!.progress.eventsDone === 1);
      assert.equal(simulator.scenario!.progress.callsPlaced, 2);
    } finally {
      await simulator.stop();
    }
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
      // Which calls came, in which order, with which attributes, and that each ended. How changes
      // are batched into messages depends on the machine's load (the simulator coalesces what
      // happens within one delivery window), so each call's attributes are merged across messages.
      const order: string[] = [];
      const merged = new Map<string, Record<string, string>>();
      const removed: string[] = [];
      try {
      session.messages.onMessage((decoded) => {
        if (decoded.kind !== 'queueContents') return;
        const m = decoded.message;
        const merge = (item: { interactionId: string; attributes: Record<string, string> }) => {
          if (!merged.has(item.interactionId)) order.push(item.interactionId);
          merged.set(item.interactionId, { ...merged.get(item.interactionId), ...item.attributes });
        };
        for (const item of m.interactionsAdded ?? []) merge(item);
        for (const item of m.interactionsChanged ?? []) merge(item);
        for (const id of m.interactionsRemoved ?? []) removed.push(id);
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
      // Wall-clock times differ between runs; everything else must not.
      const describe = (attributes: Record<string, string>) => Object.keys(attributes).filter((name) => !/Time$/i.test(name)).sort().map((name) => `${name}=${attributes[name]}`).join(',');
      return [...order.map((id) => `${id} ${describe(merged.get(id)!)}`), ...[...removed].sort().map((id) => `-${id}`)];
    };
    const first = await run();
    const second = await run();
    assert.ok(first.length >= 10, `${first.length} calls and removals`);
    assert.deepEqual(second, first);
  });

  it('runs from the CLI with --scenario-file, and refuses a wrong file with its line', () => {
    const cli = join(ROOT, 'dist', 'simulator-cli.js');
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /--scenario-file <path>/);
    assert.match(help.stdout, /--speed <factor>/);
    const dir = scratchDir('scenario');
    try {
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, 'name: x\ncalls:\n  - at: later\n    to: Support\n');
      const refusedRun = spawnSync(process.execPath, [cli, '--port', '0', '--scenario-file', bad], { encoding: 'utf8', timeout: 10_000 });
      assert.equal(refusedRun.status, 2);
      assert.match(refusedRun.stderr, /bad\.yaml, line 3, field "calls\.0\.at"/);
    } finally {
      removeScratch(dir);
    }
  });
});
