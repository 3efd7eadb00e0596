// The sessions a notebook runs on, as the session service offers them: the current one, every live
// one (a cell's `# @session agent2` picks one by profile name or user ID), and each one's profile.
import type { IcwsSession } from '../../../icws/IcwsSession';
import type { ConnectionProfile } from '../../../icws/profile';

export interface NotebookSessions {
  readonly session: IcwsSession | undefined;
  readonly sessions: readonly IcwsSession[];
  profileOf(session: IcwsSession): ConnectionProfile | undefined;
}

/** The simulator says so in its version (`productId`); a profile made by Start Simulator says so too. */
export function isSimulator(sessions: NotebookSessions, session: IcwsSession): boolean {
  const profile = sessions.profileOf(session);
  // A profile marked production is guarded whatever the server says it is.
  if (profile?.production) return false;
  return profile?.simulator === true || session.version?.productId === 'ICWS Simulator';
}

/** How a person recognises the session in a question: its profile's name, else user @ server. */
export function sessionName(sessions: NotebookSessions, session: IcwsSession): string {
  return sessions.profileOf(session)?.name ?? `${session.identity.userId} @ ${session.server}`;
}
