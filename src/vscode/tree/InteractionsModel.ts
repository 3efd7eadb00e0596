// The Interactions view's model: its rows grouped by watched queue, in display order, capped per
// group, and which of them changed (coalesced). No `vscode` import: the provider renders these
// nodes; the model runs, is tested and is measured in plain Node.
import { attribute, type CachedInteraction, Coalescer, DisposableOwner, Emitter, type Event, type QueueCache, type QueueCacheChange, toDisposable } from '../../icws';
import type { SessionEvents } from '../session/LiveSessions';
import { securePauseEnd } from './presentation';
import { type CacheHolder, type InteractionsChange, InteractionNode, MoreNode, QueueNode, SessionNode, type TreeNode, type WatchedQueue } from './treeNodes';

export { type CacheHolder, type InteractionsChange, InteractionNode, MoreNode, QueueNode, SessionNode, type TreeNode, type WatchedQueue } from './treeNodes';

/** What the model reads. The session service, queue watcher and consult tracker fit as they are. */
export interface InteractionsSources {
  /** The sessions: with one, its queues are the roots (as before profiles); with several, one root each. */
  readonly sessions: SessionEvents<CacheHolder>;
  readonly watcher: { queuesOf(session: CacheHolder): readonly WatchedQueue[]; readonly onDidChange: Event<void> };
  readonly consults: {
    /** The call a consult leg belongs to, when known. */
    originalOf(interactionId: string, cache: QueueCache): string | undefined;
    /** Fires the interactions whose consult role changed. */
    readonly onDidChange: Event<string[]>;
  };
  /** Fires an interaction whose row looks different for a reason the cache does not know (an operation in flight). */
  readonly rowChanges?: Event<string>;
  /** Rows shown per queue group: VS Code trees slow down badly with thousands of children. */
  readonly maxRowsPerQueue: () => number;
}

interface GroupLayout {
  top: CachedInteraction[];
  /** Rows nested under a row: consult legs under their call, parties under their conference. */
  legs: Map<string, CachedInteraction[]>;
  /** Child id to parent id (the inverse of `legs`). */
  parents: Map<string, string>;
}

/** What changed within one window, by group key (`session|subscriptionId`) and by row key (`group/interactionId`). */
interface PendingChanges {
  all: boolean;
  queues: Set<string>;
  rows: Set<string>;
}

/** Changes arriving within this window are announced together: at most 10 announcements a second. */
const COALESCE_MS = 100;
/** Past this many changed rows in one window, announcing their queue groups is cheaper. */
const MAX_ROW_CHANGES = 200;

/**
 * The live interactions, grouped by watched queue, with consult legs and conference parties under
 * the row they belong to. Nodes are kept per id so a change can name exactly the rows that changed.
 */
export class InteractionsModel extends DisposableOwner {
  private readonly changeEmitter = this.register(new Emitter<InteractionsChange>());
  /** At most one event per window, naming only rows the view shows. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly sessionNodes = new Map<CacheHolder, SessionNode>();
  /** Group keys: a session's key and a subscription id, so two sessions' "My Interactions" never mix. */
  private readonly sessionKeys = new Map<CacheHolder, string>();
  private nextSessionKey = 1;
  private readonly queueNodes = new Map<string, QueueNode>();
  private readonly interactionNodes = new Map<string, InteractionNode>();
  private readonly moreNodes = new Map<string, MoreNode>();
  /** Interaction ids shown (within the limit) per group, so changes name only rendered rows. */
  private readonly shown = new Map<string, Set<string>>();
  private readonly layouts = new Map<string, GroupLayout>();
  private readonly pending = new Coalescer<PendingChanges>(COALESCE_MS, () => ({ all: false, queues: new Set(), rows: new Set() }), (changes) => this.announce(changes));
  /** Rows with a timed secure pause, by row key, and the ticker that redraws their countdown. */
  private readonly countdowns = new Map<string, number>();
  private countdownTicker?: ReturnType<typeof setInterval>;

