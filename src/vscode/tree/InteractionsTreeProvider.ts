import * as vscode from 'vscode';
import { plainText } from '../display/untrustedText';
import { consultRole, DisposableOwner, type IcwsSession } from '../../icws';
import { hostOf } from '../session/profiles/profileRecords';
import type { ConsultTracker } from '../session/ConsultTracker';
import type { LastChanges } from '../session/LastChanges';
import type { OperationTracker } from '../session/OperationTracker';
import type { QueueWatcher } from '../session/QueueWatcher';
import type { SessionService } from '../session/SessionService';
import { type CacheHolder, type InteractionNode, InteractionsModel, type MoreNode, type QueueNode, type SessionNode, type TreeNode } from './InteractionsModel';
import { interactionContextValue, interactionDescription, interactionLabel, interactionTooltip, stateLook } from './presentation';

export { InteractionNode, MoreNode, QueueNode, SessionNode, type TreeNode } from './InteractionsModel';

/**
 * Draws the Interactions view: the model's nodes as tree items. What the rows are, their order and
 * which changed is the model's (`InteractionsModel`); this only renders and passes its changes on.
 */
export class InteractionsTreeProvider extends DisposableOwner implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  readonly model: InteractionsModel;

  constructor(
    private readonly sessions: SessionService,
    watcher: QueueWatcher,
    private readonly consults: ConsultTracker,
    private readonly operations: OperationTracker,
    /** Rows shown per queue group: VS Code trees slow down badly with thousands of children. */
    maxRowsPerQueue: () => number = () => 500,
    /** Marks in the tooltip what the last message changed. */
    private readonly lastChanges?: LastChanges,
  ) {
    super();
    this.model = this.register(new InteractionsModel({ sessions, watcher: { queuesOf: (session) => watcher.queuesOf(session as IcwsSession), onDidChange: watcher.onDidChange }, consults, rowChanges: operations.onDidChange, maxRowsPerQueue }));
    this.register(this.model.onDidChange((change) => this.changeEmitter.fire(change.all ? undefined : [...change.nodes])));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'more') return this.moreItem(node);
    if (node.kind === 'session') return this.sessionItem(node);
    return node.kind === 'queue' ? this.queueItem(node) : this.interactionItem(node);
  }

  /** The tooltip (every attribute) is built on hover, not for every row on every refresh. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const cache = node.session.queues.cache;
    const interaction = node.kind === 'interaction' ? cache.get(node.subscriptionId, node.interactionId) : undefined;
    if (interaction) item.tooltip = new vscode.MarkdownString(interactionTooltip(interaction, cache.attributesForDisplay(interaction), this.lastChanges?.of(interaction.id, node.session as IcwsSession)));
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return this.model.children(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.model.parent(node);
  }

  /** The node of an interaction in the first queue group that shows it: in `session`, or in the first session that has it. */
  findNode(interactionId: string, session?: IcwsSession): InteractionNode | undefined {
    return this.model.find(interactionId, session);
  }

  /** Redraws everything (e.g. after the row limit setting changed). */
  refreshAll(): void {
    this.model.refreshAll();
  }

  private moreItem(node: MoreNode): vscode.TreeItem {
    const item = new vscode.TreeItem(`${node.hidden.toLocaleString()} more interactions`, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.prefixOf(node.session)}more/${node.subscriptionId}`;
    item.description = `showing the first ${node.shown.toLocaleString()} by start time`;
    item.tooltip = 'Busy queues show a limited number of rows (setting "icws.maxRowsPerQueue"). The raw JSON and the palette pick list reach every interaction.';
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'more';
    return item;
  }

  private queueItem(node: QueueNode): vscode.TreeItem {
    const count = node.session.queues.cache.size(node.watched.subscriptionId);
    const item = new vscode.TreeItem(plainText(node.watched.label, 80), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `${this.prefixOf(node.session)}queue/${node.watched.subscriptionId}`;
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
    const cache = node.session.queues.cache;
    const item = this.model.interaction(node);
    if (!item) return new vscode.TreeItem(node.interactionId);
    const busy = this.operations.busyWith(item.id);
    // An arrow only on rows with children (consult legs). VS Code keeps an id's first collapsible
    // state, so a row that gains children is a new item with its own id (see the model's interactionNode).
    const treeItem = new vscode.TreeItem(interactionLabel(item), node.hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    // Stable across updates (never state or time), unique across queue groups.
    treeItem.id = `${this.prefixOf(node.session)}${node.subscriptionId}/${item.id}${node.hasChildren ? '/with-legs' : ''}`;
    treeItem.description = interactionDescription(item, busy);
    const look = stateLook(item);
    treeItem.iconPath = busy ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    const consult = this.consults.find(item.id, cache, this.sessions.profileOf(node.session as IcwsSession)?.id);
    treeItem.contextValue = busy
      ? 'interaction busy'
      : interactionContextValue(item, consultRole(item, consult), (node.session as IcwsSession).identity.userId);
    treeItem.accessibilityInformation = { label: `${interactionLabel(item)}, ${look.text}` };
    return treeItem;
  }

  /** A session's root: its profile's name in its colour, user and server beside it. */
  private sessionItem(node: SessionNode): vscode.TreeItem {
    const session = node.session as IcwsSession;
    const profile = this.sessions.profileOf(session);
    const item = new vscode.TreeItem(plainText(profile?.name ?? session.identity.userId, 80), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `session/${profile?.id ?? session.identity.userId}`;
    item.description = plainText(`${session.identity.userId} · ${hostOf(session.server)}${profile?.production ? ' · production' : ''}`, 80);
    item.tooltip = plainText(`${profile?.name ?? ''}: ${session.identity.userDisplayName ?? session.identity.userId} on ${session.server}${profile?.production ? ' (production: state changes ask first)' : ''}`);
    const color = profile?.production ? 'errorForeground' : profile?.color;
    item.iconPath = new vscode.ThemeIcon(profile?.production ? 'shield' : 'account', color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = profile?.production ? 'session production' : 'session';
    return item;
  }

  /** Row ids carry their session (its profile), so two sessions' rows of one interaction stay apart. */
  private prefixOf(session: CacheHolder): string {
    const profile = this.sessions.profileOf(session as IcwsSession);
    return profile ? `${profile.id}:` : '';
  }
}
