import * as vscode from 'vscode';
import { type ConnectionProfile, DisposableOwner, type IcwsSession } from '../../icws';
import { plainText } from '../display/untrustedText';
import { type MyStatus, statusIcon } from '../session/MyStatus';
import type { SessionService } from '../session/SessionService';

/**
 * One status item per profile that is connected or trying to be (named by its profile, a
 * production one in the error colour); one plain "ICWS" item when none is. A click opens that
 * session's actions.
 */
export class SessionStatusBar extends DisposableOwner implements vscode.Disposable {
  private readonly idle = this.register(vscode.window.createStatusBarItem('icws.status', vscode.StatusBarAlignment.Left, 50));
  private readonly items = new Map<string, vscode.StatusBarItem>();

  constructor(
    private readonly sessions: SessionService,
    private readonly myStatus: MyStatus,
  ) {
    super();
    this.idle.name = 'ICWS session';
    this.idle.command = 'icws.sessionActions';
    this.register(sessions.onDidChangeStatus(() => this.update()));
    this.register(sessions.onDidChangeConnections(() => this.update()));
    this.register(sessions.onDidAddSession(() => this.update()));
    this.register(sessions.onDidRemoveSession(() => this.update()));
    this.register(myStatus.onDidChange(() => this.update()));
    this.register({ dispose: () => this.items.forEach((item) => item.dispose()) });
    this.update();
  }

  private update(): void {
    const shown = this.sessions.knownProfiles().filter((profile) => this.sessions.statusOf(profile) !== 'disconnected');
    for (const [id, item] of this.items) {
      if (shown.some((profile) => profile.id === id)) continue;
      item.dispose();
      this.items.delete(id);
    }
    shown.forEach((profile, index) => {
      let item = this.items.get(profile.id);
      if (!item) {
        item = vscode.window.createStatusBarItem(`icws.status.${profile.id}`, vscode.StatusBarAlignment.Left, 50 - index / 100);
        this.items.set(profile.id, item);
      }
      item.name = plainText(`ICWS session ${profile.name}`);
      item.command = { title: 'ICWS session actions', command: 'icws.sessionActions', arguments: [{ session: profile.id }] };
      this.draw(item, profile, shown.length > 1);
      item.show();
    });
    if (shown.length) this.idle.hide();
    else {
      this.idle.text = '$(plug) ICWS';
      this.idle.tooltip = 'ICWS: not connected. Click to connect.';
      this.idle.show();
    }
  }

  private draw(item: vscode.StatusBarItem, profile: ConnectionProfile, several: boolean): void {
    const session = this.sessions.sessionOf(profile);
    // With one session the item reads as before profiles (the user); with several, each names its profile.
    const who = plainText(several ? profile.name : (session?.identity.userId ?? profile.userId), 40);
    const production = profile.production ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    switch (this.sessions.statusOf(profile)) {
      case 'connected': {
        // The user ID, display name and status texts come from the server.
        const mine = session ? this.myStatus.of(session) : undefined;
        const statusText = mine ? ` · ${plainText(mine.message?.messageText ?? mine.status.statusId, 40)}` : '';
        item.text = `$(${mine ? statusIcon(mine.message) : 'call-incoming'}) ${who}${statusText}`;
        item.tooltip = plainText(`ICWS ${profile.name}${profile.production ? ' (production)' : ''}: connected to ${session?.server} as ${session?.identity.userDisplayName ?? session?.identity.userId} (messaging by ${session?.messages.mode})${mine ? `; status ${mine.message?.messageText ?? mine.status.statusId}${mine.message?.isAcdStatus ? ', taking ACD calls' : ', no ACD calls'}` : ''}`);
        item.backgroundColor = production;
        break;
      }
      case 'connecting':
        item.text = `$(sync~spin) ${who}`;
        item.tooltip = plainText(`ICWS ${profile.name}: connecting…`);
        item.backgroundColor = production;
        break;
      case 'reconnecting':
        item.text = `$(sync~spin) ${who}: reconnecting`;
        item.tooltip = plainText(`ICWS ${profile.name}: the message channel was interrupted; showing the last known interactions while it reconnects`);
        item.backgroundColor = production ?? new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      default:
        item.text = `$(debug-disconnect) ${several ? who : 'ICWS'}: offline`;
        item.tooltip = plainText(`ICWS ${profile.name}: ${this.sessions.problemOf(profile) ?? 'not connected'}. Click for actions.`);
        item.backgroundColor = production ?? new vscode.ThemeColor('statusBarItem.warningBackground');
    }
  }
}

/**
 * The quick pick behind a status item: what can be done with that session now (the named one,
 * else the only one), and Start Simulator only while no session is on the simulator.
 */
export async function showSessionActions(sessions: SessionService, simulator: { isRunning: boolean; url?: string }, argument?: unknown): Promise<void> {
  const named = argument && typeof argument === 'object' ? (argument as { session?: unknown }).session : undefined;
  const profile = typeof named === 'string' ? sessions.knownProfiles().find((p) => p.id === named) : undefined;
  const session: IcwsSession | undefined = profile ? sessions.sessionOf(profile) : sessions.sessions.length === 1 ? sessions.sessions[0] : undefined;
  const target = session ? [{ session: sessions.profileOf(session)?.id ?? '' }] : [];
  const actions: (vscode.QuickPickItem & { command: string; arguments?: unknown[] })[] = session
    ? [
        { label: '$(pass) Set Status…', command: 'icws.setStatus', arguments: target },
        { label: '$(eye) Watch Queue…', command: 'icws.watchQueue' },
        { label: '$(refresh) Refresh', command: 'icws.refresh' },
        { label: '$(output) Show Log', command: 'icws.showLog' },
        { label: '$(debug-disconnect) Disconnect', command: 'icws.disconnect', arguments: [{ session: target[0]?.session }] },
        { label: '$(plug) Connect Another Profile…', command: 'icws.connect' },
      ]
    : [
        { label: profile ? '$(plug) Connect' : '$(plug) Connect…', command: 'icws.connect', arguments: profile ? [{ profile: profile.id }] : [] },
        { label: '$(output) Show Log', command: 'icws.showLog' },
      ];
  const onSimulator = simulator.url !== undefined && sessions.sessions.some((s) => s.server === simulator.url);
  if (simulator.isRunning) actions.push({ label: '$(debug-stop) Stop Simulator', command: 'icws.stopSimulator' });
  else if (!onSimulator) actions.push({ label: '$(beaker) Start Simulator', command: 'icws.startSimulator' });
  const title = session ? plainText(`ICWS: ${sessions.profileOf(session)?.name ?? session.identity.userId} (${session.identity.userId} @ ${session.server})`) : profile ? plainText(`ICWS: ${profile.name}`) : 'ICWS';
  const picked = await vscode.window.showQuickPick(actions, { title });
  if (picked) await vscode.commands.executeCommand(picked.command, ...(picked.arguments ?? []));
}