  constructor(private readonly sources: InteractionsSources) {
    super();
    this.register(sources.sessions.forward((session) => session.queues.cache.onDidChange)(({ session, value }) => this.onCacheChange(session, value)));
    this.register(sources.sessions.onDidAddSession(() => this.changedAll()));
    this.register(
      sources.sessions.onDidRemoveSession((session) => {
        this.forget(session);
        this.changedAll();
      }),
    );
    this.register(sources.watcher.onDidChange(() => this.changedAll()));
    this.register(sources.consults.onDidChange((ids) => this.regroup(ids)));
    if (sources.rowChanges) this.register(sources.rowChanges((id) => this.changedInteraction(id)));
    this.register(this.pending);
    this.register(toDisposable(() => clearInterval(this.countdownTicker)));
  }

  /** The first session's cache (with one session, the session's). */
  get cache(): QueueCache | undefined {
    return this.sources.sessions.sessions[0]?.queues.cache;
  }

  /** Whether each session has its own root (several live). */
  get showsSessions(): boolean {
    return this.sources.sessions.sessions.length > 1;
  }

  /** Sessions (several) or one session's watched queues (no node); a session's queues; a queue's rows, capped, then a "more" node; a row's legs. */
  children(node?: TreeNode): TreeNode[] {
    const live = this.sources.sessions.sessions;
    if (!node) {
      if (live.length > 1) return live.map((session) => this.sessionNode(session));
      return live.length === 1 ? this.queuesOf(live[0]!) : [];
    }
    if (!live.includes(node.session)) return [];
    if (node.kind === 'session') return this.queuesOf(node.session);
    if (node.kind === 'queue') {
      const subscriptionId = node.watched.subscriptionId;
      const group = this.groupKey(node.session, subscriptionId);
      const layout = this.layoutOf(node.session, subscriptionId);
      const limit = Math.max(1, this.sources.maxRowsPerQueue());
      const visible = layout.top.length > limit ? layout.top.slice(0, limit) : layout.top;
      const shown = new Set<string>();
      for (const item of visible) {
        shown.add(item.id);
        for (const leg of layout.legs.get(item.id) ?? []) shown.add(leg.id);
      }
      this.shown.set(group, shown);
      const children: TreeNode[] = visible.map((item) => this.interactionNode(node.session, subscriptionId, item.id));
      if (layout.top.length > limit) children.push(this.moreNode(node.session, subscriptionId, layout.top.length - limit, limit));
      return children;
    }
    if (node.kind === 'more') return [];
    return (this.layoutOf(node.session, node.subscriptionId).legs.get(node.interactionId) ?? []).map((item) => this.interactionNode(node.session, node.subscriptionId, item.id));
  }

