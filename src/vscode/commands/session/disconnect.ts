import * as vscode from 'vscode';
import { defineCommand } from '../CommandContext';

export const disconnect = defineCommand('icws.disconnect', (context) => async (options?: { forgetPassword?: boolean }) => {
  let forgetPassword = options?.forgetPassword;
  if (forgetPassword === undefined) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: 'Log out', description: 'keep the remembered password', forget: false },
        { label: 'Log out and forget the password', forget: true },
      ],
      { title: 'ICWS: Disconnect' },
    );
    if (!choice) return false;
    forgetPassword = choice.forget;
  }
  await context.sessions.disconnect({ forgetPassword });
  return true;
});
