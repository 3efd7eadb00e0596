import * as vscode from 'vscode';
import { attribute, type CachedInteraction, checkTarget, type IcwsSession } from '../../../icws';
import { interactionDescription, interactionLabel } from '../../tree/presentation';
import { actionContextFor } from '../actionContext';
import { offers } from '../commandActions';
import { type CommandContext, defineCommand } from '../CommandContext';
import { pickInteraction, runOnInteraction, sendOnInteraction, withSession } from '../interactionCommand';

type ConferenceRequest = { interactions: string[] } | { target: string };

/**
 * `icws.conference`: from a call, invite a number or user, or conference it with my other calls;
 * from the palette, pick two or more of my calls. With arguments:
 * `icws.conference({ "interactions": ["1001", "1002"] })`, `icws.conference("1001", { "target": "7002" })`.
 */
export const conference = defineCommand('icws.conference', (context) => (argument?: unknown, requestArgument?: ConferenceRequest) =>
  withSession(context, async (session): Promise<string | boolean> => {
    if (argument && typeof argument === 'object' && Array.isArray((argument as { interactions?: unknown }).interactions)) {
      return createConference(context, session, (argument as { interactions: string[] }).interactions);
    }
    const fromRow = argument !== undefined ? await pickInteraction(context, session, argument, 'icws.conference', 'Conference which interaction?') : undefined;
    if (argument !== undefined && !fromRow) return false;
    const request = requestArgument ?? (await askConference(session, fromRow, (item) => offers('icws.conference', item, actionContextFor(context, session, item))));
    if (!request) return false;
    if ('interactions' in request) return createConference(context, session, fromRow ? [fromRow, ...request.interactions.filter((id) => id !== fromRow)] : request.interactions);
    if (!fromRow) return false;
    const conferenceId = attribute(session.queues.cache.find(fromRow), 'Eic_ObjectType') === 'Conference' ? fromRow : undefined;
    const invite = () => (conferenceId ? session.interactions.inviteToConference(conferenceId, request.target) : session.interactions.inviteParty(fromRow, request.target));
    return sendOnInteraction(context, session, fromRow, 'inviting', invite);
  }, argument),
);

async function createConference(context: CommandContext, session: IcwsSession, ids: string[]): Promise<string | boolean> {
  // One request for the whole set, guarded on the first call so a double click sends it once.
  return (await runOnInteraction(context, session, ids[0] ?? '', 'making a conference', () => session.interactions.createConference(ids))) ?? false;
}

async function askConference(session: IcwsSession, fromRow: string | undefined, offered: (item: CachedInteraction) => boolean): Promise<ConferenceRequest | undefined> {
  const others = session.queues.cache.allInteractions().filter((item) => item.id !== fromRow && offered(item) && !attribute(item, 'Eic_ConferenceId'));
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