  parent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'session') return undefined;
    if (node.kind === 'queue') return this.showsSessions ? this.sessionNode(node.session) : undefined;
    if (node.kind === 'more') return this.queueNodes.get(this.groupKey(node.session, node.subscriptionId));
    const cache = node.session.queues.cache;
    const item = cache.get(node.subscriptionId, node.interactionId);
    const parent = item ? this.parentOf(item, node.subscriptionId, cache) : undefined;
    if (parent) return this.interactionNode(node.session, node.subscriptionId, parent);
    return this.queueNodes.get(this.groupKey(node.session, node.subscriptionId));
  }

  /** The node of an interaction in the first queue group that shows it: in `session`, or the first session that has it. */
  find(interactionId: string, session?: CacheHolder): InteractionNode | undefined {
    for (const holder of session ? [session] : this.sources.sessions.sessions) {
      const cache = holder.queues.cache;
      const id = cache.currentId(interactionId);
      for (const watched of this.sources.watcher.queuesOf(holder)) if (cache.get(watched.subscriptionId, id)) return this.interactionNode(holder, watched.subscriptionId, id);
    }
    return undefined;
  }

  /**
   * A row's interaction, for drawing it. A timed secure pause shows its countdown on the row, so a
   * row drawn with one is announced as changed once a second until the pause ends.
   */
  interaction(node: InteractionNode): CachedInteraction | undefined {
    const item = node.session.queues.cache.get(node.subscriptionId, node.interactionId);
    if (item) this.followCountdown(`${this.groupKey(node.session, node.subscriptionId)}/${node.interactionId}`, item);
    return item;
  }

  /** Announces everything as changed (e.g. after the row limit setting changed). */
  refreshAll(): void {
    this.changedAll();
  }

  /** Announces what changed so far now, without waiting for the window to end. */
  flush(): void {
    this.pending.flush();
  }

  private queuesOf(session: CacheHolder): QueueNode[] {
    return this.sources.watcher.queuesOf(session).map((watched) => this.queueNode(session, watched));
  }

  private groupKey(session: CacheHolder, subscriptionId: string): string {
    let key = this.sessionKeys.get(session);
    if (key === undefined) this.sessionKeys.set(session, (key = String(this.nextSessionKey++)));
    return `${key}|${subscriptionId}`;
  }

  /** A session that left takes its nodes and layouts with it. */
  private forget(session: CacheHolder): void {
    const key = this.sessionKeys.get(session);
    this.sessionNodes.delete(session);
    this.sessionKeys.delete(session);
    if (key === undefined) return;
    for (const map of [this.queueNodes, this.interactionNodes, this.moreNodes, this.shown, this.layouts, this.countdowns] as Map<string, unknown>[]) {
      for (const name of [...map.keys()]) if (name.startsWith(`${key}|`)) map.delete(name);
    }
  }

  /**
   * A group's rows in display order, with nested rows set apart under theirs. Built once per
   * change (one pass over the group), then used for every row's children.
   */
  private layoutOf(session: CacheHolder, subscriptionId: string): GroupLayout {
    const group = this.groupKey(session, subscriptionId);
    let layout = this.layouts.get(group);
    if (layout) return layout;
    const cache = session.queues.cache;
    const top: CachedInteraction[] = [];
    const legs = new Map<string, CachedInteraction[]>();
    for (const item of cache.interactions(subscriptionId)) {
      const original = this.parentOf(item, subscriptionId, cache);
      if (original !== undefined) {
        const list = legs.get(original);
        if (list) list.push(item);
        else legs.set(original, [item]);
      } else {
        top.push(item);
      }
    }
    const parents = new Map<string, string>();
    for (const [parent, children] of legs) for (const child of children) parents.set(child.id, parent);
    layout = { top: sortInteractions(top), legs, parents };
    this.layouts.set(group, layout);
    return layout;
  }

  private parentOfId(id: string, subscriptionId: string, cache: QueueCache): string | undefined {
    const item = cache.get(subscriptionId, id);
    return item ? this.parentOf(item, subscriptionId, cache) : undefined;
  }

  /** The row an interaction nests under in this group: its call (a consult leg) or its conference (a party). */
  private parentOf(item: CachedInteraction, subscriptionId: string, cache: QueueCache): string | undefined {
    const original = this.sources.consults.originalOf(item.id, cache);
    if (original !== undefined && original !== item.id && cache.get(subscriptionId, original)) return original;
    const conference = attribute(item, 'Eic_ConferenceId');
    if (conference && conference !== item.id && cache.get(subscriptionId, conference)) return conference;
    return undefined;
  }

  private sessionNode(session: CacheHolder): SessionNode {
    let node = this.sessionNodes.get(session);
    if (!node) this.sessionNodes.set(session, (node = new SessionNode(session)));
    return node;
  }

  private moreNode(session: CacheHolder, subscriptionId: string, hidden: number, shown: number): MoreNode {
    const group = this.groupKey(session, subscriptionId);
    let node = this.moreNodes.get(group);
    if (!node) this.moreNodes.set(group, (node = new MoreNode(session, subscriptionId, hidden, shown)));
    node.hidden = hidden;
    node.shown = shown;
    return node;
  }

  private queueNode(session: CacheHolder, watched: WatchedQueue): QueueNode {
    const group = this.groupKey(session, watched.subscriptionId);
    let node = this.queueNodes.get(group);
    if (node) node.watched = watched;
    else this.queueNodes.set(group, (node = new QueueNode(session, watched)));
    return node;
  }

  /** The row of an interaction; a new node when it gains or loses children (its group is announced then). */
  private interactionNode(session: CacheHolder, subscriptionId: string, interactionId: string): InteractionNode {
    const key = `${this.groupKey(session, subscriptionId)}/${interactionId}`;
    const hasChildren = (this.layoutOf(session, subscriptionId).legs.get(interactionId)?.length ?? 0) > 0;
    let node = this.interactionNodes.get(key);
    if (!node || node.hasChildren !== hasChildren) this.interactionNodes.set(key, (node = new InteractionNode(session, subscriptionId, interactionId, hasChildren)));
    return node;
  }

  private followCountdown(key: string, item: CachedInteraction): void {
    const ends = securePauseEnd(item);
    if (ends === undefined || ends < Date.now() - 1_000) {
      this.countdowns.delete(key);
      return;
    }
    this.countdowns.set(key, ends);
    this.countdownTicker ??= setInterval(() => {
      const keys = [...this.countdowns.keys()];
      for (const [rowKey, end] of this.countdowns) if (end < Date.now() - 1_000) this.countdowns.delete(rowKey);
      this.pending.add((changes) => keys.forEach((rowKey) => changes.rows.add(rowKey)));
      if (this.countdowns.size === 0) {
        clearInterval(this.countdownTicker);
        this.countdownTicker = undefined;
      }
    }, 1_000);
  }

  // ---- what changed ------------------------------------------------------------------------

  private onCacheChange(session: CacheHolder, change: QueueCacheChange): void {
    const group = this.groupKey(session, change.subscriptionId);
    const before = this.layouts.get(group);
    this.layouts.delete(group);
    // A row that moved under another (joined a conference) or out from under it regroups the group.
    const cache = session.queues.cache;
    const regrouped = before !== undefined && change.changed.some((id) => before.parents.get(id) !== this.parentOfId(id, change.subscriptionId, cache));
    const membership = change.added.length > 0 || change.removed.length > 0 || change.replaced;
    if (membership) for (const id of change.removed) this.interactionNodes.delete(`${group}/${id}`);
    this.pending.add((changes) => {
      if (regrouped || membership) changes.queues.add(group);
      for (const id of change.changed) changes.rows.add(`${group}/${id}`);
    });
  }

  private changedInteraction(interactionId: string): void {
    const sessions = this.sources.sessions.sessions;
    this.pending.add((changes) => {
      for (const session of sessions) for (const watched of this.sources.watcher.queuesOf(session)) changes.rows.add(`${this.groupKey(session, watched.subscriptionId)}/${interactionId}`);
    });
  }

  /** A consult started or ended: its leg moves under (or out from under) the call, so its groups change. */
  private regroup(interactionIds: string[]): void {
    this.layouts.clear();
    const sessions = this.sources.sessions.sessions;
    this.pending.add((changes) => {
      for (const session of sessions) {
        for (const watched of this.sources.watcher.queuesOf(session)) {
          if (interactionIds.some((id) => session.queues.cache.get(watched.subscriptionId, id))) changes.queues.add(this.groupKey(session, watched.subscriptionId));
        }
      }
    });
  }

  private changedAll(): void {
    this.layouts.clear();
    this.pending.add((changes) => (changes.all = true));
  }

  /** One event for everything that changed in the window. */
  private announce({ all, queues, rows }: PendingChanges): void {
    if (all) {
      this.changeEmitter.fire({ all: true });
      return;
    }
    const nodes: TreeNode[] = [];
    for (const group of queues) {
      const node = this.queueNodes.get(group);
      if (node) nodes.push(node);
    }
    const groupOf = (key: string) => key.slice(0, key.lastIndexOf('/'));
    const changedRows = [...rows].filter((key) => !queues.has(groupOf(key)));
    if (changedRows.length > MAX_ROW_CHANGES) {
      for (const key of changedRows) queues.add(groupOf(key));
      this.changeEmitter.fire({ all: false, nodes: [...queues].map((group) => this.queueNodes.get(group)).filter((n): n is QueueNode => n !== undefined) });
      return;
    }
    for (const key of changedRows) {
      const node = this.interactionNodes.get(key);
      // Only rows the view shows: rows past the limit are not rendered, so not redrawn.
      if (node && this.shown.get(groupOf(key))?.has(node.interactionId) && node.session.queues.cache.get(node.subscriptionId, node.interactionId)) nodes.push(node);
    }
    if (nodes.length) this.changeEmitter.fire({ all: false, nodes });
  }
}

/** By start time, then id: a stable order, so rows do not jump as their state changes. */
function sortInteractions(items: CachedInteraction[]): CachedInteraction[] {
  // Plain comparisons: the times are fixed-width ISO strings and ids are numeric strings.
  const key = (item: CachedInteraction) => `${item.attributes.eic_initiationtime ?? ''}|${item.id.padStart(12, '0')}`;
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.item);
}
