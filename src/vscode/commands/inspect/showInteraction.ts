import * as vscode from 'vscode';
import { interactionCommand } from '../interactionCommand';

/** `icws.showInteraction(interaction)`: opens it as live read-only JSON; the document's URI. */
export const showInteraction = interactionCommand({
  id: 'icws.showInteraction',
  placeHolder: 'Show which interaction?',
  nothing: undefined,
  run: async ({ context, session, id }) => {
    const document = await vscode.workspace.openTextDocument(context.interactionUri(id, session));
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
    return document.uri.toString();
  },
});
