import { isRecorded } from '../../../icws';
import { interactionCommand } from '../interactionCommand';

/** `icws.record(interaction, on?)`: starts or stops recording (toggles without `on`). */
export const record = interactionCommand({
  id: 'icws.record',
  placeHolder: 'Record which interaction?',
  run: ({ session, id, item, send }, on?: boolean) => {
    const start = typeof on === 'boolean' ? on : !(item !== undefined && isRecorded(item));
    return send(start ? 'starting recording' : 'stopping recording', () => session.interactions.record(id, start));
  },
});
