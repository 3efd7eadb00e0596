// How the client reacts to a server that misbehaves, with faults injected through the
// simulator's control API over HTTP.
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { attribute, DEFAULT_ATTRIBUTES, type HttpExchange, IcwsError, type IcwsSession, type QueueCacheChange, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { control, createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const SUPPORT = { queueType: QueueType.Workgroup, queueName: 'Support' };

async function faults(simulator: IcwsSimulator, body: unknown, method: 'POST' | 'DELETE' = 'POST'): Promise<void> {
  const response = await control(simulator, method, '/simulator/faults', body);
  assert.equal(response.status, 200);
}

async function watching(simulator: IcwsSimulator, options: Parameters<typeof loginTo>[2] = {}) {
  const session = await loginTo(simulator, 'agent1', options);
  const changes: QueueCacheChange[] = [];
  session.queues.cache.onDidChange((change) => changes.push(change));
  session.messages.start();
  await session.queues.subscribe({ subscriptionId: 'wg', queues: [SUPPORT, { queueType: QueueType.User, queueName: 'agent1' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
  await waitFor('first snapshot', () => changes.some((c) => c.replaced));
  return { session, changes, snapshots: () => changes.filter((c) => c.replaced).length };
}

describe('faults', () => {
  let simulator: IcwsSimulator;
  let session: IcwsSession | undefined;
  beforeEach(async () => (simulator = await startSimulator({ keepAliveMs: 100 })));
  afterEach(async () => {
    await session?.logout().catch(() => undefined);
    session = undefined;
    await simulator.stop();
  });

  it('reconnects after the event stream drops, re-subscribes, and rebuilds the cache from a snapshot', async () => {
    const watch = await watching(simulator);
    session = watch.session;
    const states: string[] = [];
    session.messages.onDidChangeState((state) => states.push(state));
    await faults(simulator, { dropStreams: true });
    await waitFor('a fresh snapshot', () => watch.snapshots() >= 2, 5_000);
    assert.ok(states.includes('reconnecting'), states.join(','));
    assert.equal(session.messages.state, 'open');
    const id = await createCall(simulator, { to: 'Support' });
    await waitFor('deltas flow again', () => session!.queues.cache.find(id));
  });

  it('notices a stream that stalls without closing, and reconnects once it flows again', async () => {
    const watch = await watching(simulator, { staleAfterMs: 400 });
    session = watch.session;
    await faults(simulator, { stallStreams: true });
    await waitFor('reconnecting', () => session!.messages.state === 'reconnecting', 3_000);
    // The last known interactions stay while it reconnects.
    await faults(simulator, { stallStreams: false });
    await waitFor('a fresh snapshot', () => watch.snapshots() >= 2, 8_000);
    assert.equal(session.messages.state, 'open');
  });

  it('refuses a poll delay longer than a timer can count (400), rather than polling at once', async () => {
    for (const pollDelayMs of [1e300, 3_000_000_000, -1, 'soon']) {
      const response = await fetch(`${simulator.url}/simulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pollDelayMs, stallStreams: true }) });
      assert.equal(response.status, 400, String(pollDelayMs));
      const body = (await response.json()) as { propertyName: string; message: string };
      assert.equal(body.propertyName, 'pollDelayMs');
      assert.match(body.message, /must be a number from 0 to 2147483647 ms \(about 24\.8 days\)/);
    }
    // Refused whole: nothing of the request took effect.
    assert.deepEqual([simulator.faults.pollDelayMs, simulator.faults.stallStreams], [0, false]);
  });

  it('keeps one poll in flight when polling is slow', async () => {
    const polls: HttpExchange[] = [];
    const watch = await watching(simulator, { messaging: 'polling', onExchange: (e) => e.template.endsWith('/messaging/messages') && polls.push(e) });
    session = watch.session;
    await faults(simulator, { pollDelayMs: 300 });
    const from = polls.length;
    await waitFor('four slow polls', () => polls.length >= from + 4, 5_000);
    const slow = polls.slice(from);
    // Each poll starts after the one before it has answered: never a pile-up.
    for (let i = 1; i < slow.length; i++) assert.ok(slow[i]!.startedAt >= slow[i - 1]!.startedAt + slow[i - 1]!.durationMs - 1, `poll ${i} overlapped the one before`);
    assert.ok(slow.slice(1).every((poll) => poll.durationMs >= 250), slow.map((p) => Math.round(p.durationMs)).join(','));
  });

  it('backs off through a burst of 500s on polling, then delivers what was queued', async () => {
    const watch = await watching(simulator, { messaging: 'polling' });
    session = watch.session;
    const states: string[] = [];
    session.messages.onDidChangeState((state) => states.push(state));
    await faults(simulator, { fail: { match: 'messaging/messages', status: 500, count: 2 } });
    const id = await createCall(simulator, { to: 'Support' });
    await waitFor('the call after the burst', () => session!.queues.cache.find(id), 8_000);
    assert.ok(states.includes('reconnecting'));
  });

  it('matches a rule as text to find, so a hostile pattern cannot freeze the simulator', async () => {
    // As a regular expression this one backtracks for seconds on a twelve-letter path, and
    // triples with every letter more: the simulator (and the extension host running a scenario) froze.
    const hostile = '^(([^!]+)+)+!$';
    await faults(simulator, { fail: { match: hostile, status: 503, count: 5 }, loseResponse: { match: hostile, mode: 'reset', count: 5 } });
    const started = performance.now();
    const answer = await fetch(`${simulator.url}/aaaaaaaaaaaa`);
    assert.ok(performance.now() - started < 1_000, `answered after ${Math.round(performance.now() - started)} ms`);
    assert.equal(answer.status, 404, 'the rule is text, which this request does not start with');
    // Its characters are plain text: a path holding them fails.
    await faults(simulator, undefined, 'DELETE');
    await faults(simulator, { fail: { match: '/x/(a+)+[b]', status: 503, count: 1 } });
    assert.equal((await fetch(`${simulator.url}/aaaaaaaaaa`)).status, 404);
    assert.equal((await fetch(`${simulator.url}/x/(a+)+[b]`)).status, 503);
  });

  it('anchors a rule to the start of `METHOD /path` with ^ and to its end with $', async () => {
    const status = async (path: string) => (await fetch(`${simulator.url}${path}`)).status;
    await faults(simulator, { fail: { match: '^/icws/connection/version', status: 503, count: 5 } });
    assert.equal(await status('/icws/connection/version'), 200, 'the text starts with the method');
    await faults(simulator, undefined, 'DELETE');
    await faults(simulator, { fail: { match: '^GET /icws/connection/ver', status: 503, count: 1 } });
    assert.equal(await status('/icws/connection/version'), 503);
    await faults(simulator, undefined, 'DELETE');
    await faults(simulator, { fail: { match: 'connection/ver$', status: 503, count: 1 } });
    assert.equal(await status('/icws/connection/version'), 200);
    await faults(simulator, { fail: { match: 'connection/version$', status: 503, count: 1 } });
    assert.equal(await status('/icws/connection/version'), 503);
    await faults(simulator, { fail: { match: '^GET /icws/connection/version$', status: 502, count: 1 } });
    assert.equal(await status('/icws/connection/versions'), 404);
    assert.equal(await status('/icws/connection/version'), 502);
  });

  it('ends the session on a 401 after the server expired it', async () => {
    const watch = await watching(simulator);
    session = watch.session;
    const ended = new Promise<string>((done) => session!.onDidEnd((end) => done(end.reason)));
    await faults(simulator, { expireSessions: true });
    await assert.rejects(session.interactions.pickup('1'), (e: IcwsError) => e.kind === 'session-ended');
    assert.match(await ended, /401/);
  });

  for (const mode of ['reset', 'hang'] as const) {
    it(`reports a blind transfer whose response is lost (${mode}) as unknown outcome, sent once`, async () => {
      const watch = await watching(simulator, { timeouts: { responseHeaders: 1_000 } });
      session = watch.session;
      const id = await createCall(simulator, { to: 'agent1' });
      await waitFor('call', () => session!.queues.cache.find(id));
      await session.interactions.pickup(id);
      await faults(simulator, { loseResponse: { match: 'blind-transfer', mode, count: 1 } });
      await assert.rejects(session.interactions.blindTransfer(id, { target: '7002' }), (e: IcwsError) => e.kind === 'outcome-unknown' && /not resent; check the interaction/.test(e.message));
      assert.equal(simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/blind-transfer'), 1);
      // The cache then shows the truth: the transfer did happen.
      await waitFor('the call left my queue', () => !session!.queues.cache.get('wg', id) || attribute(session!.queues.cache.get('wg', id), 'Eic_LocalUserId') !== 'agent1');
      assert.equal(simulator.callCenter.find(id)?.owner, 'agent2');
    });
  }

  it('reports a consult conclude whose connection resets as unknown outcome, sent once', async () => {
    const watch = await watching(simulator);
    session = watch.session;
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('call', () => session!.queues.cache.find(id));
    await session.interactions.pickup(id);
    const consult = await session.interactions.consult(id, { target: '7002' });
    await faults(simulator, { loseResponse: { match: '/conclude$', mode: 'reset', count: 1 } });
    await assert.rejects(session.interactions.concludeConsult(consult), (e: IcwsError) => e.kind === 'outcome-unknown');
    assert.equal(simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/consult/{consultId}/conclude'), 1);
  });

  it('survives duplicate, reordered, unknown and stray messages without phantom rows', async () => {
    const watch = await watching(simulator);
    session = watch.session;
    const id = await createCall(simulator, { to: 'Support', name: 'Real Caller' });
    await waitFor('call', () => session!.queues.cache.find(id));
    const stray = { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'wg', interactionsChanged: [{ interactionId: '1999999999', attributes: { Eic_State: 'C' } }], interactionsRemoved: ['1999999998'] };
    const duplicateAdd = { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'wg', interactionsAdded: [{ interactionId: id, attributes: { Eic_RemoteName: 'Real Caller' } }] };
    const otherSubscription = { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'not-mine', interactionsAdded: [{ interactionId: '1888888888', attributes: {} }] };
    const messages = [stray, duplicateAdd, duplicateAdd, { __type: 'urn:inin.com:future:thing', isDelta: true }, { no: 'type' }, 42, otherSubscription, { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'wg', interactionsAdded: 'nope' }];
    const response = await control(simulator, 'POST', `/simulator/sessions/${session.sessionId}/messages`, messages);
    assert.equal(response.status, 200);
    const marker = await createCall(simulator, { to: 'Support', name: 'Marker' });
    await waitFor('later messages still flow', () => session!.queues.cache.find(marker));
    assert.equal(session.queues.cache.find('1999999999'), undefined);
    assert.equal(session.queues.cache.find('1888888888'), undefined);
    assert.equal(session.queues.cache.interactions('wg').filter((i) => i.id === id).length, 1);
  });
});

describe('simulator CLI', () => {
  it('warns loudly when told to listen beyond loopback, and rejects bad flags with a message', async () => {
    const cli = resolve(__dirname, '../../../dist/simulator-cli.js');
    const bad = spawnSync(process.execPath, [cli, '--port', 'eighty'], { encoding: 'utf8' });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /expected a whole number/);
    const badFaults = spawnSync(process.execPath, [cli, '--faults', '{oops'], { encoding: 'utf8' });
    assert.match(badFaults.stderr, /expected a JSON object/);
    const endless = spawnSync(process.execPath, [cli, '--port', '0', '--scenario', 'quiet', '--faults', '{"pollDelayMs":1e300}'], { encoding: 'utf8', timeout: 5_000, killSignal: 'SIGTERM' });
    assert.notEqual(endless.status, 0);
    assert.match(endless.stderr, /--faults.*"pollDelayMs" is invalid: .*2147483647/);
    // It runs until stopped: stopped once it has said what it listens on (or has exited).
    assert.match(await outputUntil(spawn(process.execPath, [cli, '--host', '0.0.0.0', '--port', '0', '--scenario', 'quiet']), /ICWS simulator listening on/), /WARNING: listening on 0\.0\.0\.0, not loopback/);
  });
});

/** A child's stdout and stderr until `enough` matches them (then it is stopped) or it exits. */
function outputUntil(child: ChildProcess, enough: RegExp): Promise<string> {
  return new Promise((done) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (enough.test(output)) child.kill('SIGTERM');
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('close', () => done(output));
  });
}
