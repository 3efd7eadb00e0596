// The Interactions view's model: its rows grouped by watched queue, in display order, capped per
// group, and which of them changed (coalesced). No `vscode` import: the provider renders these
// nodes; the model runs, is tested and is measured in plain Node.
import { attribute, type CachedInteraction, Coalescer, DisposableOwner, Emitter, type Event, type QueueCache, type QueueCacheChange, type QueueId, toDisposable } from '../../icws';
import type { SessionEvents } from '../session/LiveSessions';
import { securePauseEnd } from './presentation';

/** A queue the tree shows, and the subscription that feeds it. */
export interface WatchedQueue {
  queue: QueueId;
  subscriptionId: string;
  label: string;
  /** Set when the server refused the subscription. */
  error?: string;
}

export class QueueNode {
  readonly kind = 'queue';
  constructor(public watched: WatchedQueue) {}
}

export class InteractionNode {
  readonly kind = 'interaction';
  constructor(
    readonly subscriptionId: string,
    readonly interactionId: string,
    /** Consult legs sit under it. A row that gains or loses them is a new node (see interactionNode). */
    readonly hasChildren = false,
  ) {}
}

/** Stands for the rows of a busy queue past the display limit. */
export class MoreNode {
  readonly kind = 'more';
  constructor(
    readonly subscriptionId: string,
    public hidden: number,
    public shown: number,
  ) {}
}

export type TreeNode = QueueNode | InteractionNode | MoreNode;

/** What to redraw: the nodes named, or everything (a new session, other watched queues, another row limit). */
export type InteractionsChange = { readonly all: true } | { readonly all: false; readonly nodes: readonly TreeNode[] };

/** What the model needs of a session: its cache. */
export interface CacheHolder {
  readonly queues: { readonly cache: QueueCache };
}

