import { describeDestination } from '../../../icws';
import { plainText } from '../../display/untrustedText';
import { interactionText, reportDone } from '../feedback';
import { interactionCommand } from '../interactionCommand';
import { askDestination, destinationFromArgument } from '../pickers';

/** `icws.park(interaction, { target } | { queueID })`. */
export const park = interactionCommand({
  id: 'icws.park',
  placeHolder: 'Park which interaction?',
  run: async ({ session, id, send }, destinationArgument?: unknown) => {
    const destination = destinationFromArgument(destinationArgument) ?? (await askDestination(session, 'park'));
    if (!destination) return false;
    const who = interactionText(session, id);
    const done = await send('parking', () => session.interactions.park(id, destination));
    if (done) reportDone(`parked ${who} on ${plainText(describeDestination(destination), 80)}`);
    return done;
  },
});
