// One rule for "the session called X", wherever a person or a tool names one: a notebook cell's
// `# @session` and `> message … on X`, Test Explorer's cells, an assistant tool's `session`. A
// profile name first, then a user ID, both without regard to case; a name that fits several live
// sessions is refused, naming them, rather than guessed (two profiles may log in as one user).

export type SessionByName<S> = { session: S; problem?: undefined } | { session?: undefined; problem: string };

/** What a session is called: its profile's name (when it has one) and the user it logged in as. */
export interface SessionNames {
  profileName: string | undefined;
  userId: string;
}

export function sessionByName<S>(wanted: string, sessions: readonly S[], namesOf: (session: S) => SessionNames): SessionByName<S> {
  const key = wanted.trim().toLowerCase();
  const named = sessions.map((session) => ({ session, ...namesOf(session) }));
  const names = named.map(({ profileName, userId }) => JSON.stringify(profileName ?? userId)).join(', ');
  const byProfile = named.filter(({ profileName }) => profileName?.toLowerCase() === key);
  const found = (byProfile.length ? byProfile : named.filter(({ userId }) => userId.toLowerCase() === key)).map(({ session }) => session);
  if (found.length === 1) return { session: found[0]! };
  if (found.length > 1) return { problem: `"${wanted}" names ${found.length} live sessions; use a profile name: ${names}` };
  return { problem: `no live session is called "${wanted}" (by profile name or user ID)${sessions.length ? `; live sessions: ${names}` : '; connect it first'}` };
}
