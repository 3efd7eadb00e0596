import * as vscode from 'vscode';
import { defineCommand, showError } from '../CommandContext';
import { confirmStateChange } from '../../session/productionGuard';
import { withSession } from '../interactionCommand';

/** `icws.makeCall("+13175550100")` or `icws.makeCall({ target, session })`: the new interaction's id. */
export const makeCall = defineCommand('icws.makeCall', (context) => (argument?: unknown) =>
  withSession(context, async (session) => {
    const targetArgument = argument && typeof argument === 'object' ? (argument as { target?: unknown }).target : argument;
    const target =
      typeof targetArgument === 'string'
        ? targetArgument
        : await vscode.window.showInputBox({ title: 'Make Call', prompt: 'Number, extension or user ID to call', validateInput: (value) => (value.trim() ? undefined : 'Enter a number, an extension or a user ID'), ignoreFocusOut: true });
    if (target === undefined) return undefined;
    if (!(await confirmStateChange(context.sessions.profileOf(session), `Call ${target}`))) return undefined;
    try {
      return await session.interactions.makeCall(target);
    } catch (error) {
      showError(error, context.log);
      return undefined;
    }
  }, argument),
);
