import * as vscode from 'vscode';
import { attribute, checkDtmfDigits, checkTarget, describeDestination, IcwsError, type IcwsSession, parseAttributes, type SecurePause } from '../../icws';
import { interactionDescription, interactionLabel, isRecorded } from '../tree/presentation';
import type { CommandContext } from './CommandContext';
import { runOnInteraction, withSession } from './interactionCommands';
import { askDestination, destinationFromArgument, isLiveState, resolveInteraction } from './pickers';

// Recording, secure pause, DTMF, park, voicemail, private and attributes. Each takes the
// interaction (tree node, id or `{ interactionId }`) and its own arguments, for keybindings and
// scripts, and sends once (runOnInteraction refuses a second request while one runs).

const CONNECTED_OR_HELD = ['C', 'H'];

/** Whether anyone records the call now (what the record toggle and pause act on). */
function isBeingRecorded(session: IcwsSession, id: string): boolean {
  const item = session.queues.cache.find(id);
  return item !== undefined && isRecorded(item);
}

/** `icws.record(id, on?)`: starts or stops recording (toggles without `on`). */
export function record(context: CommandContext) {
  return (argument?: unknown, on?: boolean) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Record which interaction?', (id) => isLiveState(session, id, CONNECTED_OR_HELD));
      if (!id) return false;
      const start = typeof on === 'boolean' ? on : !isBeingRecorded(session, id);
      return (await runOnInteraction(context, id, start ? 'starting recording' : 'stopping recording', () => session.interactions.record(id, start).then(() => true))) ?? false;
    });
}

/** `icws.pauseRecording(id, on?)`: pauses or resumes the recording (toggles without `on`). */
export function pauseRecording(context: CommandContext) {
  return (argument?: unknown, on?: boolean) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Pause the recording of which interaction?', (id) => isLiveState(session, id, CONNECTED_OR_HELD) && isBeingRecorded(session, id));
      if (!id) return false;
      const pause = typeof on === 'boolean' ? on : attribute(session.queues.cache.find(id), 'Eic_RecordingPaused') !== '1';
      return (await runOnInteraction(context, id, pause ? 'pausing recording' : 'resuming recording', () => session.interactions.pauseRecording(id, pause).then(() => true))) ?? false;
    });
}

const SECURE_PAUSES: (vscode.QuickPickItem & { pause: SecurePause['type'] })[] = [
  { label: '$(shield) Pause for the default time', description: "the server's secure pause timeout", pause: 'default' },
  { label: '$(watch) Pause for…', description: 'a number of seconds, with a countdown on the row', pause: 'duration' },
  { label: '$(debug-pause) Pause until resumed', description: 'no timeout', pause: 'indefinite' },
  { label: '$(debug-start) Resume recording', pause: 'resume' },
];

/** `icws.securePause(id, { type: "default" | "indefinite" | "resume" } | { type: "duration", seconds })`. */
export function securePause(context: CommandContext) {
  return (argument?: unknown, pauseArgument?: SecurePause) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Securely pause the recording of which interaction?', (id) => isLiveState(session, id, CONNECTED_OR_HELD));
      if (!id) return false;
      const pause = pauseArgument ?? (await askSecurePause());
      if (!pause) return false;
      return (await runOnInteraction(context, id, pause.type === 'resume' ? 'resuming recording' : 'pausing securely', () => session.interactions.securePause(id, pause).then(() => true))) ?? false;
    });
}

async function askSecurePause(): Promise<SecurePause | undefined> {
  const picked = await vscode.window.showQuickPick(SECURE_PAUSES, { title: 'ICWS: Secure Pause', placeHolder: 'While card numbers or other secrets are spoken' });
  if (!picked) return undefined;
  if (picked.pause !== 'duration') return { type: picked.pause };
  const text = await vscode.window.showInputBox({
    title: 'ICWS: Secure Pause',
    prompt: 'Seconds to pause the recording',
    value: '60',
    validateInput: (value) => (/^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 86_400 ? undefined : 'A whole number of seconds from 1 to 86400'),
  });
  return text === undefined ? undefined : { type: 'duration', seconds: Number(text.trim()) };
}

/** `icws.sendDigits(id, "1234#")`. */
export function sendDigits(context: CommandContext) {
  return (argument?: unknown, digitsArgument?: string) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Send digits to which interaction?', (id) => isLiveState(session, id, ['C']));
      if (!id) return false;
      const digits = digitsArgument ?? (await vscode.window.showInputBox({ title: 'ICWS: Send Digits', prompt: 'DTMF digits: 0-9, *, # and A-D', placeHolder: '1234#', validateInput: checkDtmfDigits, ignoreFocusOut: true }));
      if (digits === undefined) return false;
      return (await runOnInteraction(context, id, 'sending digits', () => session.interactions.sendDigits(id, digits).then(() => true))) ?? false;
    });
}

