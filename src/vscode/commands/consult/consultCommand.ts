import * as vscode from 'vscode';
import type { ConsultTransfer, IcwsSession } from '../../../icws';
import type { InteractionCommandId } from '../commandActions';
import { type CommandContext, type CommandDefinition, defineCommand } from '../CommandContext';
import { interactionText, reportDone } from '../feedback';
import { pickInteraction, sendOnInteraction, withSession } from '../interactionCommand';

/** What a command on a consult in progress works with. */
export interface ConsultTarget {
  readonly context: CommandContext;
  readonly session: IcwsSession;
  readonly consult: ConsultTransfer;
  /** Sends a request once, guarded on the original interaction: whether it succeeded. */
  send(label: string, work: () => Promise<unknown>): Promise<boolean>;
}

/**
 * A command on a consult this user started: `icws.x(consult, ...args)` where the consult is a
 * `ConsultTransfer`, either leg (tree node, id or `{ interactionId }`), the only one in progress
 * when nothing is given, or the user's pick among the interactions in a consult.
 */
export function consultCommand<Args extends unknown[]>(spec: { id: InteractionCommandId; run(target: ConsultTarget, ...args: Args): Promise<boolean> }): CommandDefinition {
  return defineCommand(spec.id, (context) => (argument?: unknown, ...args: Args) =>
    withSession(context, async (session) => {
      const consult = await resolveConsult(context, session, argument, spec.id);
      if (!consult) return false;
      return spec.run({ context, session, consult, send: (label, work) => sendOnInteraction(context, session, consult.interactionId, label, work, interactionText(session, consult.interactionId)) }, ...args);
    }, argument),
  );
}

async function resolveConsult(context: CommandContext, session: IcwsSession, argument: unknown, command: InteractionCommandId): Promise<ConsultTransfer | undefined> {
  if (argument && typeof argument === 'object' && typeof (argument as ConsultTransfer).consultId === 'string') return argument as ConsultTransfer;
  const owner = context.sessions.profileOf(session)?.id;
  const consults = context.consults.all(owner);
  if (argument === undefined && consults.length === 1) return consults[0];
  const id = await pickInteraction(context, session, argument, command, 'Which consult?');
  if (!id) return undefined;
  const consult = context.consults.find(id, session.queues.cache, owner);
  if (!consult) void vscode.window.showInformationMessage(`${interactionText(session, id)} has no consult transfer started from here.`);
  return consult;
}

/**
 * Completes or cancels a consult; either way it is over, so its actions stop being offered.
 * `outcome` says what happened, in the status bar, from the caller's and the consulted party's names.
 */
export function finishConsult(
  id: 'icws.completeConsult' | 'icws.cancelConsult',
  label: string,
  finish: (session: IcwsSession, consult: ConsultTransfer) => Promise<void>,
  outcome: (caller: string, consulted: string) => string,
): CommandDefinition {
  return consultCommand({
    id,
    run: async ({ context, session, consult, send }) => {
      // Named before sending: the legs leave the cache as the consult ends.
      const caller = interactionText(session, consult.interactionId);
      const consulted = interactionText(session, consult.consultInteractionId, 'the consulted party');
      const done = await send(label, () => finish(session, consult));
      if (done) {
        context.consults.remove(consult);
        reportDone(outcome(caller, consulted));
      }
      else forgetIfGone(context, session);
      return done;
    },
  });
}

/** A consult the server no longer knows (404) is over: stop offering its actions. */
function forgetIfGone(context: CommandContext, session: IcwsSession): void {
  context.consults.prune((id) => session.queues.cache.find(id) !== undefined);
}
