import * as vscode from 'vscode';
import { checkServerUrl, checkUserId } from '../../icws';
import type { ConnectPrompts } from './SessionService';

/** Input boxes that check as the user types, and keep what was typed if the user goes on. */
export const connectPrompts: ConnectPrompts = {
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
  rememberPassword: async () => {
    const choice = await vscode.window.showInformationMessage('Remember the password in VS Code’s secret storage, to log in again without asking?', 'Remember', 'Not now');
    return choice === 'Remember';
  },
};
