import * as vscode from 'vscode';
import { type ConsultAudience, type ConsultTransfer, describeDestination, type Destination, type IcwsSession } from '../../icws';
import { type CommandContext, showError } from './CommandContext';
import { askDestination, destinationFromArgument, isLiveState, resolveInteraction } from './pickers';

/**
 * Runs an interaction action once: refuses a second request on the same interaction while one
 * runs, shows progress on the tree item, and shows a failure once in the server's words.
 */
export async function runOnInteraction<T>(context: CommandContext, interactionId: string, label: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    const outcome = await context.operations.run(interactionId, label, work);
    if (!outcome) {
      void vscode.window.setStatusBarMessage(`ICWS: ${label} of ${interactionId} is already in progress`, 3_000);
      return undefined;
    }
    return outcome.result;
  } catch (error) {
    showError(error, context.log);
    return undefined;
  }
}

export async function withSession<T>(context: CommandContext, work: (session: IcwsSession) => Promise<T>): Promise<T | undefined> {
  let session: IcwsSession;
  try {
    session = context.sessions.requireSession();
  } catch (error) {
    showError(error, context.log);
    return undefined;
  }
  return work(session);
}

export function pickup(context: CommandContext) {
  return (argument?: unknown) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Pick up which interaction?', (id) => isLiveState(session, id, ['A', 'O', 'H', 'P', 'X']));
      if (!id) return false;
      return (await runOnInteraction(context, id, 'picking up', () => session.interactions.pickup(id).then(() => true))) ?? false;
    });
}

export function hold(context: CommandContext) {
  return (argument?: unknown, on?: boolean) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Hold or resume which interaction?', (id) => isLiveState(session, id, ['C', 'H']));
      if (!id) return false;
      const holdIt = typeof on === 'boolean' ? on : !isLiveState(session, id, ['H']);
      return (await runOnInteraction(context, id, holdIt ? 'holding' : 'resuming', () => session.interactions.hold(id, holdIt).then(() => true))) ?? false;
    });
}

export function mute(context: CommandContext) {
  return (argument?: unknown, on?: boolean) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Mute or unmute which interaction?', (id) => isLiveState(session, id, ['C']));
      if (!id) return false;
      const muted = session.queues.cache.find(id)?.attributes.eic_muted === '1';
      const muteIt = typeof on === 'boolean' ? on : !muted;
      return (await runOnInteraction(context, id, muteIt ? 'muting' : 'unmuting', () => session.interactions.mute(id, muteIt).then(() => true))) ?? false;
    });
}

export function disconnectInteraction(context: CommandContext) {
  return (argument?: unknown) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Disconnect which interaction?', (id) => !isLiveState(session, id, ['I', 'E']));
      if (!id) return false;
      return (await runOnInteraction(context, id, 'disconnecting', () => session.interactions.disconnect(id).then(() => true))) ?? false;
    });
}

export function blindTransfer(context: CommandContext) {
  return (argument?: unknown, destinationArgument?: unknown) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Transfer which interaction?', (id) => isLiveState(session, id, ['A', 'O', 'C', 'H', 'P']));
      if (!id) return false;
      const destination = destinationFromArgument(destinationArgument) ?? (await askDestination(session, 'transfer'));
      if (!destination) return false;
      const done = await runOnInteraction(context, id, 'transferring', () => session.interactions.blindTransfer(id, destination).then(() => true));
      if (done) void vscode.window.setStatusBarMessage(`ICWS: ${id} transferred to ${describeDestination(destination)}`, 5_000);
      return done ?? false;
    });
}

export function consultTransfer(context: CommandContext) {
  return (argument?: unknown, destinationArgument?: unknown, additionalAttributes?: Record<string, string>) =>
    withSession(context, async (session): Promise<ConsultTransfer | undefined> => {
      const id = await resolveInteraction(session, argument, 'Consult on which interaction?', (id) => isLiveState(session, id, ['C', 'H']) && !context.consults.find(id));
      if (!id) return undefined;
      if (context.consults.find(id, session.queues.cache)) {
        void vscode.window.showInformationMessage(`Interaction ${id} already has a consult in progress: complete or cancel it first.`);
        return undefined;
      }
      const destination: Destination | undefined = destinationFromArgument(destinationArgument) ?? (await askDestination(session, 'consult'));
      if (!destination) return undefined;
      const consult = await runOnInteraction(context, id, 'consulting', () => session.interactions.consult(id, destination, additionalAttributes));
      if (consult) context.consults.add(consult);
      return consult;
    });
}

