import * as vscode from 'vscode';
import { DisposableOwner } from '../../icws';
import { plainText } from '../display/untrustedText';
import { type MyStatus, statusIcon } from '../session/MyStatus';
import type { SessionService } from '../session/SessionService';

/** Shows the session state; a click opens the session actions. */
export class SessionStatusBar extends DisposableOwner implements vscode.Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('icws.status', vscode.StatusBarAlignment.Left, 50));

  constructor(
    private readonly sessions: SessionService,
    private readonly myStatus: MyStatus,
  ) {
    super();
    this.item.name = 'ICWS session';
    this.item.command = 'icws.sessionActions';
    this.register(sessions.onDidChangeStatus(() => this.update()));
    this.register(myStatus.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const session = this.sessions.session;
    switch (this.sessions.status) {
      case 'connected': {
        // The user ID, display name and status texts come from the server.
        const mine = this.myStatus.current;
        const statusText = mine ? ` · ${plainText(mine.message?.messageText ?? mine.status.statusId, 40)}` : '';
        this.item.text = `$(${mine ? statusIcon(mine.message) : 'call-incoming'}) ${plainText(session?.identity.userId ?? 'ICWS', 40)}${statusText}`;
        this.item.tooltip = plainText(`ICWS: connected to ${session?.server} as ${session?.identity.userDisplayName ?? session?.identity.userId} (messaging by ${session?.messages.mode})${mine ? `; status ${mine.message?.messageText ?? mine.status.statusId}${mine.message?.isAcdStatus ? ', taking ACD calls' : ', no ACD calls'}` : ''}`);
        this.item.backgroundColor = undefined;
        break;
      }
      case 'connecting':
        this.item.text = '$(sync~spin) ICWS';
        this.item.tooltip = 'ICWS: connecting…';
        this.item.backgroundColor = undefined;
        break;
      case 'reconnecting':
        this.item.text = '$(sync~spin) ICWS: reconnecting';
        this.item.tooltip = 'ICWS: the message channel was interrupted; showing the last known interactions while it reconnects';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'offline':
        this.item.text = '$(debug-disconnect) ICWS: offline';
        this.item.tooltip = `ICWS: ${plainText(this.sessions.problem ?? 'not connected')}. Click for actions.`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      default:
        this.item.text = '$(plug) ICWS';
        this.item.tooltip = 'ICWS: not connected. Click to connect.';
        this.item.backgroundColor = undefined;
    }
    this.item.show();
  }
}

/** The quick pick behind the status bar item. */
export async function showSessionActions(sessions: SessionService, simulatorRunning: boolean): Promise<void> {
  const connected = sessions.session !== undefined;
  const actions: (vscode.QuickPickItem & { command: string })[] = connected
    ? [
        { label: '$(pass) Set Status…', command: 'icws.setStatus' },
        { label: '$(eye) Watch Queue…', command: 'icws.watchQueue' },
        { label: '$(refresh) Refresh', command: 'icws.refresh' },
        { label: '$(output) Show Log', command: 'icws.showLog' },
        { label: '$(debug-disconnect) Disconnect', command: 'icws.disconnect' },
      ]
    : [
        { label: '$(plug) Connect…', command: 'icws.connect' },
        { label: '$(output) Show Log', command: 'icws.showLog' },
      ];
  actions.push(simulatorRunning ? { label: '$(debug-stop) Stop Simulator', command: 'icws.stopSimulator' } : { label: '$(beaker) Start Simulator', command: 'icws.startSimulator' });
  const picked = await vscode.window.showQuickPick(actions, { title: connected ? plainText(`ICWS: ${sessions.session?.identity.userId} @ ${sessions.session?.server}`) : 'ICWS' });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
