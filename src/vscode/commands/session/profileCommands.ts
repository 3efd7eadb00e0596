// ICWS: Add Profile…, Edit Profile…, Remove Profile…: each from the palette (asking) or with an
// argument (scripts, tests): `{ name, serverUrl, userId, production, … }`, `{ profile, changes }`, `{ profile }`.
import * as vscode from 'vscode';
import { checkServerUrl, checkUserId, type ConnectionProfile, normalizeServerUrl } from '../../../icws';
import { plainText } from '../../display/untrustedText';
import { findProfile, makeProfile, newProfileId, parseProfiles, type ProfileRecord, recordOf } from '../../session/profiles/profileRecords';
import type { SessionService } from '../../session/SessionService';
import { type CommandContext, defineCommand, showError } from '../CommandContext';

const COLORS = ['charts.blue', 'charts.green', 'charts.yellow', 'charts.orange', 'charts.red', 'charts.purple'];

export const addProfile = defineCommand('icws.addProfile', (context) => async (argument?: ProfileRecord) => {
  try {
    const known = context.sessions.knownProfiles();
    const record = argument && typeof argument === 'object' ? argument : await askForProfile(known);
    if (!record) return undefined;
    const checked = checkedRecord(record);
    const name = checked.name?.trim() || makeProfile(known, checked.serverUrl!, checked.userId!).name;
    if (known.some((p) => p.name.toLowerCase() === name.toLowerCase())) throw new Error(`Another ICWS profile is named "${name}".`);
    const profile = parseProfiles([{ ...checked, name, id: newProfileId() }]).profiles[0]!;
    await context.sessions.profiles.save(profile);
    void vscode.window.setStatusBarMessage(plainText(`ICWS: profile "${profile.name}" added`), 5_000);
    return profile.id;
  } catch (error) {
    showError(error, context.log);
    return undefined;
  }
});

export const editProfile = defineCommand('icws.editProfile', (context) => async (argument?: { profile?: string; changes?: ProfileRecord }) => {
  try {
    const profile = await profileFrom(context, argument?.profile, 'Edit which profile?');
    if (!profile) return false;
    const changes = argument?.changes ?? (await askForChanges(profile));
    if (!changes) return false;
    const checked = checkedRecord({ ...recordOf(profile), ...changes, id: profile.id });
    const edited = parseProfiles([checked]).profiles[0]!;
    await context.sessions.profiles.save(edited);
    context.sessions.updateProfile(edited);
    return true;
  } catch (error) {
    showError(error, context.log);
    return false;
  }
});

export const removeProfile = defineCommand('icws.removeProfile', (context) => async (argument?: { profile?: string }) => {
  try {
    const profile = await profileFrom(context, argument?.profile, 'Remove which profile?');
    if (!profile) return false;
    if (!argument?.profile) {
      const remove = 'Remove';
      const answer = await vscode.window.showWarningMessage(plainText(`Remove the profile ${profile.name}?`), { modal: true, detail: 'Its session is logged out and its remembered password and session are deleted from secret storage.' }, remove);
      if (answer !== remove) return false;
    }
    await context.sessions.removeProfile(profile);
    return true;
  } catch (error) {
    showError(error, context.log);
    return false;
  }
});