/** `icws.park(id, { target } | { queueID })`. */
export function park(context: CommandContext) {
  return (argument?: unknown, destinationArgument?: unknown) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Park which interaction?', (id) => isLiveState(session, id, ['A', 'O', 'C', 'H']));
      if (!id) return false;
      const destination = destinationFromArgument(destinationArgument) ?? (await askDestination(session, 'park'));
      if (!destination) return false;
      const done = await runOnInteraction(context, id, 'parking', () => session.interactions.park(id, destination).then(() => true));
      if (done) void vscode.window.setStatusBarMessage(`ICWS: ${id} parked on ${describeDestination(destination)}`, 5_000);
      return done ?? false;
    });
}

/** `icws.transferToVoicemail(id, { target: "agent2" })`. */
export function transferToVoicemail(context: CommandContext) {
  return (argument?: unknown, destinationArgument?: unknown) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, "Transfer which interaction to someone's voicemail?", (id) => isLiveState(session, id, ['A', 'O', 'C', 'H']));
      if (!id) return false;
      const target =
        destinationFromArgument(destinationArgument) ??
        (await vscode.window.showInputBox({ title: 'ICWS: Transfer to Voicemail', prompt: 'Whose voicemail? User ID or extension', placeHolder: 'agent2 or 7002', validateInput: checkTarget, ignoreFocusOut: true }).then((value) => (value === undefined ? undefined : { target: value.trim() })));
      if (!target) return false;
      return (await runOnInteraction(context, id, 'transferring to voicemail', () => session.interactions.transferToVoicemail(id, target).then(() => true))) ?? false;
    });
}

/** `icws.sendToVoicemail(id)`: to my own voicemail. */
export function sendToVoicemail(context: CommandContext) {
  return (argument?: unknown) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Send which interaction to voicemail?', (id) => isLiveState(session, id, ['A', 'O', 'C', 'H']));
      if (!id) return false;
      return (await runOnInteraction(context, id, 'sending to voicemail', () => session.interactions.sendToVoicemail(id).then(() => true))) ?? false;
    });
}

/** `icws.makePrivate(id, on?)` (toggles without `on`). */
export function makePrivate(context: CommandContext) {
  return (argument?: unknown, on?: boolean) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Make which interaction private?', (id) => !isLiveState(session, id, ['I', 'E']));
      if (!id) return false;
      const makeIt = typeof on === 'boolean' ? on : attribute(session.queues.cache.find(id), 'Eic_Private') !== '1';
      return (await runOnInteraction(context, id, makeIt ? 'making private' : 'making public', () => session.interactions.makePrivate(id, makeIt).then(() => true))) ?? false;
    });
}

/** `icws.setAttributes(id, { "AccountNumber": "12345" })`, or `Name=value; Other=value` typed in. */
export function setAttributes(context: CommandContext) {
  return (argument?: unknown, attributesArgument?: Record<string, string>) =>
    withSession(context, async (session) => {
      const id = await resolveInteraction(session, argument, 'Set attributes of which interaction?', (id) => !isLiveState(session, id, ['I', 'E']));
      if (!id) return false;
      const attributes =
        attributesArgument ??
        (await vscode.window
          .showInputBox({ title: 'ICWS: Set Attributes', prompt: 'Name=value pairs, separated by ";" (custom names are fine)', placeHolder: 'AccountNumber=12345; IVR_Result=billing', validateInput: (value) => parseAttributes(value).problem, ignoreFocusOut: true })
          .then((value) => (value === undefined ? undefined : parseAttributes(value).attributes)));
      if (!attributes) return false;
      return (await runOnInteraction(context, id, 'setting attributes', () => session.interactions.setAttributes(id, attributes).then(() => true))) ?? false;
    });
}

/**
 * `icws.listen(id, on?)`, `icws.coach(id, on?)`, `icws.join(id)`: a supervisor on another agent's
 * call. Whether this user has the supervisor right shows only when the server answers: after a
 * 403 the menus stop offering monitoring for the rest of the session.
 */
