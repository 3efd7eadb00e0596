import * as vscode from 'vscode';
import { describeDestination } from '../../../icws';
import { interactionCommand } from '../interactionCommand';
import { askDestination, destinationFromArgument } from '../pickers';

/** `icws.park(interaction, { target } | { queueID })`. */
export const park = interactionCommand({
  id: 'icws.park',
  placeHolder: 'Park which interaction?',
  run: async ({ session, id, send }, destinationArgument?: unknown) => {
    const destination = destinationFromArgument(destinationArgument) ?? (await askDestination(session, 'park'));
    if (!destination) return false;
    const done = await send('parking', () => session.interactions.park(id, destination));
    if (done) void vscode.window.setStatusBarMessage(`ICWS: ${id} parked on ${describeDestination(destination)}`, 5_000);
    return done;
  },
});
