import * as vscode from 'vscode';
import { needsConfirmation } from '../../../icws';
import { rowOf } from '../../../traffic';
import { plainText } from '../../display/untrustedText';
import { confirmStateChange } from '../../session/productionGuard';
import { entryCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/**
 * Sends a recorded call again with the current session. Anything but a GET changes state on the
 * server (a second transfer of the same call is a real-world bug), so it asks first, naming it; on
 * a production profile the production guard asks instead (confirmStateChange).
 * The replay's own entry is selected in the panel, and returned.
 */
export const replayEntry = entryCommand({
  id: TRAFFIC_COMMAND.replay,
  accepts: 'call',
  title: 'Replay',
  run: async (context, call) => {
    const session = context.recording.session;
    if (!session?.isUp) {
      void vscode.window.showWarningMessage('ICWS Traffic: connect to a server to replay a request.');
      return undefined;
    }
    const { method } = call.exchange;
    const { path } = rowOf(call);
    const profile = context.recording.profileOf(session);
    if (method !== 'GET' && needsConfirmation(profile)) {
      // A production profile: the one guard every state change on it goes through asks (naming the profile).
      if (!(await confirmStateChange(profile, plainText(`Send ${method} ${path} again`, 500)))) return undefined;
    } else if (method !== 'GET') {
      const send = 'Send Again';
      const answer = await vscode.window.showWarningMessage(
        plainText(`Send ${method} ${path} again to ${session.server}?`, 500),
        { modal: true, detail: `A ${method} changes state on the server: sending it again repeats its effect (a transfer, a disconnect, a status change). It is sent once, with your current session.` },
        send,
      );
      if (answer !== send) return undefined;
    }
    const { replayed, error } = await context.recording.replay(call, session);
    // The server's words are shown.
    if (error !== undefined) void vscode.window.showErrorMessage(plainText(`ICWS Traffic: the replay of ${method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`, 1_000));
    if (replayed) context.panel.reveal(replayed.seq);
    return replayed;
  },
});
