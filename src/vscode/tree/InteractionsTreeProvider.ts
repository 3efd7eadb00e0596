import * as vscode from 'vscode';
import { plainText } from '../display/untrustedText';
import { attribute, type CachedInteraction, consultRole, type QueueCache, type QueueCacheChange } from '../../icws';
import type { ConsultTracker } from '../session/ConsultTracker';
import type { LastChanges } from '../session/LastChanges';
import type { OperationTracker } from '../session/OperationTracker';
import type { QueueWatcher, WatchedQueue } from '../session/QueueWatcher';
import type { SessionService } from '../session/SessionService';
import { interactionContextValue, interactionDescription, interactionLabel, interactionTooltip, securePauseEnd, stateLook } from './presentation';

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

interface GroupLayout {
  top: CachedInteraction[];
  /** Rows nested under a row: consult legs under their call, parties under their conference. */
  legs: Map<string, CachedInteraction[]>;
  /** Child id to parent id (the inverse of `legs`). */
  parents: Map<string, string>;
}

/** Changes arriving within this window are shown in one refresh: at most 10 refreshes a second. */
const COALESCE_MS = 100;
/** Past this many changed rows in one window, refreshing their queue groups is cheaper. */
const MAX_ITEM_REFRESHES = 200;

/**
 * The live interactions, grouped by watched queue, with consult legs under the interaction they
 * consult on. Nodes are kept per id so a refresh can name exactly the rows that changed.
 */
