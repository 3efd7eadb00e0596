import * as vscode from 'vscode';
import { connectPrompts } from '../../session/connectPrompts';
import type { ConnectRequest } from '../../session/SessionService';
import { defineCommand, showError } from '../CommandContext';

export const connect = defineCommand('icws.connect', (context) => async (request?: ConnectRequest) => {
  try {
    const session = await context.sessions.connect(request ?? {}, connectPrompts);
    if (session) void vscode.window.setStatusBarMessage(`ICWS: connected to ${session.server} as ${session.identity.userId}`, 5_000);
    return session !== undefined;
  } catch (error) {
    showError(error, context.log);
    return false;
  }
});
