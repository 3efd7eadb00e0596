import * as vscode from 'vscode';
import { checkServerUrl, checkUserId, type ConnectionProfile } from '../../icws';
import { plainText } from '../display/untrustedText';
import type { ConnectPrompts } from './SessionService';

/** Input boxes that check as the user types, and keep what was typed if the user goes on. */
export const connectPrompts: ConnectPrompts = {
  profile: async (profiles, statusOf) => {
    type Item = vscode.QuickPickItem & { profile?: ConnectionProfile };
    const items: Item[] = profiles.map((profile) => ({
      label: `$(${profile.production ? 'shield' : profile.simulator ? 'beaker' : 'account'}) ${plainText(profile.name, 80)}`,
      description: plainText(`${profile.userId} · ${profile.serverUrl}`, 120),
      detail: statusOf(profile) === 'connected' ? 'connected' : profile.production ? 'production' : undefined,
      profile,
    }));
    items.push({ label: '$(add) New profile…', description: 'another server or user' });
    const picked = await vscode.window.showQuickPick(items, { title: 'ICWS: Connect', placeHolder: 'Which profile?', matchOnDescription: true, ignoreFocusOut: true });
    return picked ? (picked.profile ?? 'new') : undefined;
  },
  alreadyConnected: async (profile) => {
    const again = 'Log In Again';
    const keep = 'Keep Session';
    const choice = await vscode.window.showWarningMessage(
      plainText(`${profile.name} is connected already.`),
      { modal: true, detail: 'Logging in again ends the current session once the new one is up; a failed login keeps it.' },
      again,
      keep,
    );
    return choice === again ? 'switch' : choice === keep ? 'keep' : undefined;
  },
  server: (current) =>
    vscode.window.showInputBox({
      title: 'ICWS: Connect (1/3)',
      prompt: 'ICWS server address',
      placeHolder: 'https://cic01.example.local:8019',
      value: current,
      validateInput: checkServerUrl,
      ignoreFocusOut: true,
    }),
  userId: (current) =>
    vscode.window.showInputBox({ title: 'ICWS: Connect (2/3)', prompt: 'CIC user ID', value: current, validateInput: checkUserId, ignoreFocusOut: true }),
  password: (userId, server) =>
    vscode.window.showInputBox({ title: 'ICWS: Connect (3/3)', prompt: `Password of ${userId} on ${server}`, password: true, ignoreFocusOut: true }),
  confirmPlainHttp: async (server) => {
    const choice = await vscode.window.showWarningMessage(
      `Send your CIC password to ${server} unencrypted?`,
      {
        modal: true,
        detail:
          'This server address uses plain HTTP and is not on this machine. The password, and then the session cookie and CSRF token, would cross the network in clear text, readable by anyone on the way. Use https:// (ICWS listens on port 8019) if the server offers it.',
      },
      'Send Anyway',
    );
    return choice === 'Send Anyway';
  },
  rememberPassword: async (profile) => {
    const choice = await vscode.window.showInformationMessage(plainText(`Remember the password of ${profile.name} in VS Code’s secret storage, to log in again without asking?`), 'Remember', 'Not now');
    // Dismissed: ask again next time; "Not now" is remembered for this profile.
    return choice === 'Remember' ? true : choice === 'Not now' ? false : undefined;
  },
};