export class InteractionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly queueNodes = new Map<string, QueueNode>();
  private readonly interactionNodes = new Map<string, InteractionNode>();
  private readonly moreNodes = new Map<string, MoreNode>();
  /** Interaction ids shown (within the limit) per group, so refreshes name only rendered rows. */
  private readonly shown = new Map<string, Set<string>>();
  private readonly layouts = new Map<string, GroupLayout>();
  private readonly disposables: vscode.Disposable[] = [];
  private cacheListener?: { dispose(): void };
  private pendingQueues = new Set<string>();
  private pendingInteractions = new Set<string>();
  private pendingAll = false;
  private timer?: NodeJS.Timeout;
  /** Rows with a timed secure pause, by row key, and the ticker that redraws their countdown. */
  private readonly countdowns = new Map<string, number>();
  private countdownTicker?: NodeJS.Timeout;
  /** For benchmarks and tests: how many times the tree was told to refresh. */
  refreshCount = 0;

  constructor(
    private readonly sessions: SessionService,
    private readonly watcher: QueueWatcher,
    private readonly consults: ConsultTracker,
    private readonly operations: OperationTracker,
    /** Rows shown per queue group: VS Code trees slow down badly with thousands of children. */
    private readonly maxRowsPerQueue: () => number = () => 500,
    /** Marks in the tooltip what the last message changed. */
    private readonly lastChanges?: LastChanges,
  ) {
    this.disposables.push(
      sessions.onDidChangeSession((session) => {
        this.cacheListener?.dispose();
        this.cacheListener = session?.queues.cache.onDidChange((change) => this.onCacheChange(change));
        this.scheduleAll();
      }),
      watcher.onDidChange(() => this.scheduleAll()),
      consults.onDidChange((ids) => this.scheduleRegrouping(ids)),
      operations.onDidChange((id) => this.scheduleInteraction(id)),
    );
  }

  private get cache(): QueueCache | undefined {
    return this.sessions.session?.queues.cache;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`${node.hidden.toLocaleString()} more interactions`, vscode.TreeItemCollapsibleState.None);
      item.id = `more/${node.subscriptionId}`;
      item.description = `showing the first ${node.shown.toLocaleString()} by start time`;
      item.tooltip = 'Busy queues show a limited number of rows (setting "icws.maxRowsPerQueue"). The raw JSON and the palette pick list reach every interaction.';
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'more';
      return item;
    }
    return node.kind === 'queue' ? this.queueItem(node) : this.interactionItem(node);
  }

  /** The tooltip (every attribute) is built on hover, not for every row on every refresh. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const cache = this.cache;
    const interaction = node.kind === 'interaction' ? cache?.get(node.subscriptionId, node.interactionId) : undefined;
    if (cache && interaction) item.tooltip = new vscode.MarkdownString(interactionTooltip(interaction, cache.attributesForDisplay(interaction), this.lastChanges?.of(interaction.id)));
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const cache = this.cache;
    if (!cache) return [];
    if (!node) return this.watcher.queues.map((watched) => this.queueNode(watched));
    if (node.kind === 'queue') {
      const subscriptionId = node.watched.subscriptionId;
      const layout = this.layoutOf(subscriptionId, cache);
      const limit = Math.max(1, this.maxRowsPerQueue());
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
    return this.consultLegs(node, cache).map((item) => this.interactionNode(node.subscriptionId, item.id));
  }

  /**
   * A group's rows in display order, with consult legs set apart under their calls. Built once per
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

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'queue') return undefined;
    if (node.kind === 'more') return this.queueNodes.get(node.subscriptionId);
    const cache = this.cache;
    const item = cache?.get(node.subscriptionId, node.interactionId);
    const parent = cache && item ? this.parentOf(item, node.subscriptionId, cache) : undefined;
    if (parent) return this.interactionNode(node.subscriptionId, parent);
    return this.queueNodes.get(node.subscriptionId);
  }

  private parentOfId(id: string, subscriptionId: string, cache: QueueCache): string | undefined {
    const item = cache.get(subscriptionId, id);
    return item ? this.parentOf(item, subscriptionId, cache) : undefined;
  }

  /** The row an interaction nests under in this group: its call (a consult leg) or its conference (a party). */
  private parentOf(item: CachedInteraction, subscriptionId: string, cache: QueueCache): string | undefined {
    const original = this.consults.originalOf(item.id, cache);
    if (original !== undefined && original !== item.id && cache.get(subscriptionId, original)) return original;
    const conference = attribute(item, 'Eic_ConferenceId');
    if (conference && conference !== item.id && cache.get(subscriptionId, conference)) return conference;
    return undefined;
  }

  /** The node of an interaction in the first queue group that shows it. */
  findNode(interactionId: string): InteractionNode | undefined {
    const cache = this.cache;
    if (!cache) return undefined;
    const id = cache.currentId(interactionId);
    for (const watched of this.watcher.queues) if (cache.get(watched.subscriptionId, id)) return this.interactionNode(watched.subscriptionId, id);
    return undefined;
  }

  private queueItem(node: QueueNode): vscode.TreeItem {
    const count = this.cache?.size(node.watched.subscriptionId) ?? 0;
    const item = new vscode.TreeItem(plainText(node.watched.label, 80), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `queue/${node.watched.subscriptionId}`;
    item.contextValue = 'queue';
    if (node.watched.error) {
      item.description = 'not available';
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.tooltip = plainText(node.watched.error);
    } else {
      item.description = count === 0 ? 'no interactions' : count === 1 ? '1 interaction' : `${count} interactions`;
      item.iconPath = new vscode.ThemeIcon(node.watched.queue.queueType === 2 ? 'organization' : node.watched.queue.queueType === 3 ? 'device-desktop' : 'person');
    }
    return item;
  }

  private interactionItem(node: InteractionNode): vscode.TreeItem {
    const cache = this.cache;
    const item = cache?.get(node.subscriptionId, node.interactionId);
    if (!cache || !item) return new vscode.TreeItem(node.interactionId);
    const busy = this.operations.busyWith(item.id);
    // An arrow only on rows with children (consult legs). VS Code keeps an id's first collapsible
    // state, so a row that gains children is a new item with its own id (see interactionNode).
    const treeItem = new vscode.TreeItem(interactionLabel(item), node.hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    // Stable across updates (never state or time), unique across queue groups.
    treeItem.id = `${node.subscriptionId}/${item.id}${node.hasChildren ? '/with-legs' : ''}`;
    treeItem.description = interactionDescription(item, busy);
    this.followCountdown(node, item);
    const look = stateLook(item);
    treeItem.iconPath = busy ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    const consult = this.consults.find(item.id, cache);
    treeItem.contextValue = busy
      ? 'interaction busy'
      : interactionContextValue(item, consultRole(item, consult), this.sessions.session?.identity.userId);
    treeItem.accessibilityInformation = { label: `${interactionLabel(item)}, ${look.text}` };
    return treeItem;
  }

  private consultLegs(node: InteractionNode, cache: QueueCache): CachedInteraction[] {
    return this.layoutOf(node.subscriptionId, cache).legs.get(node.interactionId) ?? [];
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

  /** The row of an interaction; a new node when it gains or loses children (the group is refreshed then). */
  private interactionNode(subscriptionId: string, interactionId: string): InteractionNode {
    const key = `${subscriptionId}/${interactionId}`;
    const cache = this.cache;
    const hasChildren = cache !== undefined && (this.layoutOf(subscriptionId, cache).legs.get(interactionId)?.length ?? 0) > 0;
    let node = this.interactionNodes.get(key);
    if (!node || node.hasChildren !== hasChildren) this.interactionNodes.set(key, (node = new InteractionNode(subscriptionId, interactionId, hasChildren)));
    return node;
  }

  /** A timed secure pause shows its countdown on the row: redraw those rows once a second until it ends. */
  private followCountdown(node: InteractionNode, item: CachedInteraction): void {
    const key = `${node.subscriptionId}/${node.interactionId}`;
    const ends = securePauseEnd(item);
    if (ends === undefined || ends < Date.now() - 1_000) {
      this.countdowns.delete(key);
      return;
    }
    this.countdowns.set(key, ends);
    this.countdownTicker ??= setInterval(() => {
      for (const [rowKey, end] of this.countdowns) {
        this.pendingInteractions.add(rowKey);
        if (end < Date.now() - 1_000) this.countdowns.delete(rowKey);
      }
      this.schedule();
      if (this.countdowns.size === 0) {
        clearInterval(this.countdownTicker);
        this.countdownTicker = undefined;
      }
    }, 1_000);
  }

  // ---- coalesced refreshes -----------------------------------------------------------------

  private onCacheChange(change: QueueCacheChange): void {
    const before = this.layouts.get(change.subscriptionId);
    this.layouts.delete(change.subscriptionId);
    // A row that moved under another (joined a conference) or out from under it regroups the group.
    const cache = this.cache;
    if (before && cache && change.changed.some((id) => before.parents.get(id) !== this.parentOfId(id, change.subscriptionId, cache))) this.pendingQueues.add(change.subscriptionId);
    if (change.added.length || change.removed.length || change.replaced) {
      this.pendingQueues.add(change.subscriptionId);
      for (const id of change.removed) this.interactionNodes.delete(`${change.subscriptionId}/${id}`);
    }
    for (const id of change.changed) this.pendingInteractions.add(`${change.subscriptionId}/${id}`);
    this.schedule();
  }

  private scheduleInteraction(interactionId: string): void {
    for (const watched of this.watcher.queues) this.pendingInteractions.add(`${watched.subscriptionId}/${interactionId}`);
    this.schedule();
  }

  /** A consult started or ended: its leg moves under (or out from under) the call, so refresh the groups. */
  private scheduleRegrouping(interactionIds: string[]): void {
    this.layouts.clear();
    const cache = this.cache;
    for (const watched of this.watcher.queues) {
      if (interactionIds.some((id) => cache?.get(watched.subscriptionId, id))) this.pendingQueues.add(watched.subscriptionId);
    }
    this.schedule();
  }

  /** Redraws everything (e.g. after the row limit setting changed). */
  refreshAll(): void {
    this.scheduleAll();
  }

  private scheduleAll(): void {
    this.layouts.clear();
    this.pendingAll = true;
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  /** Fires one refresh for everything that changed in the window. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const all = this.pendingAll;
    const queues = this.pendingQueues;
    const interactions = this.pendingInteractions;
    this.pendingAll = false;
    this.pendingQueues = new Set();
    this.pendingInteractions = new Set();
    this.refreshCount++;
    if (all) {
      this.changeEmitter.fire(undefined);
      return;
    }
    const nodes: TreeNode[] = [];
    for (const subscriptionId of queues) {
      const node = this.queueNodes.get(subscriptionId);
      if (node) nodes.push(node);
    }
    const items = [...interactions].filter((key) => !queues.has(key.slice(0, key.lastIndexOf('/'))));
    if (items.length > MAX_ITEM_REFRESHES) {
      for (const key of items) queues.add(key.slice(0, key.lastIndexOf('/')));
      this.changeEmitter.fire([...queues].map((id) => this.queueNodes.get(id)).filter((n): n is QueueNode => n !== undefined));
      return;
    }
    for (const key of items) {
      const node = this.interactionNodes.get(key);
      // Only rows the view shows: rows past the limit are not rendered, so not refreshed.
      if (node && this.shown.get(node.subscriptionId)?.has(node.interactionId) && this.cache?.get(node.subscriptionId, node.interactionId)) nodes.push(node);
    }
    if (nodes.length) this.changeEmitter.fire(nodes);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearInterval(this.countdownTicker);
    this.cacheListener?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    this.changeEmitter.dispose();
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
