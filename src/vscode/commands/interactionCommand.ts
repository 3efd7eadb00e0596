import * as vscode from 'vscode';
import type { CachedInteraction, IcwsSession } from '../../icws';
import { actionContextFor } from './actionContext';
import { type InteractionCommandId, offers } from './commandActions';
import { type CommandContext, type CommandDefinition, defineCommand, showError } from './CommandContext';
import { interactionText } from './feedback';
import { resolveInteraction } from './pickers';
import { confirmStateChange } from '../session/productionGuard';
import { sessionFor } from './sessionPicker';

/**
 * Runs `work` in the session a command acts in, or shows why there is none. The one place that
 * decides which session that is: the one the argument names (a tree row's, or
 * `{ session: '<profile name>' }`), the only one, or from the palette with several, the user's pick.
 */
export async function withSession<T>(context: CommandContext, work: (session: IcwsSession) => Promise<T>, argument?: unknown): Promise<T | undefined> {
  let session: IcwsSession | undefined;
  try {
    session = await sessionFor(context, argument);
  } catch (error) {
    showError(error, context.log);
    return undefined;
  }
  return session ? work(session) : undefined;
}

/**
 * Runs an interaction action once: refuses a second request on the same interaction while one
 * runs, asks first on a production profile (see confirmStateChange), shows progress on the tree
 * item, and shows a failure once in the server's words. `named` is how a message names the
 * interaction (see interactionText).
 */
export async function runOnInteraction<T>(context: CommandContext, session: IcwsSession, interactionId: string, label: string, work: () => Promise<T>, named = interactionId): Promise<T | undefined> {
  try {
    if (!(await confirmStateChange(context.sessions.profileOf(session), `${label.charAt(0).toUpperCase()}${label.slice(1)} ${named}`))) return undefined;
    const outcome = await context.operations.run(interactionId, label, work);
    if (!outcome) {
      void vscode.window.setStatusBarMessage(`ICWS: not ${label} ${named}: a request on it is still in progress`, 3_000);
      return undefined;
    }
    return outcome.result;
  } catch (error) {
    showError(error, context.log);
    return undefined;
  }
}

/** Sends once (see runOnInteraction): whether it was sent and succeeded. */
export async function sendOnInteraction(context: CommandContext, session: IcwsSession, interactionId: string, label: string, work: () => Promise<unknown>, named = interactionId): Promise<boolean> {
  return (await runOnInteraction(context, session, interactionId, label, () => work().then(() => true), named)) ?? false;
}

/**
 * The interaction a command acts on (see resolveInteraction); from the palette, a pick among those
 * whose state allows the command's action, as the tree's menus do.
 */
export function pickInteraction(context: CommandContext, session: IcwsSession, argument: unknown, command: InteractionCommandId, placeHolder: string): Promise<string | undefined> {
  return resolveInteraction(session, argument, placeHolder, (item) => offers(command, item, actionContextFor(context, session, item)));
}

/** What an interaction command works with once it knows its interaction. */
export interface InteractionTarget {
  readonly context: CommandContext;
  readonly session: IcwsSession;
  readonly id: string;
  /** The interaction as cached when it was resolved (undefined outside the watched queues). */
  readonly item: CachedInteraction | undefined;
  /** Runs a request once (see runOnInteraction): its result, or undefined when refused or failed. */
  run<T>(label: string, work: () => Promise<T>): Promise<T | undefined>;
  /** Sends a request once: whether it was sent and succeeded. */
  send(label: string, work: () => Promise<unknown>): Promise<boolean>;
}

export interface InteractionCommandSpec<Args extends unknown[]> {
  id: InteractionCommandId;
  /** The palette's question when no interaction is given. */
  placeHolder: string;
  /** What the command answers when no interaction was given or picked (false unless said). */
  nothing?: false | undefined;
  /** The command's own arguments follow the interaction's. */
  run(target: InteractionTarget, ...args: Args): Promise<unknown>;
}

/**
 * A command on one interaction: `icws.x(interaction, ...args)` where the interaction is a tree
 * node, an id, `{ interactionId }`, or (from the palette) the user's pick among those the state
 * allows. An interaction given as an argument is acted on whatever its state: the server decides.
 */
export function interactionCommand<Args extends unknown[]>(spec: InteractionCommandSpec<Args>): CommandDefinition {
  const nothing = 'nothing' in spec ? spec.nothing : false;
  return defineCommand(spec.id, (context) => (argument?: unknown, ...args: Args) =>
    withSession(context, async (session) => {
      const id = await pickInteraction(context, session, argument, spec.id, spec.placeHolder);
      if (!id) return nothing;
      const target: InteractionTarget = {
        context,
        session,
        id,
        item: session.queues.cache.find(id),
        run: (label, work) => runOnInteraction(context, session, id, label, work, interactionText(session, id)),
        send: (label, work) => sendOnInteraction(context, session, id, label, work, interactionText(session, id)),
      };
      return spec.run(target, ...args);
    }, argument),
  );
}
