import * as vscode from 'vscode';
import { interactionCommand } from '../interactionCommand';

/** `icws.copyInteractionId(interaction)`: the id copied. */
export const copyInteractionId = interactionCommand({
  id: 'icws.copyInteractionId',
  placeHolder: 'Copy the id of which interaction?',
  nothing: undefined,
  run: async ({ id }) => {
    await vscode.env.clipboard.writeText(id);
    void vscode.window.setStatusBarMessage(`ICWS: copied ${id}`, 3_000);
    return id;
  },
});