/** The profile an argument names (by name or id), or the user's pick. */
export async function profileFrom(context: Pick<CommandContext, 'sessions'>, nameOrId: string | undefined, placeHolder: string): Promise<ConnectionProfile | undefined> {
  const known = context.sessions.knownProfiles();
  if (nameOrId) {
    const named = findProfile(known, nameOrId);
    if (!named) throw new Error(`There is no ICWS connection profile named "${nameOrId}".`);
    return named;
  }
  if (known.length === 0) {
    void vscode.window.showInformationMessage('No ICWS connection profile yet: run "ICWS: Add Profile…" or "ICWS: Connect".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(known.map((profile) => profileItem(context.sessions, profile)), { placeHolder, matchOnDescription: true });
  return picked?.profile;
}

export function profileItem(sessions: SessionService, profile: ConnectionProfile): vscode.QuickPickItem & { profile: ConnectionProfile } {
  const status = sessions.statusOf(profile);
  return { label: plainText(profile.name, 80), description: plainText(`${profile.userId} · ${profile.serverUrl}`, 120), detail: [status === 'disconnected' ? undefined : status, profile.production ? 'production' : undefined].filter(Boolean).join(' · ') || undefined, profile };
}

/** Throws a message naming the field when the server or user is not usable. */
function checkedRecord(record: ProfileRecord): ProfileRecord {
  const serverProblem = typeof record.serverUrl === 'string' ? checkServerUrl(record.serverUrl) : 'the server URL is missing';
  if (serverProblem) throw new Error(`Profile server URL: ${serverProblem}`);
  const userProblem = typeof record.userId === 'string' ? checkUserId(record.userId) : 'the user ID is missing';
  if (userProblem) throw new Error(`Profile user ID: ${userProblem}`);
  return { ...record, serverUrl: normalizeServerUrl(record.serverUrl!), userId: record.userId!.trim() };
}

async function askForProfile(known: readonly ConnectionProfile[]): Promise<ProfileRecord | undefined> {
  const serverUrl = await vscode.window.showInputBox({ title: 'ICWS: Add Profile (1/4)', prompt: 'ICWS server address', placeHolder: 'https://cic01.example.local:8019', validateInput: checkServerUrl, ignoreFocusOut: true });
  if (!serverUrl) return undefined;
  const userId = await vscode.window.showInputBox({ title: 'ICWS: Add Profile (2/4)', prompt: 'CIC user ID', validateInput: checkUserId, ignoreFocusOut: true });
  if (!userId) return undefined;
  const suggested = makeProfile(known, serverUrl, userId).name;
  const name = await vscode.window.showInputBox({ title: 'ICWS: Add Profile (3/4)', prompt: 'Name (shown on the tree root, the status bar and in notebooks as @name)', value: suggested, validateInput: (value) => (value.trim() ? (known.some((p) => p.name.toLowerCase() === value.trim().toLowerCase()) ? 'Another profile has this name' : undefined) : 'Enter a name'), ignoreFocusOut: true });
  if (!name) return undefined;
  const kind = await vscode.window.showQuickPick(
    [
      { label: '$(beaker) Test or development server', production: false },
      { label: '$(shield) Production server', description: 'every state change asks first', production: true },
    ],
    { title: 'ICWS: Add Profile (4/4)', ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  return { serverUrl, userId, name, production: kind.production, color: kind.production ? 'charts.red' : COLORS[known.length % COLORS.length] };
}

async function askForChanges(profile: ConnectionProfile): Promise<ProfileRecord | undefined> {
  const fields: (vscode.QuickPickItem & { field: keyof ProfileRecord })[] = [
    { label: 'Name', description: profile.name, field: 'name' },
    { label: 'Server URL', description: profile.serverUrl, field: 'serverUrl' },
    { label: 'User ID', description: profile.userId, field: 'userId' },
    { label: 'Station', description: profile.station ?? '(none)', field: 'station' },
    { label: 'Colour', description: profile.color ?? '(none)', field: 'color' },
    { label: 'Production', description: profile.production ? 'yes: state changes ask first' : 'no', field: 'production' },
    { label: 'Confirm actions', description: profile.confirmActions ? 'yes (on production profiles)' : 'no', field: 'confirmActions' },
  ];
  const picked = await vscode.window.showQuickPick(fields.map((f) => ({ ...f, label: f.label, description: plainText(f.description ?? '', 120) })), { title: plainText(`ICWS: Edit ${profile.name}`) });
  if (!picked) return undefined;
  if (picked.field === 'production' || picked.field === 'confirmActions') {
    const current = picked.field === 'production' ? profile.production : profile.confirmActions;
    const choice = await vscode.window.showQuickPick([{ label: 'Yes', value: true }, { label: 'No', value: false }], { placeHolder: `${picked.label} (now ${current ? 'yes' : 'no'})` });
    return choice ? { [picked.field]: choice.value } : undefined;
  }
  if (picked.field === 'color') {
    const choice = await vscode.window.showQuickPick([...COLORS, '(none)'], { placeHolder: 'A theme colour for the tree root and status item' });
    return choice ? { color: choice === '(none)' ? '' : choice } : undefined;
  }
  const validate = picked.field === 'serverUrl' ? checkServerUrl : picked.field === 'userId' ? checkUserId : undefined;
  const value = await vscode.window.showInputBox({ title: plainText(`ICWS: Edit ${profile.name}`), prompt: picked.label, value: String(recordOf(profile)[picked.field] ?? ''), validateInput: validate });
  return value === undefined ? undefined : { [picked.field]: value };
}
