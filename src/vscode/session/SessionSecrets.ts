import type * as vscode from 'vscode';
import type { SavedSession } from '../../icws';

const SESSION_KEY = 'icws.session';

/** Passwords and session credentials live in SecretStorage only, never in settings or state. */
export class SessionSecrets {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async savedSession(): Promise<SavedSession | undefined> {
    const text = await this.secrets.get(SESSION_KEY);
    if (!text) return undefined;
    try {
      const saved = JSON.parse(text) as Partial<SavedSession>;
      if (typeof saved.server === 'string' && typeof saved.sessionId === 'string' && typeof saved.csrfToken === 'string' && typeof saved.cookie === 'string') return saved as SavedSession;
    } catch {
      // A damaged entry is as good as none.
    }
    await this.secrets.delete(SESSION_KEY);
    return undefined;
  }

  async saveSession(saved: SavedSession): Promise<void> {
    await this.secrets.store(SESSION_KEY, JSON.stringify(saved));
  }

  async forgetSession(): Promise<void> {
    await this.secrets.delete(SESSION_KEY);
  }

  async password(server: string, userId: string): Promise<string | undefined> {
    return this.secrets.get(passwordKey(server, userId));
  }

  async savePassword(server: string, userId: string, password: string): Promise<void> {
    await this.secrets.store(passwordKey(server, userId), password);
  }

  async forgetPassword(server: string, userId: string): Promise<void> {
    await this.secrets.delete(passwordKey(server, userId));
  }
}

function passwordKey(server: string, userId: string): string {
  return `icws.password:${server.toLowerCase()}|${userId.toLowerCase()}`;
}
