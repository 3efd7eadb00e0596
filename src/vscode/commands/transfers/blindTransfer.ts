import * as vscode from 'vscode';
import { describeDestination } from '../../../icws';
import { interactionCommand } from '../interactionCommand';
import { askDestination, destinationFromArgument } from '../pickers';

/** `icws.blindTransfer(interaction, { target } | { queueID })`. */
export const blindTransfer = interactionCommand({
  id: 'icws.blindTransfer',
  placeHolder: 'Transfer which interaction?',
  run: async ({ session, id, send }, destinationArgument?: unknown) => {
    const destination = destinationFromArgument(destinationArgument) ?? (await askDestination(session, 'transfer'));
    if (!destination) return false;
    const done = await send('transferring', () => session.interactions.blindTransfer(id, destination));
    if (done) void vscode.window.setStatusBarMessage(`ICWS: ${id} transferred to ${describeDestination(destination)}`, 5_000);
    return done;
  },
});
