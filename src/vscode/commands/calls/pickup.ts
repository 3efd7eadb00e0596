import { interactionCommand } from '../interactionCommand';

/** `icws.pickup(interaction)`. */
export const pickup = interactionCommand({
  id: 'icws.pickup',
  placeHolder: 'Pick up which interaction?',
  run: ({ session, id, send }) => send('picking up', () => session.interactions.pickup(id)),
});
