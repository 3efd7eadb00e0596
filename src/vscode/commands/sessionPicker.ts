import * as vscode from 'vscode';
import { type IcwsSession, IcwsError } from '../../icws';
import { plainText } from '../display/untrustedText';
import { notConnected } from '../session/SessionService';
import type { CommandContext } from './CommandContext';

/**
 * The session an argument names: a tree row's (its `session`), `{ session: '<profile name or id>' }`,
 * else the only live one, else (several, from the palette) the user's pick; undefined when the
 * pick is dismissed. Throws "not connected" in words a person can act on.
 */
export async function sessionFor(context: Pick<CommandContext, 'sessions'>, argument: unknown): Promise<IcwsSession | undefined> {
  const named = argument && typeof argument === 'object' ? (argument as { session?: unknown }).session : undefined;
  const live = context.sessions.sessions;
  if (named && typeof named === 'object' && live.includes(named as IcwsSession)) return named as IcwsSession;
  if (typeof named === 'string' && named.trim()) {
    const session = context.sessions.sessionOf(named);
    if (!session) throw new IcwsError({ kind: 'invalid-argument', operation: 'this command', reason: `the session "${named}" is not connected (connect it with "ICWS: Connect", or name a connected profile)` });
    return session;
  }
  if (live.length === 0) throw notConnected();
  if (live.length === 1) return live[0];
  return pickSession(context, 'Act as which session?');
}

/** A quick pick of the live sessions: profile name, user and server. */
export async function pickSession(context: Pick<CommandContext, 'sessions'>, placeHolder: string): Promise<IcwsSession | undefined> {
  const items = context.sessions.sessions.map((session) => {
    const profile = context.sessions.profileOf(session);
    return {
      label: `$(${profile?.production ? 'shield' : 'account'}) ${plainText(profile?.name ?? session.identity.userId, 80)}`,
      description: plainText(`${session.identity.userId} · ${session.server}`, 120),
      detail: profile?.production ? 'production: state changes ask first' : undefined,
      session,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title: 'ICWS: which session?', placeHolder, matchOnDescription: true });
  return picked?.session;
}
