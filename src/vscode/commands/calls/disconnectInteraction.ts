import { interactionCommand } from '../interactionCommand';

/** `icws.disconnectInteraction(interaction)`. */
export const disconnectInteraction = interactionCommand({
  id: 'icws.disconnectInteraction',
  placeHolder: 'Disconnect which interaction?',
  run: ({ session, id, send }) => send('disconnecting', () => session.interactions.disconnect(id)),
});