const AUDIENCES: { label: string; description: string; audience: ConsultAudience }[] = [
  { label: '$(person) The caller', description: 'the consulted party waits on hold', audience: 'caller' },
  { label: '$(call-outgoing) The consulted party', description: 'the caller waits on hold', audience: 'consulted' },
  { label: '$(organization) Both', description: 'a three-way conversation', audience: 'both' },
];

/** The consult a command is about: from a tree node (either leg), an id, or the user's pick. */
async function resolveConsult(context: CommandContext, session: IcwsSession, argument: unknown): Promise<ConsultTransfer | undefined> {
  const cache = session.queues.cache;
  if (argument && typeof argument === 'object' && typeof (argument as ConsultTransfer).consultId === 'string') return argument as ConsultTransfer;
  const consults = context.consults.all();
  if (argument === undefined && consults.length === 1) return consults[0];
  const id = await resolveInteraction(session, argument, 'Which consult?', (id) => context.consults.find(id, cache) !== undefined);
  if (!id) return undefined;
  const consult = context.consults.find(id, cache);
  if (!consult) void vscode.window.showInformationMessage(`Interaction ${id} has no consult transfer started from here.`);
  return consult;
}

export function consultSpeakTo(context: CommandContext) {
  return (argument?: unknown, audienceArgument?: ConsultAudience) =>
    withSession(context, async (session) => {
      const consult = await resolveConsult(context, session, argument);
      if (!consult) return false;
      const audience = audienceArgument ?? (await vscode.window.showQuickPick(AUDIENCES, { title: 'Consult', placeHolder: 'Speak to…' }))?.audience;
      if (!audience) return false;
      return (await runOnInteraction(context, consult.interactionId, 'switching', () => session.interactions.changeConsultAudience(consult, audience).then(() => true))) ?? false;
    });
}

export function completeConsult(context: CommandContext) {
  return finishConsult(context, 'completing', (session, consult) => session.interactions.concludeConsult(consult));
}

export function cancelConsult(context: CommandContext) {
  return finishConsult(context, 'cancelling', (session, consult) => session.interactions.cancelConsult(consult));
}

/** Completes or cancels a consult; either way it is over, so its actions stop being offered. */
function finishConsult(context: CommandContext, label: string, finish: (session: IcwsSession, consult: ConsultTransfer) => Promise<void>) {
  return (argument?: unknown) =>
    withSession(context, async (session) => {
      const consult = await resolveConsult(context, session, argument);
      if (!consult) return false;
      const done = await runOnInteraction(context, consult.interactionId, label, () => finish(session, consult).then(() => true));
      if (done) context.consults.remove(consult);
      else forgetIfGone(context);
      return done ?? false;
    });
}

/** A consult the server no longer knows (404) is over: stop offering its actions. */
function forgetIfGone(context: CommandContext): void {
  const session = context.sessions.session;
  if (session) context.consults.prune((id) => session.queues.cache.find(id) !== undefined);
}

export function makeCall(context: CommandContext) {
  return (targetArgument?: unknown) =>
    withSession(context, async (session) => {
      const target =
        typeof targetArgument === 'string'
          ? targetArgument
          : await vscode.window.showInputBox({ title: 'Make Call', prompt: 'Number, extension or user ID to call', validateInput: (value) => (value.trim() ? undefined : 'Enter a number, an extension or a user ID'), ignoreFocusOut: true });
      if (target === undefined) return undefined;
      try {
        return await session.interactions.makeCall(target);
      } catch (error) {
        showError(error, context.log);
        return undefined;
      }
    });
}

export function copyInteractionId(context: CommandContext) {
  return (argument?: unknown) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Copy the id of which interaction?');
      if (!id) return undefined;
      await vscode.env.clipboard.writeText(id);
      void vscode.window.setStatusBarMessage(`ICWS: copied ${id}`, 3_000);
      return id;
    });
}

export function showInteraction(context: CommandContext) {
  return (argument?: unknown) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Show which interaction?');
      if (!id) return undefined;
      const document = await vscode.workspace.openTextDocument(context.interactionUri(id));
      await vscode.languages.setTextDocumentLanguage(document, 'json');
      await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
      return document.uri.toString();
    });
}
