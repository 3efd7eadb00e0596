import * as vscode from 'vscode';
import type { IcwsSession } from '../../../icws';
import { plainText } from '../../display/untrustedText';
import { defineCommand, showError } from '../CommandContext';
import { sessionFor } from '../sessionPicker';

/**
 * `icws.disconnect`: from the palette with several sessions, asks which (or all); with an argument
 * `{ forgetPassword, session? }`, the named session's, or every session when none is named.
 */
export const disconnect = defineCommand('icws.disconnect', (context) => async (options?: { forgetPassword?: boolean; session?: unknown }) => {
  let session: IcwsSession | 'all' | undefined = 'all';
  try {
    if (options?.session !== undefined) session = await sessionFor(context, options);
    else if (options === undefined && context.sessions.sessions.length > 1) session = await pickOneOrAll(context.sessions.sessions.map((s) => ({ session: s, name: context.sessions.profileOf(s)?.name ?? s.identity.userId })));
    else if (options === undefined && context.sessions.sessions.length === 1) session = context.sessions.sessions[0];
  } catch (error) {
    showError(error, context.log);
    return false;
  }
  if (!session) return false;
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
  await context.sessions.disconnect(session === 'all' ? { forgetPassword } : { forgetPassword, session });
  return true;
});

async function pickOneOrAll(sessions: { session: IcwsSession; name: string }[]): Promise<IcwsSession | 'all' | undefined> {
  const items = [...sessions.map(({ session, name }) => ({ label: plainText(name, 80), description: plainText(`${session.identity.userId} · ${session.server}`, 120), target: session as IcwsSession | 'all' })), { label: '$(debug-disconnect) All sessions', description: '', target: 'all' as const }];
  const picked = await vscode.window.showQuickPick(items, { title: 'ICWS: Disconnect', placeHolder: 'Disconnect which session?' });
  return picked?.target;
}
