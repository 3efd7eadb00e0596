import { type ConnectionProfile, IcwsError, normalizeServerUrl } from '../../../icws';
import type { ConnectionStatus, ConnectPrompts, ConnectRequest } from '../connectTypes';
import { findProfile, makeProfile, profileForLogin } from './profileRecords';

export interface ProfileChoices {
  readonly known: readonly ConnectionProfile[];
  statusOf(profile: ConnectionProfile): ConnectionStatus;
  /** What the last Connect typed, offered as the start of a new profile. */
  readonly lastLogin: { readonly serverUrl: string; readonly userId: string };
}

/**
 * The profile a Connect request names (by name or id), matches (by server and user, made when
 * none matches; saved by the caller once its login worked), or the user picks among the profiles or makes by typing a server and user.
 */
export async function resolveProfile(request: ConnectRequest, prompts: ConnectPrompts, choices: ProfileChoices): Promise<{ profile: ConnectionProfile; isNew: boolean } | undefined> {
  const { known } = choices;
  if (request.profile) {
    const named = findProfile(known, request.profile);
    if (!named) throw new IcwsError({ kind: 'invalid-argument', operation: 'connecting', reason: `there is no connection profile named "${request.profile}" (see the setting icws.profiles, or run "ICWS: Add Profile…")` });
    return { profile: named, isNew: false };
  }
  let server = request.server ? normalizeServerUrl(request.server) : undefined;
  if (!server) {
    const picked = known.length ? await prompts.profile(known, choices.statusOf) : 'new';
    if (!picked) return undefined;
    if (picked !== 'new') return { profile: picked, isNew: false };
    server = normalizeServerUrl((await prompts.server(choices.lastLogin.serverUrl)) ?? '');
    if (!server) return undefined;
  }
  const userId = request.userId?.trim() || (await prompts.userId(choices.lastLogin.userId))?.trim();
  if (!userId) return undefined;
  const existing = profileForLogin(known, server, userId);
  if (existing) return { profile: existing, isNew: false };
  const simulator = request.simulator === true || request.rememberServer === false;
  const profile = makeProfile(known, server, userId, simulator ? { simulator: true, color: 'charts.purple' } : {});
  return { profile, isNew: true };
}
