import * as vscode from 'vscode';
import { attribute, type CachedInteraction, type QueueCache, type QueueCacheChange } from '../../icws';
import type { ConsultTracker } from '../session/ConsultTracker';
import type { OperationTracker } from '../session/OperationTracker';
import type { QueueWatcher, WatchedQueue } from '../session/QueueWatcher';
import type { SessionService } from '../session/SessionService';
import { interactionContextValue, interactionDescription, interactionLabel, interactionTooltip, stateLook } from './presentation';

export class QueueNode {
  readonly kind = 'queue';
  constructor(public watched: WatchedQueue) {}
}

export class InteractionNode {
  readonly kind = 'interaction';
  constructor(
    readonly subscriptionId: string,
    readonly interactionId: string,
  ) {}
}

export type TreeNode = QueueNode | InteractionNode;

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
  private readonly disposables: vscode.Disposable[] = [];
  private cacheListener?: { dispose(): void };
  private pendingQueues = new Set<string>();
  private pendingInteractions = new Set<string>();
  private pendingAll = false;
  private timer?: NodeJS.Timeout;
  /** For benchmarks and tests: how many times the tree was told to refresh. */
  refreshCount = 0;

  constructor(
    private readonly sessions: SessionService,
    private readonly watcher: QueueWatcher,
    private readonly consults: ConsultTracker,
    private readonly operations: OperationTracker,
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
    return node.kind === 'queue' ? this.queueItem(node) : this.interactionItem(node);
  }

  /** The tooltip (every attribute) is built on hover, not for every row on every refresh. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const cache = this.cache;
    const interaction = node.kind === 'interaction' ? cache?.get(node.subscriptionId, node.interactionId) : undefined;
    if (cache && interaction) item.tooltip = new vscode.MarkdownString(interactionTooltip(interaction, cache.attributesForDisplay(interaction)));
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const cache = this.cache;
    if (!cache) return [];
    if (!node) return this.watcher.queues.map((watched) => this.queueNode(watched));
    if (node.kind === 'queue') {
      return sortInteractions(cache.interactions(node.watched.subscriptionId).filter((item) => !this.nestedUnderAnother(item, cache)))
        .map((item) => this.interactionNode(node.watched.subscriptionId, item.id));
    }
    return this.consultLegs(node, cache).map((item) => this.interactionNode(node.subscriptionId, item.id));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'queue') return undefined;
    const cache = this.cache;
    const original = cache ? this.consults.originalOf(node.interactionId, cache) : undefined;
    if (original && cache?.get(node.subscriptionId, original)) return this.interactionNode(node.subscriptionId, original);
    return this.queueNodes.get(node.subscriptionId);
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
    const item = new vscode.TreeItem(node.watched.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `queue/${node.watched.subscriptionId}`;
    item.contextValue = 'queue';
    if (node.watched.error) {
      item.description = 'not available';
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.tooltip = node.watched.error;
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
    // Always expandable: VS Code keeps an id's first collapsible state, so a row that gains a
    // consult leg later must have been expandable from the start (empty rows show no twistie).
    const treeItem = new vscode.TreeItem(interactionLabel(item), vscode.TreeItemCollapsibleState.Expanded);
    // Stable across updates (never state or time), unique across queue groups.
    treeItem.id = `${node.subscriptionId}/${item.id}`;
    treeItem.description = interactionDescription(item, busy);
    const look = stateLook(item);
    treeItem.iconPath = busy ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    const consult = this.consults.find(item.id, cache);
    treeItem.contextValue = busy
      ? 'interaction busy'
      : interactionContextValue(item, { hasConsult: consult?.interactionId === item.id, isConsultLeg: consult !== undefined && consult.interactionId !== item.id || Boolean(attribute(item, 'Eic_ConsultCallId')) });
    treeItem.accessibilityInformation = { label: `${interactionLabel(item)}, ${look.text}` };
    return treeItem;
  }

  private consultLegs(node: InteractionNode, cache: QueueCache): CachedInteraction[] {
    return cache.interactions(node.subscriptionId).filter((item) => item.id !== node.interactionId && this.consults.originalOf(item.id, cache) === node.interactionId);
  }

  private nestedUnderAnother(item: CachedInteraction, cache: QueueCache): boolean {
    const original = this.consults.originalOf(item.id, cache);
    return original !== undefined && original !== item.id && cache.get(item.subscriptionId, original) !== undefined;
  }

  private queueNode(watched: WatchedQueue): QueueNode {
    let node = this.queueNodes.get(watched.subscriptionId);
    if (node) node.watched = watched;
    else this.queueNodes.set(watched.subscriptionId, (node = new QueueNode(watched)));
    return node;
  }

  private interactionNode(subscriptionId: string, interactionId: string): InteractionNode {
    const key = `${subscriptionId}/${interactionId}`;
    let node = this.interactionNodes.get(key);
    if (!node) this.interactionNodes.set(key, (node = new InteractionNode(subscriptionId, interactionId)));
    return node;
  }

  // ---- coalesced refreshes -----------------------------------------------------------------

  private onCacheChange(change: QueueCacheChange): void {
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
    const cache = this.cache;
    for (const watched of this.watcher.queues) {
      if (interactionIds.some((id) => cache?.get(watched.subscriptionId, id))) this.pendingQueues.add(watched.subscriptionId);
    }
    this.schedule();
  }

  private scheduleAll(): void {
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
      if (node && this.cache?.get(node.subscriptionId, node.interactionId)) nodes.push(node);
    }
    if (nodes.length) this.changeEmitter.fire(nodes);
  }

  dispose(): void {
    clearTimeout(this.timer);
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
