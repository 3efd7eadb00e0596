import * as vscode from 'vscode';
import { DisposableOwner, type IcwsSession } from '../../icws';
import { hostOf } from './profiles/profileRecords';
import { connectPrompts } from './connectPrompts';
import type { SessionService } from './SessionService';

/**
 * Shows each ICWS session in the Accounts menu (its profile name, "agent1 @ cic-dev") so it can be
 * signed out there. The access token is a placeholder: the real credentials never leave SecretStorage.
 */
export class IcwsAuthenticationProvider extends DisposableOwner implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changeEmitter.event;
  private shown: vscode.AuthenticationSession[] = [];

  constructor(private readonly sessions: SessionService) {
    super();
    this.register(sessions.onDidAddSession(() => this.update()));
    this.register(sessions.onDidRemoveSession(() => this.update()));
  }

  private accountOf(session: IcwsSession): vscode.AuthenticationSession {
    const profile = this.sessions.profileOf(session);
    const label = profile?.name ?? `${session.identity.userId} @ ${hostOf(session.server)}`;
    const id = `${session.identity.userId}@${session.server}`;
    return { id: `icws:${profile?.id ?? id}:${id}`, accessToken: 'icws-session', account: { id: profile?.id ?? id, label }, scopes: [] };
  }

  private current(): vscode.AuthenticationSession[] {
    return this.sessions.sessions.map((session) => this.accountOf(session));
  }

  private update(): void {
    const next = this.current();
    const previous = this.shown;
    this.shown = next;
    const added = next.filter((a) => !previous.some((p) => p.id === a.id));
    const removed = previous.filter((p) => !next.some((a) => a.id === p.id));
    if (added.length || removed.length) this.changeEmitter.fire({ added, removed, changed: [] });
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return this.current();
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const session = await this.sessions.connect({}, connectPrompts);
    if (!session) throw new Error('Not connected to ICWS');
    return this.accountOf(session);
  }

  async removeSession(id: string): Promise<void> {
    const session = this.sessions.sessions.find((s) => this.accountOf(s).id === id);
    if (session) await this.sessions.disconnect({ forgetPassword: false, session });
  }
}
