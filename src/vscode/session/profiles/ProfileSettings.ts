import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../../icws';
import { makeProfile, parseProfiles, recordOf } from './profileRecords';

/**
 * The `icws.profiles` setting (application scope, so a cloned workspace cannot redirect
 * credentials), read and written as profiles. The embedded simulator's profile is never written:
 * its port changes every start.
 */
export class ProfileSettings {
  private readonly transient = new Map<string, ConnectionProfile>();

  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('icws');
  }

  /** The stored profiles, then the transient ones (the simulator's). */
  get all(): readonly ConnectionProfile[] {
    return [...this.stored().profiles, ...this.transient.values()];
  }

  /** Why entries of the setting were skipped (for the log). */
  get problems(): readonly string[] {
    return this.stored().problems;
  }

  private stored() {
    return parseProfiles(this.config.get<unknown[]>('profiles', []));
  }

  /** Adds a profile (or replaces the one with its id). A simulator profile stays in memory only. */
  async save(profile: ConnectionProfile): Promise<void> {
    if (profile.simulator) {
      this.transient.set(profile.id, profile);
      return;
    }
    const profiles = this.stored().profiles;
    const index = profiles.findIndex((p) => p.id === profile.id);
    const next = index < 0 ? [...profiles, profile] : profiles.map((p, i) => (i === index ? profile : p));
    await this.write(next);
  }

  async remove(id: string): Promise<void> {
    if (this.transient.delete(id)) return;
    await this.write(this.stored().profiles.filter((p) => p.id !== id));
  }

  /**
   * The upgrade from one server and user (`icws.serverUrl`, `icws.userId`): when no profile is
   * stored yet, they become the first profile. The old settings stay as they are (harmless, and
   * an older version of the extension still finds them). Returns the profile made, if any.
   */
  async upgradeFromSingleLogin(): Promise<ConnectionProfile | undefined> {
    const inspected = this.config.inspect<unknown[]>('profiles');
    if (inspected?.globalValue !== undefined) return undefined;
    const serverUrl = this.config.get<string>('serverUrl', '').trim();
    const userId = this.config.get<string>('userId', '').trim();
    if (!serverUrl || !userId) return undefined;
    const messaging = this.config.get<ConnectionProfile['messaging']>('messagingMode', 'auto');
    const profile = makeProfile([], serverUrl, userId, { messaging });
    await this.write([profile]);
    return profile;
  }

  private async write(profiles: readonly ConnectionProfile[]): Promise<void> {
    await this.config.update('profiles', profiles.map(recordOf), vscode.ConfigurationTarget.Global);
  }
}