/** What the model reads. The session service, queue watcher and consult tracker fit as they are. */
export interface InteractionsSources {
  /** The sessions; the view shows the current one's interactions. */
  readonly sessions: SessionEvents<CacheHolder> & { readonly session: CacheHolder | undefined };
  readonly watcher: { readonly queues: readonly WatchedQueue[]; readonly onDidChange: Event<void> };
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

/** What changed within one window, by group and by row key (`subscriptionId/interactionId`). */
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
    this.register(sources.sessions.forward((session) => session.queues.cache.onDidChange)(({ session, value }) => session === sources.sessions.session && this.onCacheChange(value)));
    this.register(sources.sessions.onDidAddSession(() => this.changedAll()));
    this.register(sources.sessions.onDidRemoveSession(() => this.changedAll()));
    this.register(sources.watcher.onDidChange(() => this.changedAll()));
    this.register(sources.consults.onDidChange((ids) => this.regroup(ids)));
    if (sources.rowChanges) this.register(sources.rowChanges((id) => this.changedInteraction(id)));
    this.register(this.pending);
    this.register(toDisposable(() => clearInterval(this.countdownTicker)));
  }

  get cache(): QueueCache | undefined {
    return this.sources.sessions.session?.queues.cache;
  }

  /** The watched queues (no node); a queue's rows in order, capped, then a "more" node; a row's legs. */
  children(node?: TreeNode): TreeNode[] {
    const cache = this.cache;
    if (!cache) return [];
    if (!node) return this.sources.watcher.queues.map((watched) => this.queueNode(watched));
    if (node.kind === 'queue') {
      const subscriptionId = node.watched.subscriptionId;
      const layout = this.layoutOf(subscriptionId, cache);
      const limit = Math.max(1, this.sources.maxRowsPerQueue());
      const visible = layout.top.length > limit ? layout.top.slice(0, limit) : layout.top;
      const shown = new Set<string>();
      for (const item of visible) {
        shown.add(item.id);
        for (const leg of layout.legs.get(item.id) ?? []) shown.add(leg.id);
      }
      this.shown.set(subscriptionId, shown);
      const children: TreeNode[] = visible.map((item) => this.interactionNode(subscriptionId, item.id));
      if (layout.top.length > limit) children.push(this.moreNode(subscriptionId, layout.top.length - limit, limit));
      return children;
    }
    if (node.kind === 'more') return [];
    return (this.layoutOf(node.subscriptionId, cache).legs.get(node.interactionId) ?? []).map((item) => this.interactionNode(node.subscriptionId, item.id));
  }

  parent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'queue') return undefined;
    if (node.kind === 'more') return this.queueNodes.get(node.subscriptionId);
    const cache = this.cache;
    const item = cache?.get(node.subscriptionId, node.interactionId);
    const parent = cache && item ? this.parentOf(item, node.subscriptionId, cache) : undefined;
    if (parent) return this.interactionNode(node.subscriptionId, parent);
    return this.queueNodes.get(node.subscriptionId);
  }

  /** The node of an interaction in the first queue group that shows it. */
  find(interactionId: string): InteractionNode | undefined {
    const cache = this.cache;
    if (!cache) return undefined;
    const id = cache.currentId(interactionId);
    for (const watched of this.sources.watcher.queues) if (cache.get(watched.subscriptionId, id)) return this.interactionNode(watched.subscriptionId, id);
    return undefined;
  }

  /**
   * A row's interaction, for drawing it. A timed secure pause shows its countdown on the row, so a
   * row drawn with one is announced as changed once a second until the pause ends.
   */
  interaction(node: InteractionNode): CachedInteraction | undefined {
    const item = this.cache?.get(node.subscriptionId, node.interactionId);
    if (item) this.followCountdown(`${node.subscriptionId}/${node.interactionId}`, item);
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

  /**
   * A group's rows in display order, with nested rows set apart under theirs. Built once per
   * change (one pass over the group), then used for every row's children.
   */
  private layoutOf(subscriptionId: string, cache: QueueCache): GroupLayout {
    let layout = this.layouts.get(subscriptionId);
    if (layout) return layout;
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
    this.layouts.set(subscriptionId, layout);
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

  private moreNode(subscriptionId: string, hidden: number, shown: number): MoreNode {
    let node = this.moreNodes.get(subscriptionId);
    if (!node) this.moreNodes.set(subscriptionId, (node = new MoreNode(subscriptionId, hidden, shown)));
    node.hidden = hidden;
    node.shown = shown;
    return node;
  }

  private queueNode(watched: WatchedQueue): QueueNode {
    let node = this.queueNodes.get(watched.subscriptionId);
    if (node) node.watched = watched;
    else this.queueNodes.set(watched.subscriptionId, (node = new QueueNode(watched)));
    return node;
  }

  /** The row of an interaction; a new node when it gains or loses children (its group is announced then). */
  private interactionNode(subscriptionId: string, interactionId: string): InteractionNode {
    const key = `${subscriptionId}/${interactionId}`;
    const cache = this.cache;
    const hasChildren = cache !== undefined && (this.layoutOf(subscriptionId, cache).legs.get(interactionId)?.length ?? 0) > 0;
    let node = this.interactionNodes.get(key);
    if (!node || node.hasChildren !== hasChildren) this.interactionNodes.set(key, (node = new InteractionNode(subscriptionId, interactionId, hasChildren)));
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

  private onCacheChange(change: QueueCacheChange): void {
    const before = this.layouts.get(change.subscriptionId);
    this.layouts.delete(change.subscriptionId);
    // A row that moved under another (joined a conference) or out from under it regroups the group.
    const cache = this.cache;
    const regrouped = before !== undefined && cache !== undefined && change.changed.some((id) => before.parents.get(id) !== this.parentOfId(id, change.subscriptionId, cache));
    const membership = change.added.length > 0 || change.removed.length > 0 || change.replaced;
    if (membership) for (const id of change.removed) this.interactionNodes.delete(`${change.subscriptionId}/${id}`);
    this.pending.add((changes) => {
      if (regrouped || membership) changes.queues.add(change.subscriptionId);
      for (const id of change.changed) changes.rows.add(`${change.subscriptionId}/${id}`);
    });
  }

  private changedInteraction(interactionId: string): void {
    this.pending.add((changes) => {
      for (const watched of this.sources.watcher.queues) changes.rows.add(`${watched.subscriptionId}/${interactionId}`);
    });
  }

  /** A consult started or ended: its leg moves under (or out from under) the call, so its groups change. */
  private regroup(interactionIds: string[]): void {
    this.layouts.clear();
    const cache = this.cache;
    this.pending.add((changes) => {
      for (const watched of this.sources.watcher.queues) {
        if (interactionIds.some((id) => cache?.get(watched.subscriptionId, id))) changes.queues.add(watched.subscriptionId);
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
    for (const subscriptionId of queues) {
      const node = this.queueNodes.get(subscriptionId);
      if (node) nodes.push(node);
    }
    const groupOf = (key: string) => key.slice(0, key.lastIndexOf('/'));
    const changedRows = [...rows].filter((key) => !queues.has(groupOf(key)));
    if (changedRows.length > MAX_ROW_CHANGES) {
      for (const key of changedRows) queues.add(groupOf(key));
      this.changeEmitter.fire({ all: false, nodes: [...queues].map((id) => this.queueNodes.get(id)).filter((n): n is QueueNode => n !== undefined) });
      return;
    }
    const cache = this.cache;
    for (const key of changedRows) {
      const node = this.interactionNodes.get(key);
      // Only rows the view shows: rows past the limit are not rendered, so not redrawn.
      if (node && this.shown.get(node.subscriptionId)?.has(node.interactionId) && cache?.get(node.subscriptionId, node.interactionId)) nodes.push(node);
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
