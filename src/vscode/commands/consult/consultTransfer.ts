import * as vscode from 'vscode';
import { type ConsultTransfer, type Destination, describeDestination } from '../../../icws';
import { interactionCommand } from '../interactionCommand';
import { interactionText, reportDone } from '../feedback';
import { plainText } from '../../display/untrustedText';
import { askDestination, destinationFromArgument } from '../pickers';

/** `icws.consultTransfer(interaction, { target } | { queueID }, attributes?)`: the consult started. */
export const consultTransfer = interactionCommand({
  id: 'icws.consultTransfer',
  placeHolder: 'Consult on which interaction?',
  nothing: undefined,
  run: async ({ context, session, id, run }, destinationArgument?: unknown, additionalAttributes?: Record<string, string>): Promise<ConsultTransfer | undefined> => {
    if (context.consults.find(id, session.queues.cache, context.sessions.profileOf(session)?.id)) {
      void vscode.window.showInformationMessage(`${interactionText(session, id)} already has a consult in progress: complete or cancel it first.`);
      return undefined;
    }
    const destination: Destination | undefined = destinationFromArgument(destinationArgument) ?? (await askDestination(session, 'consult'));
    if (!destination) return undefined;
    const consult = await run('consulting', () => session.interactions.consult(id, destination, additionalAttributes));
    if (consult) {
      context.consults.add(consult, context.sessions.profileOf(session)?.id);
      reportDone(`consult started: ${interactionText(session, id)} held, calling ${plainText(describeDestination(destination), 80)}`);
    }
    return consult;
  },
});
