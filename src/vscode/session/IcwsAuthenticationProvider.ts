import * as vscode from 'vscode';
import { DisposableOwner } from '../../icws';
import { connectPrompts } from './connectPrompts';
import type { SessionService } from './SessionService';

/**
 * Shows the ICWS session in the Accounts menu (`user @ server`) so it can be signed out there.
 * The access token is a placeholder: the real credentials never leave SecretStorage.
 */
export class IcwsAuthenticationProvider extends DisposableOwner implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changeEmitter.event;
  private shown?: vscode.AuthenticationSession;

  constructor(private readonly sessions: SessionService) {
    super();
    this.register(sessions.onDidAddSession(() => this.update()));
    this.register(sessions.onDidRemoveSession(() => this.update()));
  }

  private current(): vscode.AuthenticationSession | undefined {
    const session = this.sessions.session;
    if (!session) return undefined;
    const host = safeHost(session.server);
    return { id: `icws:${session.identity.userId}@${session.server}`, accessToken: 'icws-session', account: { id: `${session.identity.userId}@${session.server}`, label: `${session.identity.userId} @ ${host}` }, scopes: [] };
  }

  private update(): void {
    const next = this.current();
    const previous = this.shown;
    this.shown = next;
    if (previous?.id === next?.id) return;
    this.changeEmitter.fire({ added: next ? [next] : [], removed: previous ? [previous] : [], changed: [] });
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const session = this.current();
    return session ? [session] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    await this.sessions.connect({}, connectPrompts);
    const session = this.current();
    if (!session) throw new Error('Not connected to ICWS');
    return session;
  }

  async removeSession(): Promise<void> {
    await this.sessions.disconnect({ forgetPassword: false });
  }
}

function safeHost(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}
