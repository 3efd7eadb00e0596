// Connection profiles as the `icws.profiles` setting holds them: parsed, checked and named. No
// `vscode` import, so the rules (ids, names, matching a server and user) are tested in plain Node.
import { randomUUID } from 'node:crypto';
import { checkServerUrl, checkUserId, type ConnectionProfile, normalizeServerUrl } from '../../../icws';

/** One entry of `icws.profiles`, as written in settings.json (every field but id optional when typed by hand). */
export interface ProfileRecord {
  id?: string;
  name?: string;
  serverUrl?: string;
  userId?: string;
  station?: string;
  color?: string;
  production?: boolean;
  confirmActions?: boolean;
  allowAssistants?: boolean;
  messaging?: 'auto' | 'sse' | 'polling';
}

export interface ParsedProfiles {
  readonly profiles: ConnectionProfile[];
  /** One line per entry that was skipped, naming the entry and what is wrong with it. */
  readonly problems: string[];
}

const MESSAGING = new Set(['auto', 'sse', 'polling']);

/** The default name: "agent1 @ cic-dev" (the server's host without a port when it has a name). */
export function profileNameFor(serverUrl: string, userId: string): string {
  return `${userId} @ ${hostOf(serverUrl)}`;
}

export function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

export function newProfileId(): string {
  return randomUUID();
}

/**
 * Reads the setting's value. Entries with a bad server or user are skipped with a problem line;
 * an entry without an id gets one made from its server and user, so its secrets keep their keys
 * as long as the entry is not edited (Add Profile always writes an id).
 */
export function parseProfiles(raw: unknown): ParsedProfiles {
  const profiles: ConnectionProfile[] = [];
  const problems: string[] = [];
  const entries = Array.isArray(raw) ? raw : [];
  entries.forEach((entry, index) => {
    const record = (entry ?? {}) as ProfileRecord;
    const where = `icws.profiles[${index}]${typeof record.name === 'string' ? ` ("${record.name}")` : ''}`;
    const serverProblem = typeof record.serverUrl === 'string' ? checkServerUrl(record.serverUrl) : 'serverUrl is missing';
    const userProblem = typeof record.userId === 'string' ? checkUserId(record.userId) : 'userId is missing';
    if (serverProblem || userProblem) {
      problems.push(`${where}: ${serverProblem ?? userProblem}`);
      return;
    }
    const serverUrl = normalizeServerUrl(record.serverUrl!);
    const userId = record.userId!.trim();
    const id = typeof record.id === 'string' && record.id.trim() ? record.id.trim() : `${userId.toLowerCase()}@${serverUrl.toLowerCase()}`;
    if (profiles.some((p) => p.id === id)) {
      problems.push(`${where}: the id "${id}" is used twice; the first entry wins`);
      return;
    }
    const name = typeof record.name === 'string' && record.name.trim() ? record.name.trim() : profileNameFor(serverUrl, userId);
    profiles.push({
      id,
      name,
      serverUrl,
      userId,
      station: typeof record.station === 'string' && record.station.trim() ? record.station.trim() : undefined,
      color: typeof record.color === 'string' && record.color.trim() ? record.color.trim() : undefined,
      production: record.production === true,
      confirmActions: record.confirmActions !== false,
      allowAssistants: record.allowAssistants === true,
      messaging: typeof record.messaging === 'string' && MESSAGING.has(record.messaging) ? record.messaging : 'auto',
      simulator: false,
    });
  });
  return { profiles, problems };
}

/** What goes back into settings.json: only what differs from the defaults, id always. */
export function recordOf(profile: ConnectionProfile): ProfileRecord {
  const record: ProfileRecord = { id: profile.id, name: profile.name, serverUrl: profile.serverUrl, userId: profile.userId };
  if (profile.station) record.station = profile.station;
  if (profile.color) record.color = profile.color;
  if (profile.production) record.production = true;
  if (!profile.confirmActions) record.confirmActions = false;
  if (profile.allowAssistants) record.allowAssistants = true;
  if (profile.messaging !== 'auto') record.messaging = profile.messaging;
  return record;
}

/** A profile by its name (case-insensitive) or id. */
export function findProfile(profiles: readonly ConnectionProfile[], nameOrId: string): ConnectionProfile | undefined {
  const wanted = nameOrId.trim().toLowerCase();
  return profiles.find((p) => p.id === nameOrId.trim()) ?? profiles.find((p) => p.name.toLowerCase() === wanted);
}

/** The profile that logs in as this user on this server, if any. */
export function profileForLogin(profiles: readonly ConnectionProfile[], serverUrl: string, userId: string): ConnectionProfile | undefined {
  const server = normalizeServerUrl(serverUrl).toLowerCase();
  const user = userId.trim().toLowerCase();
  return profiles.find((p) => p.serverUrl.toLowerCase() === server && p.userId.toLowerCase() === user);
}

/** A new profile for a server and user with the defaults; the name made unique among `existing`. */
export function makeProfile(existing: readonly ConnectionProfile[], serverUrl: string, userId: string, extra: Partial<ConnectionProfile> = {}): ConnectionProfile {
  const server = normalizeServerUrl(serverUrl);
  const base = extra.name ?? profileNameFor(server, userId.trim());
  let name = base;
  for (let n = 2; existing.some((p) => p.name.toLowerCase() === name.toLowerCase()); n++) name = `${base} (${n})`;
  return { id: newProfileId(), serverUrl: server, userId: userId.trim(), production: false, confirmActions: true, allowAssistants: false, messaging: 'auto', simulator: false, ...extra, name };
}
