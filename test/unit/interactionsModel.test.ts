// The Interactions view's model in plain Node: groups by watched queue, order, the row limit, nested
// rows and coalesced changes. Fed by a session on the simulator over HTTP, or, where timing must be
// exact, by queue messages applied to a cache (as the cache's own tests do). Loaded in plain Node,
// so a `vscode` import reaching the model would fail this file.
import { strict as assert } from 'node:assert';
import { DEFAULT_ATTRIBUTES, Emitter, type IcwsSession, QueueCache, type QueueContentsMessage, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { LiveSessions, type SessionEvents } from '../../src/vscode/session/LiveSessions';
import { type CacheHolder, type InteractionsChange, InteractionNode, InteractionsModel, MoreNode, QueueNode, type TreeNode, type WatchedQueue } from '../../src/vscode/tree/InteractionsModel';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const MINE: WatchedQueue = { queue: { queueType: QueueType.User, queueName: 'agent1' }, subscriptionId: 'mine', label: 'My Interactions' };
const SUPPORT: WatchedQueue = { queue: { queueType: QueueType.Workgroup, queueName: 'Support' }, subscriptionId: 'support', label: 'Support' };
/** The model's window: changes within it are announced together. */
const WINDOW_MS = 100;

interface Announcement {
  at: number;
  change: InteractionsChange;
}

/** The sessions as the session service offers them, the newest being the current one. */
function followingNewest<S>(live: LiveSessions<S>): SessionEvents<S> & { readonly session: S | undefined } {
  return {
    get sessions() {
      return live.sessions;
    },
    get session() {
      return live.sessions.at(-1);
    },
    onDidAddSession: live.onDidAddSession,
    onDidRemoveSession: live.onDidRemoveSession,
    forward: (select) => live.forward(select),
  };
}

/** A model over a session (or anything holding a cache), with the sources it listens to in the test's hands. */
function modelOver(session: { queues: { cache: QueueCache } }, watched: WatchedQueue[], rowLimit = 500) {
  const live = new LiveSessions<CacheHolder>();
  const consultChange = new Emitter<string[]>();
  const rowChange = new Emitter<string>();
  /** Consult leg id -> its call id, as the consult tracker would answer. */
  const legs = new Map<string, string>();
  const limit = { rows: rowLimit };
  const model = new InteractionsModel({
    sessions: followingNewest(live),
    watcher: { queuesOf: () => watched, onDidChange: new Emitter<void>().event },
    consults: { originalOf: (id) => legs.get(id), onDidChange: consultChange.event },
    rowChanges: rowChange.event,
    maxRowsPerQueue: () => limit.rows,
  });
  const announcements: Announcement[] = [];
  model.onDidChange((change) => announcements.push({ at: performance.now(), change }));
  live.add(session);
  return { model, announcements, legs, consultChange, rowChange, live, limit };
}

/** The interaction ids an announcement names (`queue:<id>` for a group). */
function named(change: InteractionsChange): string[] {
  if (change.all) return ['all'];
  return change.nodes.map((node) => (node.kind === 'interaction' ? node.interactionId : node.kind === 'queue' ? `queue:${node.watched.subscriptionId}` : node.kind === 'more' ? `more:${node.subscriptionId}` : 'session'));
}

function idsOf(nodes: TreeNode[]): string[] {
  return nodes.map((node) => (node instanceof InteractionNode ? node.interactionId : node instanceof MoreNode ? `more ${node.hidden}/${node.shown}` : 'queue'));
}

function groupNode(model: InteractionsModel, subscriptionId: string): QueueNode {
  const node = model.children().find((n): n is QueueNode => n instanceof QueueNode && n.watched.subscriptionId === subscriptionId);
  assert.ok(node, `a group for ${subscriptionId}`);
  return node;
}

describe('InteractionsModel over a session on the simulator', () => {
  let simulator: IcwsSimulator;
  let session: IcwsSession;
  let model: InteractionsModel | undefined;
  beforeEach(async () => {
    simulator = await startSimulator({ timing: { alertTimeoutMs: 3_600_000 } });
    session = await loginTo(simulator, 'agent1');
    session.messages.start();
    for (const watched of [MINE, SUPPORT]) await session.queues.subscribe({ subscriptionId: watched.subscriptionId, queues: [watched.queue], attributeNames: [...DEFAULT_ATTRIBUTES, 'ModelTest'] });
  });
  afterEach(async () => {
    model?.dispose();
    model = undefined;
    await session.logout().catch(() => undefined);
    await simulator.stop();
  });

  it("groups rows by watched queue in the watcher's order, each row once per group that holds it", async () => {
    const harness = modelOver(session, [MINE, SUPPORT]);
    model = harness.model;
    const mine = await createCall(simulator, { to: 'agent1', name: 'Direct' });
    const support = await createCall(simulator, { to: 'Support', name: 'Workgroup' });
    await waitFor('both calls in their queues', () => session.queues.cache.get('mine', mine) && session.queues.cache.get('support', support));
    const groups = model.children();
    assert.deepEqual(groups.map((node) => (node as QueueNode).watched.label), ['My Interactions', 'Support']);
    const mineRows = idsOf(model.children(groups[0]));
    const supportRows = idsOf(model.children(groups[1]));
    assert.ok(mineRows.includes(mine) && !supportRows.includes(mine), 'the direct call only in My Interactions');
    assert.ok(supportRows.includes(support), 'the workgroup call in Support');
    assert.equal(new Set(supportRows).size, supportRows.length, 'one row per interaction in a group');
    const found = model.find(mine);
    assert.ok(found && model.children(groups[0]).includes(found), 'find() returns the node the group shows');
    assert.equal(model.parent(found), groups[0]);
  });

  it('orders rows by start time, then id, and keeps order and nodes while rows change', async () => {
    const harness = modelOver(session, [SUPPORT]);
    model = harness.model;
    const at = (time: string) => ({ Eic_InitiationTime: `20260101T10${time}Z` });
    const late = await createCall(simulator, { to: 'Support', attributes: at('0300') });
    const early = await createCall(simulator, { to: 'Support', attributes: at('0100') });
    const middle = await createCall(simulator, { to: 'Support', attributes: at('0200') });
    const tie = await createCall(simulator, { to: 'Support', attributes: at('0200') });
    await waitFor('four calls', () => session.queues.cache.size('support') === 4);
    const group = groupNode(model, 'support');
    const before = model.children(group);
    assert.deepEqual(idsOf(before), [early, middle, tie, late]);
    model.flush(); // what the calls' arrival announced
    harness.announcements.length = 0;
    await session.interactions.setAttributes(early, { ModelTest: 'changed' });
    await session.interactions.setAttributes(late, { ModelTest: 'changed' });
    await waitFor('the changes announced', () => harness.announcements.flatMap((a) => named(a.change)).includes(late));
    const after = model.children(group);
    assert.deepEqual(idsOf(after), [early, middle, tie, late]);
    after.forEach((node, i) => assert.equal(node, before[i], 'the same node object for the same row'));
    for (const { change } of harness.announcements) {
      assert.ok(!change.all, 'no full refresh for a row change');
      for (const node of change.nodes) assert.ok(before.includes(node), 'announced nodes are the ones the view holds');
    }
  });

  it('shows at most maxRowsPerQueue rows, then a row counting the rest; rows past the limit are not announced', async () => {
    const harness = modelOver(session, [SUPPORT], 4);
    model = harness.model;
    const ids: string[] = [];
    for (const time of ['0100', '0200', '0300', '0400']) ids.push(await createCall(simulator, { to: 'Support', attributes: { Eic_InitiationTime: `20260101T10${time}Z` } }));
    await waitFor('four calls', () => session.queues.cache.size('support') === 4);
    const group = groupNode(model, 'support');
    assert.deepEqual(idsOf(model.children(group)), ids, 'all four within a limit of 4');
    // A lower limit (the setting changed): the last two rows leave the view.
    harness.limit.rows = 2;
    model.refreshAll();
    model.flush();
    assert.deepEqual(idsOf(model.children(group)), [ids[0], ids[1], 'more 2/2']);
    harness.announcements.length = 0;
    await session.interactions.setAttributes(ids[3]!, { ModelTest: 'hidden' });
    await session.interactions.setAttributes(ids[0]!, { ModelTest: 'shown' });
    await waitFor('both changes in the cache', () => session.queues.cache.get('support', ids[3]!)?.attributes.modeltest === 'hidden' && session.queues.cache.get('support', ids[0]!)?.attributes.modeltest === 'shown');
    model.flush();
    const announced = harness.announcements.flatMap((a) => named(a.change));
    assert.ok(announced.includes(ids[0]!), 'the shown row is announced');
    assert.ok(!announced.includes(ids[3]!), 'the row past the limit is not');
    harness.limit.rows = 10;
    harness.announcements.length = 0;
    model.refreshAll();
    await waitFor('everything announced', () => harness.announcements.some((a) => a.change.all));
    assert.deepEqual(idsOf(model.children(group)), ids);
  });

  it('nests conference parties under the conference row and announces their group', async () => {
    const harness = modelOver(session, [MINE]);
    model = harness.model;
    const a = await createCall(simulator, { to: 'agent1', name: 'First' });
    await session.interactions.pickup(a);
    await session.interactions.hold(a, true);
    const b = await createCall(simulator, { to: 'agent1', name: 'Second' });
    await session.interactions.pickup(b);
    await waitFor('both calls', () => session.queues.cache.get('mine', a) && session.queues.cache.get('mine', b));
    const group = groupNode(model, 'mine');
    assert.deepEqual(new Set(idsOf(model.children(group))), new Set([a, b]));
    model.flush();
    harness.announcements.length = 0;
    const conference = await session.interactions.createConference([a, b]);
    await waitFor('the group announced', () => harness.announcements.some((x) => named(x.change).includes('queue:mine')));
    await waitFor('the parties nested', () => idsOf(model!.children(group)).join() === conference);
    const [conferenceNode] = model.children(group) as InteractionNode[];
    assert.ok(conferenceNode!.hasChildren);
    const parties = model.children(conferenceNode);
    assert.deepEqual(new Set(idsOf(parties)), new Set([a, b]));
    assert.equal(model.parent(parties[0]!), conferenceNode);
  });
});

describe('InteractionsModel over queue messages', () => {
  let model: InteractionsModel | undefined;
  afterEach(() => {
    model?.dispose();
    model = undefined;
  });

  const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => String(1_001_000_000 + from + i));
  const message = (isDelta: boolean, parts: Partial<Pick<QueueContentsMessage, 'interactionsAdded' | 'interactionsChanged' | 'interactionsRemoved'>>): QueueContentsMessage => ({ __type: 'urn:inin.com:queues:queueContentsMessage', isDelta, subscriptionId: 'support', ...parts });
  const rows = (list: string[], attributes: (id: string) => Record<string, string> = () => ({ Eic_State: 'A' })) => list.map((interactionId) => ({ interactionId, attributes: attributes(interactionId) }));

  /** A model over a cache holding `count` rows, after its first announcement, with the rows read once (shown). */
  async function shownRows(count: number, attributes?: (id: string) => Record<string, string>) {
    const cache = new QueueCache();
    cache.apply(message(false, { interactionsAdded: rows(ids(count), attributes) }));
    const harness = modelOver({ queues: { cache } }, [SUPPORT]);
    model = harness.model;
    await waitFor('the first announcement', () => harness.announcements.length > 0);
    assert.ok(harness.announcements[0]!.change.all, 'a new session announces everything');
    harness.announcements.length = 0;
    const group = groupNode(harness.model, 'support');
    const nodes = harness.model.children(group) as InteractionNode[];
    const change = (list: string[], value: string) => cache.apply(message(true, { interactionsChanged: rows(list, () => ({ Eic_State: value })) }));
    return { ...harness, cache, group, nodes, change };
  }

  it('announces a burst of changes once, at the end of its window, naming only the changed rows by their nodes', async () => {
    const { announcements, nodes, change } = await shownRows(10);
    const changed = ids(3);
    const started = performance.now();
    for (let i = 0; i < 60; i++) change([changed[i % 3]!], i % 2 ? 'H' : 'C');
    await waitFor('the announcement', () => announcements.length > 0);
    assert.equal(announcements.length, 1);
    const [first] = announcements;
    assert.ok(first!.at - started >= WINDOW_MS - 1, `announced after its window (${(first!.at - started).toFixed(1)} ms)`);
    assert.ok(!first!.change.all);
    assert.deepEqual(new Set(first!.change.nodes), new Set(nodes.slice(0, 3)), 'the nodes of the three changed rows, no other');
    // Nothing of the burst is left over: the next announcement names only the next change.
    change([ids(1, 5)[0]!], 'H');
    await waitFor('the next announcement', () => announcements.length > 1);
    assert.deepEqual(named(announcements[1]!.change), ids(1, 5));
  });

  it('announces a steady stream at most once per window, and still announces it while it lasts', async () => {
    const { announcements, cache, change } = await shownRows(50);
    const changedSince = new Set<string>();
    let unchangedNamed = 0;
    cache.onDidChange((c) => c.changed.forEach((id) => changedSince.add(id)));
    model!.onDidChange((c) => {
      if (!c.all) for (const node of c.nodes) if (node instanceof InteractionNode && !changedSince.has(node.interactionId)) unchangedNamed++;
      changedSince.clear();
    });
    const list = ids(50);
    let sent = 0;
    const stream = setInterval(() => change([list[sent++ % 50]!], sent % 2 ? 'H' : 'C'), 5);
    await waitFor('four announcements during the stream', () => announcements.length >= 4, 10_000);
    clearInterval(stream);
    for (let i = 1; i < announcements.length; i++) assert.ok(announcements[i]!.at - announcements[i - 1]!.at >= WINDOW_MS - 1, 'at most one announcement per window');
    assert.ok(announcements.every((a) => !a.change.all));
    assert.equal(unchangedNamed, 0, 'only rows changed since the last announcement are named');
  });

  it('announces the group instead of rows when rows join or leave, or when very many change at once', async () => {
    const { announcements, cache, change } = await shownRows(300);
    cache.apply(message(true, { interactionsAdded: rows(ids(1, 300)), interactionsRemoved: ids(1, 1) }));
    await waitFor('an announcement', () => announcements.length > 0);
    assert.deepEqual(named(announcements[0]!.change), ['queue:support']);
    change(ids(250), 'H');
    await waitFor('a second announcement', () => announcements.length > 1);
    assert.deepEqual(named(announcements[1]!.change), ['queue:support']);
  });

  it('announces rows an operation in flight changes, and everything on a new session', async () => {
    const { announcements, rowChange, live, cache } = await shownRows(5);
    rowChange.fire(ids(1, 2)[0]!);
    await waitFor('an announcement', () => announcements.length > 0);
    assert.deepEqual(named(announcements[0]!.change), ids(1, 2));
    live.add({ queues: { cache } });
    await waitFor('a second announcement', () => announcements.length > 1);
    assert.deepEqual(named(announcements[1]!.change), ['all']);
  });

  it('moves a consult leg under its call when the consult starts, as a new node with children', async () => {
    const { announcements, legs, consultChange, group, nodes, model: m } = await shownRows(3);
    const [call, leg] = ids(2);
    legs.set(leg!, call!);
    consultChange.fire([call!, leg!]);
    await waitFor('an announcement', () => announcements.length > 0);
    assert.deepEqual(named(announcements[0]!.change), ['queue:support']);
    const top = m.children(group) as InteractionNode[];
    assert.deepEqual(idsOf(top), [call, ids(1, 2)[0]]);
    assert.ok(top[0]!.hasChildren && top[0] !== nodes[0], 'the call is a new node, with children');
    assert.equal(top[1], nodes[2], 'an unchanged row keeps its node');
    const [legNode] = m.children(top[0]);
    assert.equal((legNode as InteractionNode).interactionId, leg);
    assert.equal(m.parent(legNode!), top[0]);
  });

  it('announces a drawn row with a timed secure pause each second, though nothing else changes', async () => {
    const ends = new Date(Date.now() + 60_000).toISOString();
    const { announcements, nodes, model: m } = await shownRows(2, (id): Record<string, string> => (id === ids(1)[0] ? { Eic_State: 'C', Eic_SecurePause: '1', Eic_SecurePauseEndTime: ends } : { Eic_State: 'C' }));
    const started = performance.now();
    m.interaction(nodes[0]!);
    m.interaction(nodes[1]!);
    await waitFor('two announcements', () => announcements.length >= 2, 5_000);
    for (const { change } of announcements) assert.deepEqual(named(change), ids(1), 'only the paused row');
    assert.ok(announcements[1]!.at - started >= 1_900, 'about once a second');
  });
});
