import { attribute } from '../../../icws';
import { interactionCommand } from '../interactionCommand';

/** `icws.mute(interaction, on?)`: mutes or unmutes (toggles without `on`). */
export const mute = interactionCommand({
  id: 'icws.mute',
  placeHolder: 'Mute or unmute which interaction?',
  run: ({ session, id, item, send }, on?: boolean) => {
    const muteIt = typeof on === 'boolean' ? on : attribute(item, 'Eic_Muted') !== '1';
    return send(muteIt ? 'muting' : 'unmuting', () => session.interactions.mute(id, muteIt));
  },
});
