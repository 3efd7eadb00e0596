import * as vscode from 'vscode';
import type { LoginProblemKind } from '../../icws';
import type { SessionService } from './SessionService';

/** Why the view is offline, as the `icws.offlineReason` context key says it to package.json's welcome views. */
export type OfflineReason = LoginProblemKind | 'ended';

/**
 * What the Interactions view says about the connection. Offline, it sets `icws.offlineReason` so
 * the welcome view shows a short sentence for it beside Connect and Start Simulator (a tree view's
 * `message` would hide the welcome view and its buttons; the server's long error id goes to the log).
 * Reconnecting, the view keeps the last known interactions and says so in its message.
 */
export function describeConnection(view: vscode.TreeView<unknown>, sessions: SessionService): vscode.Disposable {
  const describe = () => {
    view.message = sessions.status === 'reconnecting' ? 'Reconnecting to the ICWS server… showing the last known interactions.' : undefined;
    if (sessions.status === 'offline') void vscode.commands.executeCommand('setContext', 'icws.offlineReason', offlineReason(sessions));
  };
  describe();
  return sessions.onDidChangeStatus(describe);
}

function offlineReason(sessions: SessionService): OfflineReason {
  return sessions.failedLogin?.kind ?? 'ended';
}
