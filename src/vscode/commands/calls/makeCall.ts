import * as vscode from 'vscode';
import { defineCommand, showError } from '../CommandContext';
import { withSession } from '../interactionCommand';

/** `icws.makeCall("+13175550100")`: the new interaction's id. */
export const makeCall = defineCommand('icws.makeCall', (context) => (targetArgument?: unknown) =>
  withSession(context, async (session) => {
    const target =
      typeof targetArgument === 'string'
        ? targetArgument
        : await vscode.window.showInputBox({ title: 'Make Call', prompt: 'Number, extension or user ID to call', validateInput: (value) => (value.trim() ? undefined : 'Enter a number, an extension or a user ID'), ignoreFocusOut: true });
    if (target === undefined) return undefined;
    try {
      return await session.interactions.makeCall(target);
    } catch (error) {
      showError(error, context.log);
      return undefined;
    }
  }),
);
