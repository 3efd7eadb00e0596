import * as vscode from 'vscode';
import { Coalescer, DisposableOwner, type IcwsSession } from '../../icws';
import { HEALTH_UPDATE_MS } from '../../icws/health';
import { plainText } from '../display/untrustedText';
import { type HealthLine, healthSections } from './healthLines';
import type { SessionHealthService } from './SessionHealthService';

/** The command a line runs: its Traffic entries (see registerHealthCommands). */
export const SHOW_HEALTH_TRAFFIC = 'icws.sessionHealth.showTraffic';

export type HealthNode =
  | { kind: 'session'; session: IcwsSession; key: string }
  | { kind: 'line'; session: IcwsSession; key: string; line: HealthLine; section: boolean };

/**
 * "Session Health": one root per live session, sections Stream / Subscriptions / Requests /
 * Features under it. It renders the models' snapshots; a snapshot is taken when a session's
 * children are asked for, so a hidden view costs nothing (the service stops announcing changes).
 */
export class HealthTreeProvider extends DisposableOwner implements vscode.TreeDataProvider<HealthNode>, vscode.Disposable {
  static readonly viewId = 'icws.sessionHealth';
  private readonly changeEmitter = this.register(new vscode.EventEmitter<HealthNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly roots = new Map<IcwsSession, HealthNode & { kind: 'session' }>();
  private nextKey = 1;
  /** Sessions changed within a window: one refresh each, at most 4 times a second. */
  private readonly pending = this.register(new Coalescer<Set<IcwsSession | undefined>>(HEALTH_UPDATE_MS, () => new Set(), (changed) => this.refresh(changed)));
  /** How many refreshes the view was told of (tests and the benchmark count them). */
  refreshes = 0;

  constructor(private readonly health: SessionHealthService) {
    super();
    this.register(health.onDidChange((session) => this.pending.add((changed) => changed.add(session))));
  }

  getTreeItem(node: HealthNode): vscode.TreeItem {
    if (node.kind === 'session') {
      const item = new vscode.TreeItem(plainText(this.health.nameOf(node.session), 80), vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.key;
      item.description = plainText(node.session.server, 80);
      item.iconPath = new vscode.ThemeIcon(this.health.healthOf(node.session)?.isSilent ? 'warning' : 'plug', this.health.healthOf(node.session)?.isSilent ? new vscode.ThemeColor('list.warningForeground') : undefined);
      item.contextValue = 'icwsHealthSession';
      return item;
    }
    const { line } = node;
    const item = new vscode.TreeItem(plainText(line.label, 120), line.children?.length ? (node.section ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    // Reasons, subscription ids and paths come from the server or the transport: shown as plain text.
    if (line.description) item.description = plainText(line.description, 200);
    if (line.tooltip) item.tooltip = plainText(line.tooltip, 1_000);
    item.iconPath = line.warning ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(line.icon ?? 'circle-small');
    item.contextValue = line.warning ? 'icwsHealthWarning' : 'icwsHealthLine';
    if (line.exchangeIds.length) item.command = { command: SHOW_HEALTH_TRAFFIC, title: 'Show in Traffic', arguments: [node] };
    return item;
  }

  getChildren(node?: HealthNode): HealthNode[] {
    if (!node) return this.health.live.map((session) => this.rootOf(session));
    if (node.kind === 'session') {
      const model = this.health.healthOf(node.session);
      return model ? healthSections(model.snapshot()).map((section) => this.lineNode(node, section)) : [];
    }
    return (node.line.children ?? []).map((line) => this.lineNode(node, line));
  }

  private rootOf(session: IcwsSession): HealthNode & { kind: 'session' } {
    let root = this.roots.get(session);
    if (!root) this.roots.set(session, (root = { kind: 'session', session, key: `session-${this.nextKey++}` }));
    return root;
  }

  private lineNode(parent: HealthNode, line: HealthLine): HealthNode {
    return { kind: 'line', session: parent.session, key: `${parent.key}/${line.id}`, line, section: parent.kind === 'session' };
  }

  private refresh(changed: Set<IcwsSession | undefined>): void {
    this.refreshes++;
    for (const session of [...this.roots.keys()]) if (!this.health.healthOf(session)) this.roots.delete(session);
    if (changed.has(undefined)) {
      this.changeEmitter.fire(undefined);
      return;
    }
    for (const session of changed) {
      const root = session && this.roots.get(session);
      if (root) this.changeEmitter.fire(root);
    }
  }
}

