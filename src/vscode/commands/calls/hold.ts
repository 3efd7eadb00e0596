import { attribute, EIC_STATE } from '../../../icws';
import { interactionCommand } from '../interactionCommand';

/** `icws.hold(interaction, on?)`: holds or resumes (toggles without `on`). */
export const hold = interactionCommand({
  id: 'icws.hold',
  placeHolder: 'Hold or resume which interaction?',
  run: ({ session, id, item, send }, on?: boolean) => {
    const holdIt = typeof on === 'boolean' ? on : attribute(item, 'Eic_State') !== EIC_STATE.held;
    return send(holdIt ? 'holding' : 'resuming', () => session.interactions.hold(id, holdIt));
  },
});
