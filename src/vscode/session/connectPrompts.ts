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
  rememberPassword: async () => {
    const choice = await vscode.window.showInformationMessage('Remember the password in VS Code’s secret storage, to log in again without asking?', 'Remember', 'Not now');
    return choice === 'Remember';
  },
};
