import { describeDestination } from '../../../icws';
import { plainText } from '../../display/untrustedText';
import { interactionText, reportDone } from '../feedback';
import { interactionCommand } from '../interactionCommand';
import { askDestination, destinationFromArgument } from '../pickers';

/** `icws.blindTransfer(interaction, { target } | { queueID })`. */
export const blindTransfer = interactionCommand({
  id: 'icws.blindTransfer',
  placeHolder: 'Transfer which interaction?',
  run: async ({ session, id, send }, destinationArgument?: unknown) => {
    const destination = destinationFromArgument(destinationArgument) ?? (await askDestination(session, 'transfer'));
    if (!destination) return false;
    // Named before sending: once transferred, the interaction leaves this user's queue.
    const who = interactionText(session, id);
    const done = await send('transferring', () => session.interactions.blindTransfer(id, destination));
    if (done) reportDone(`transferred ${who} to ${plainText(describeDestination(destination), 80)}`);
    return done;
  },
});