export function monitor(context: CommandContext, mode: 'listen' | 'coach' | 'join') {
  const attributeOf = { listen: 'Eic_Monitors', coach: 'Eic_Coaches', join: 'Eic_ConferenceMembers' } as const;
  const label = { listen: 'listening', coach: 'coaching', join: 'joining' } as const;
  return (argument?: unknown, on?: boolean) =>
    withSession(context, async (session) => {
      const me = session.identity.userId;
      const id = await resolveInteraction(session, argument, `${mode === 'join' ? 'Join' : mode === 'listen' ? 'Listen to' : 'Coach on'} which interaction?`, (id) => {
        const owner = attribute(session.queues.cache.find(id), 'Eic_LocalUserId');
        return isLiveState(session, id, CONNECTED_OR_HELD) && owner !== undefined && owner.toLowerCase() !== me.toLowerCase();
      });
      if (!id) return false;
      const already = (attribute(session.queues.cache.find(id), attributeOf[mode]) ?? '').split(',').includes(me);
      const start = mode === 'join' || (typeof on === 'boolean' ? on : !already);
      const work = () => (mode === 'join' ? session.interactions.join(id) : mode === 'listen' ? session.interactions.listen(id, start) : session.interactions.coach(id, start));
      const done = await runOnInteraction(context, id, start ? label[mode] : `ending ${label[mode]}`, () =>
        work().then(
          () => true,
          (error: unknown) => {
            if (error instanceof IcwsError && error.status === 403) void vscode.commands.executeCommand('setContext', 'icws.monitorDenied', true);
            throw error;
          },
        ),
      );
      return done ?? false;
    });
}

type ConferenceRequest = { interactions: string[] } | { target: string };

/**
 * `icws.conference`: from a call, invite a number or user, or conference it with my other calls;
 * from the palette, pick two or more of my calls. With arguments:
 * `icws.conference({ "interactions": ["1001", "1002"] })`, `icws.conference("1001", { "target": "7002" })`.
 */
export function conference(context: CommandContext) {
  return (argument?: unknown, requestArgument?: ConferenceRequest) =>
    withSession(context, async (session): Promise<string | boolean> => {
      const live = (id: string) => isLiveState(session, id, CONNECTED_OR_HELD);
      if (argument && typeof argument === 'object' && Array.isArray((argument as { interactions?: unknown }).interactions)) {
        return createConference(context, session, (argument as { interactions: string[] }).interactions);
      }
      const fromRow = argument !== undefined ? await resolveInteraction(session, argument, 'Conference which interaction?', live) : undefined;
      if (argument !== undefined && !fromRow) return false;
      const request = requestArgument ?? (await askConference(session, fromRow, live));
      if (!request) return false;
      if ('interactions' in request) return createConference(context, session, fromRow ? [fromRow, ...request.interactions.filter((id) => id !== fromRow)] : request.interactions);
      if (!fromRow) return false;
      const conferenceId = attribute(session.queues.cache.find(fromRow), 'Eic_ObjectType') === 'Conference' ? fromRow : undefined;
      const invite = () => (conferenceId ? session.interactions.inviteToConference(conferenceId, request.target) : session.interactions.inviteParty(fromRow, request.target));
      return (await runOnInteraction(context, fromRow, 'inviting', () => invite().then(() => true))) ?? false;
    });
}

async function createConference(context: CommandContext, session: IcwsSession, ids: string[]): Promise<string | boolean> {
  // One request for the whole set, guarded on the first call so a double click sends it once.
  return (await runOnInteraction(context, ids[0] ?? '', 'making a conference', () => session.interactions.createConference(ids))) ?? false;
}

async function askConference(session: IcwsSession, fromRow: string | undefined, live: (id: string) => boolean): Promise<ConferenceRequest | undefined> {
  const others = session.queues.cache.allInteractions().filter((item) => item.id !== fromRow && live(item.id) && !attribute(item, 'Eic_ConferenceId'));
  if (fromRow) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: '$(person-add) Invite a number or user…', invite: true },
        ...(others.length ? [{ label: '$(organization) Conference with my other calls…', invite: false }] : []),
      ],
      { title: 'ICWS: Conference' },
    );
    if (!choice) return undefined;
    if (choice.invite) {
      const target = await vscode.window.showInputBox({ title: 'ICWS: Conference', prompt: 'Number, extension or user ID to invite', validateInput: checkTarget, ignoreFocusOut: true });
      return target === undefined ? undefined : { target: target.trim() };
    }
  }
  const picked = await vscode.window.showQuickPick(
    others.map((item) => ({ label: interactionLabel(item), description: interactionDescription(item), id: item.id })),
    { title: 'ICWS: Conference', placeHolder: fromRow ? 'Which calls join it?' : 'Pick two or more of your calls', canPickMany: true },
  );
  if (!picked || picked.length < (fromRow ? 1 : 2)) return undefined;
  return { interactions: picked.map((item) => item.id) };
}
