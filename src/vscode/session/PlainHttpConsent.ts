import type * as vscode from 'vscode';
import { sendsPasswordInTheClear } from '../../icws';

const KEY = 'icws.plainHttpServers';

/**
 * The servers the user allowed to receive a password over plain HTTP (asked once per server).
 * Loopback servers (the simulator) never need it. Kept in global state: server URLs, no secret.
 */
export class PlainHttpConsent {
  constructor(private readonly state: vscode.Memento) {}

  isNeeded(server: string): boolean {
    return sendsPasswordInTheClear(server) && !this.granted().includes(origin(server));
  }

  async grant(server: string): Promise<void> {
    const granted = this.granted();
    if (!granted.includes(origin(server))) await this.state.update(KEY, [...granted, origin(server)]);
  }

  private granted(): string[] {
    const value = this.state.get<unknown>(KEY, []);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  }
}

function origin(server: string): string {
  try {
    return new URL(server).origin;
  } catch {
    return server;
  }
}
