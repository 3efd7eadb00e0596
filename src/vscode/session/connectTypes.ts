import type { ConnectionProfile } from '../../icws';

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What `icws.connect` may be given, so it can run without prompts (keybindings, scripts, tests). */
export interface ConnectRequest {
  /** A profile's name or id. */
  profile?: string;
  /** With `userId`: the profile that logs in as this user on this server (made when there is none). */
  server?: string;
  userId?: string;
  password?: string;
  rememberPassword?: boolean;
  /** Keep a profile made for `server` and `userId` in settings (default true; not for the simulator). */
  rememberServer?: boolean;
  /** When the profile is connected already: log in again, or keep the session (asked when not said; kept when a password is given). */
  ifConnected?: 'switch' | 'keep';
  /** Marks a profile made here as the embedded simulator's. */
  simulator?: boolean;
}

/** Asks the user for what a login lacks. Each returns undefined when the user cancels. */
export interface ConnectPrompts {
  /** Which profile to connect, or 'new' to make one. */
  profile(profiles: readonly ConnectionProfile[], statusOf: (profile: ConnectionProfile) => ConnectionStatus): PromiseLike<ConnectionProfile | 'new' | undefined>;
  server(current: string): PromiseLike<string | undefined>;
  userId(current: string): PromiseLike<string | undefined>;
  password(userId: string, server: string): PromiseLike<string | undefined>;
  rememberPassword(profile: ConnectionProfile): PromiseLike<boolean | undefined>;
  /** The profile is connected: log in again (the old session ends only once the new one is up), or keep it. */
  alreadyConnected(profile: ConnectionProfile): PromiseLike<'switch' | 'keep' | undefined>;
  /** Asked once per server before a password goes to it over plain HTTP (not loopback). */
  confirmPlainHttp(server: string): PromiseLike<boolean>;
}
