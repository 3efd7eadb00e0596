import type * as vscode from 'vscode';
import type { SavedSession } from '../../icws';

/** Before profiles: one saved session, and passwords by server and user. */
const LEGACY_SESSION_KEY = 'icws.session';
const legacyPasswordKey = (server: string, userId: string) => `icws.password:${server.toLowerCase()}|${userId.toLowerCase()}`;

/** Each profile's secrets live under keys named after its id. */
export const profileSecretKeys = (profileId: string) => ({ session: `icws.profile.${profileId}.session`, password: `icws.profile.${profileId}.password` });

/** Whether the user answered "Not now" to remembering this profile's password (not a secret: kept in global state). */
const declinedKey = (profileId: string) => `icws.rememberPasswordDeclined.${profileId}`;

/** Passwords and session credentials live in SecretStorage only, never in settings or state. */
export class SessionSecrets {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state?: vscode.Memento,
  ) {}

  async savedSession(profileId: string): Promise<SavedSession | undefined> {
    const key = profileSecretKeys(profileId).session;
    const text = await this.secrets.get(key);
    if (!text) return undefined;
    try {
      const saved = JSON.parse(text) as Partial<SavedSession>;
      if (typeof saved.server === 'string' && typeof saved.sessionId === 'string' && typeof saved.csrfToken === 'string' && typeof saved.cookie === 'string') return saved as SavedSession;
    } catch {
      // A damaged entry is as good as none.
    }
    await this.secrets.delete(key);
    return undefined;
  }

  async saveSession(profileId: string, saved: SavedSession): Promise<void> {
    await this.secrets.store(profileSecretKeys(profileId).session, JSON.stringify(saved));
  }

  async forgetSession(profileId: string): Promise<void> {
    await this.secrets.delete(profileSecretKeys(profileId).session);
  }

  async password(profileId: string): Promise<string | undefined> {
    return this.secrets.get(profileSecretKeys(profileId).password);
  }

  async savePassword(profileId: string, password: string): Promise<void> {
    await this.secrets.store(profileSecretKeys(profileId).password, password);
  }

  async forgetPassword(profileId: string): Promise<void> {
    await this.secrets.delete(profileSecretKeys(profileId).password);
  }

  /** Whether to ask "Remember the password?" for this profile (not after a "Not now"). */
  mayAskToRemember(profileId: string): boolean {
    return this.state?.get<boolean>(declinedKey(profileId)) !== true;
  }

  async declineToRemember(profileId: string, declined = true): Promise<void> {
    await this.state?.update(declinedKey(profileId), declined ? true : undefined);
  }

  /** A removed profile leaves nothing behind: its session, its password, its answer. */
  async forgetProfile(profileId: string): Promise<void> {
    await this.forgetSession(profileId);
    await this.forgetPassword(profileId);
    await this.declineToRemember(profileId, false);
  }

  /**
   * The upgrade: the one saved session and the password of the old server and user move under the
   * first profile's keys (then the old keys go, so no copy is left behind).
   */
  async adoptLegacySecrets(profileId: string, server: string, userId: string): Promise<void> {
    const session = await this.secrets.get(LEGACY_SESSION_KEY);
    if (session !== undefined) {
      await this.secrets.store(profileSecretKeys(profileId).session, session);
      await this.secrets.delete(LEGACY_SESSION_KEY);
    }
    const password = await this.secrets.get(legacyPasswordKey(server, userId));
    if (password !== undefined) {
      await this.secrets.store(profileSecretKeys(profileId).password, password);
      await this.secrets.delete(legacyPasswordKey(server, userId));
    }
  }
}
