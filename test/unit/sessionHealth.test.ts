// The session health model against the simulator over real HTTP: gaps in the stream, reconnects
// with their reason, the subscriptions and who needs them, request statistics and features.
import { strict as assert } from 'node:assert';
import { DEFAULT_ATTRIBUTES, type IcwsSession, QueueType } from '../../src/icws';
import { SessionHealth, USER_STATUS_SUBSCRIPTION } from '../../src/icws/health';
import type { IcwsSimulator } from '../../src/simulator';
import { healthSections } from '../../src/vscode/health/healthLines';
import { control, createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const MY_QUEUE = { queueType: QueueType.User, queueName: 'agent1' };

async function faults(simulator: IcwsSimulator, body: unknown, method: 'POST' | 'DELETE' = 'POST'): Promise<void> {
  const response = await control(simulator, method, '/simulator/faults', body);
  assert.equal(response.status, 200);
}

describe('session health', () => {
  let simulator: IcwsSimulator;
  let session: IcwsSession | undefined;
  let health: SessionHealth | undefined;

  async function start(options: Parameters<typeof loginTo>[2] = {}): Promise<{ session: IcwsSession; health: SessionHealth }> {
    session = await loginTo(simulator, 'agent1', { messaging: 'sse', ...options });
    health = new SessionHealth(session);
    session.messages.start();
    return { session, health };
  }

  beforeEach(async () => (simulator = await startSimulator({ keepAliveMs: 150 })));
  afterEach(async () => {
    health?.dispose();
    health = undefined;
    await session?.logout().catch(() => undefined);
    session = undefined;
    await simulator.stop();
  });

  it('learns the heartbeat interval, flags a silent stream, and counts the gap when it speaks again', async () => {
    const { health } = await start();
    const learned = await waitFor('a learned heartbeat interval', () => health.snapshot().stream.intervalLearned && health.snapshot().stream);
    assert.equal(learned.mode, 'sse');
    assert.ok(learned.heartbeatIntervalMs >= 100 && learned.heartbeatIntervalMs < 1_000, `interval ${learned.heartbeatIntervalMs}`);
    assert.ok(learned.connectedSince, 'connected since');
    assert.equal(learned.gapCount, 0);
    const silence: boolean[] = [];
    health.onDidChangeSilence((silent) => silence.push(silent));
    await faults(simulator, { stallStreams: true });
    await waitFor('the silence flagged', () => health.isSilent, 3_000);
    const silent = health.snapshot().stream;
    assert.ok(silent.silentSince, 'silent since');
    assert.equal(silent.gaps[0]?.to, undefined, 'the ongoing gap is listed, open');
    const [streamSection] = healthSections(health.snapshot());
    assert.equal(streamSection!.warning, true);
    assert.ok(streamSection!.children.some((line) => line.id === 'silent' && line.warning && line.exchangeIds.length === 1), 'a warning line says the stream is silent, linked to the stream');
    await faults(simulator, { stallStreams: false });
    await waitFor('the stream speaking again', () => !health.isSilent, 3_000);
    const after = health.snapshot().stream;
    assert.deepEqual(silence, [true, false]);
    assert.equal(after.gapCount, 1);
    const gap = after.gaps[0]!;
    assert.ok(gap.to !== undefined && gap.ms > after.allowedSilenceMs, JSON.stringify(gap));
    assert.equal(gap.exchangeIds.length, 1, 'the stream exchange behind the gap');
  });

  it('lists a reconnect with its reason and when the stream was open again', async () => {
    const { health } = await start();
    await waitFor('the stream open', () => health.snapshot().stream.state === 'open');
    await faults(simulator, { dropStreams: true, fail: { match: 'messaging/messages', status: 503, count: 1 } });
    const reconnect = await waitFor('a reopened stream', () => health.snapshot().stream.reconnects.find((r) => r.reopenedAt !== undefined), 5_000);
    assert.match(reconnect.reason, /closed|503/);
    assert.equal(health.snapshot().stream.reconnectCount >= 1, true);
    assert.ok(reconnect.exchangeIds.length > 0);
  });

  it("lists the session's subscriptions, flags a duplicate and one no owner needs", async () => {
    const { session, health } = await start();
    health.addHolder({ name: 'Interactions view', holds: () => ['mine'] });
    health.addHolder({ name: 'My status', holds: () => [USER_STATUS_SUBSCRIPTION] });
    const before = Date.now();
    await session.queues.subscribe({ subscriptionId: 'mine', queues: [MY_QUEUE], attributeNames: [...DEFAULT_ATTRIBUTES] });
    await session.queues.subscribe({ subscriptionId: 'leftover', queues: [{ queueType: QueueType.Workgroup, queueName: 'Support' }, MY_QUEUE], attributeNames: ['Eic_State'] });
    await session.status.watch(['agent1']);
    await createCall(simulator, { to: 'agent1', name: 'Counted' });
    const list = await waitFor('messages for both queue subscriptions', () => {
      const subscriptions = health.snapshot().subscriptions;
      return subscriptions.every((s) => s.messages >= 2 || s.kind === 'user-status') && subscriptions.length === 3 && subscriptions;
    });
    const [mine, leftover, status] = list;
    assert.equal(mine!.subscriptionId, 'mine');
    assert.deepEqual(mine!.duplicateOf, ['leftover']);
    assert.deepEqual(leftover!.duplicateOf, ['mine']);
    assert.deepEqual(mine!.heldBy, ['Interactions view']);
    assert.equal(mine!.unneeded, false);
    assert.equal(leftover!.unneeded, true);
    assert.match(leftover!.watches, /workgroup queue Support, user queue agent1/);
    assert.ok(mine!.subscribedAt! >= before && mine!.lastMessageAt! >= mine!.subscribedAt!);
    assert.equal(mine!.exchangeIds.length, 1, 'the PUT that made it');
    assert.equal(status!.kind, 'user-status');
    assert.equal(status!.unneeded, false);
    assert.deepEqual(status!.duplicateOf, []);
    const subscriptionSection = healthSections(health.snapshot())[1]!;
    assert.equal(subscriptionSection.description, '3 · 2 flagged');
    assert.match(subscriptionSection.children[1]!.description!, /^duplicate of mine · no view needs it · /);
    await session.queues.unsubscribe('leftover');
    const after = health.snapshot().subscriptions;
    assert.deepEqual(after.map((s) => s.subscriptionId), ['mine', USER_STATUS_SUBSCRIPTION]);
    assert.deepEqual(after[0]!.duplicateOf, []);
  });

  it('calls nothing unneeded when no owner answers for the session', async () => {
    const { session, health } = await start();
    await session.queues.subscribe({ subscriptionId: 'mine', queues: [MY_QUEUE], attributeNames: ['Eic_State'] });
    assert.equal(health.snapshot().subscriptions[0]!.unneeded, undefined);
  });

  it('counts requests in flight, failures of the last minute by status, and p50/p95 by operation', async () => {
    const { session, health } = await start();
    await faults(simulator, { fail: { match: '/status/status-messages', status: 500, count: 2 } });
    for (let i = 0; i < 3; i++) await session.status.statusMessages().catch(() => undefined);
    await faults(simulator, { loseResponse: { match: '/status/user-statuses/agent1', mode: 'hang', count: 1 } });
    const hanging = session.status.userStatus('agent1').catch(() => undefined);
    const busy = await waitFor('a request in flight', () => health.snapshot().requests.inFlightExchangeIds.length > 0 && health.snapshot().requests);
    assert.ok(busy.inFlight >= 1);
    const { failedLastMinute, timings } = health.snapshot().requests;
    assert.deepEqual(failedLastMinute.map((f) => [f.status, f.count, f.exchangeIds.length]), [[500, 2, 2]]);
    const statusMessages = timings.find((t) => t.operation === 'GET /status/status-messages')!;
    assert.equal(statusMessages.count, 3);
    assert.ok(statusMessages.p95Ms >= statusMessages.p50Ms && statusMessages.p50Ms > 0);
    assert.equal(statusMessages.exchangeIds.length, 3);
    await session.logout();
    await hanging;
    assert.equal(health.snapshot().requests.inFlight, 0, 'an ended session has nothing in flight');
  });

  it('says which extension features the reported versions enable and which they lack', async () => {
    await simulator.stop();
    simulator = await startSimulator({ keepAliveMs: 150, features: { messaging: 1, interactions: 6 } });
    const { health } = await start({ messaging: 'auto' });
    const features = health.snapshot().features;
    const messaging = features.find((f) => f.featureId === 'messaging')!;
    assert.equal(messaging.version, 1);
    assert.deepEqual(messaging.lacks, [{ what: 'server-sent events', version: 2 }]);
    const interactions = features.find((f) => f.featureId === 'interactions')!;
    assert.ok(interactions.enables.includes('consult transfer'));
    assert.ok(interactions.lacks.some((l) => l.what === 'consult transfer to a queue'));
    assert.equal(health.snapshot().stream.mode, 'polling');
  });

  it('announces changes at most 4 times a second while observed, and none while not', async () => {
    const { session, health } = await start();
    await session.queues.subscribe({ subscriptionId: 'mine', queues: [MY_QUEUE], attributeNames: ['Eic_State'] });
    let fired = 0;
    health.onDidChange(() => fired++);
    const burst = async () => {
      const messages = Array.from({ length: 400 }, () => ({ __type: 'urn:inin.com:status:userStatusMessage', userStatusList: [] }));
      const response = await control(simulator, 'POST', `/simulator/sessions/${session.sessionId}/messages`, messages);
      assert.equal(response.status, 200);
    };
    await burst();
    await waitFor('the burst counted', () => health.snapshot().stream.messages >= 400);
    assert.equal(fired, 0, 'not observed: no announcements');
    health.setObserved(true);
    const started = Date.now();
    fired = 0;
    await burst();
    await waitFor('the second burst counted', () => health.snapshot().stream.messages >= 800);
    await waitFor('the last update', () => fired > 0);
    const seconds = Math.max(1, (Date.now() - started) / 1_000);
    assert.ok(fired <= Math.ceil(4 * seconds) + 1, `${fired} updates in ${seconds} s`);
  });
});
