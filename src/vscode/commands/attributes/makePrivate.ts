import { attribute } from '../../../icws';
import { interactionCommand } from '../interactionCommand';

/** `icws.makePrivate(interaction, on?)` (toggles without `on`). */
export const makePrivate = interactionCommand({
  id: 'icws.makePrivate',
  placeHolder: 'Make which interaction private?',
  run: ({ session, id, item, send }, on?: boolean) => {
    const makeIt = typeof on === 'boolean' ? on : attribute(item, 'Eic_Private') !== '1';
    return send(makeIt ? 'making private' : 'making public', () => session.interactions.makePrivate(id, makeIt));
  },
});
