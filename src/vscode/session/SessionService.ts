import * as vscode from 'vscode';
import { type ConnectionProfile, DisposableOwner, type Event as IcwsEvent, type HttpExchange, IcwsError, IcwsSession, type LoginProblem, loginProblem, normalizeServerUrl, type SessionEnd, toDisposable } from '../../icws';
import { plainText } from '../display/untrustedText';
import type { IcwsLogChannel } from '../log/IcwsLogChannel';
import { withCertificateSetting } from './certificateSetting';
import { sessionOptionsFor } from './sessionOptions';
import { messageOf, notConnected } from './sessionErrors';
import { type FromSession, LiveSessions, type SessionEvents } from './LiveSessions';
import type { PlainHttpConsent } from './PlainHttpConsent';
import { findProfile } from './profiles/profileRecords';
import { resolveProfile } from './profiles/resolveProfile';
import type { ProfileSettings } from './profiles/ProfileSettings';
import type { IcwsSettings } from './settings';
import type { SessionSecrets } from './SessionSecrets';
import type { ConnectionStatus, ConnectPrompts, ConnectRequest } from './connectTypes';

export type { ConnectionStatus, ConnectPrompts, ConnectRequest } from './connectTypes';
export { messageOf, notConnected } from './sessionErrors';

/** One profile's connection: its live session (if any), status and last problem. */
interface Connection { profile: ConnectionProfile; session?: IcwsSession; status: ConnectionStatus; problem?: string }

const STATUS_RANK: Record<ConnectionStatus, number> = { connected: 4, reconnecting: 3, connecting: 2, offline: 1, disconnected: 0 };

/**
 * Owns the ICWS sessions, one per connection profile: logs in, resumes after a reload, logs out.
 * Credentials go to SecretStorage under each profile's keys; profiles to settings. Quiet when
 * nothing is asked of it: a failed silent resume leaves a calm "offline" state, not a pop-up.
 * Consumers follow the sessions through its `SessionEvents` (added, removed, forwarded events),
 * never by re-subscribing by hand.
 */
export class SessionService extends DisposableOwner implements SessionEvents<IcwsSession>, vscode.Disposable {
  private readonly connections = new Map<string, Connection>();
  private overallStatus: ConnectionStatus = 'disconnected';
  private lastProblem?: string;
  /** The last failed login in words (what to do), until a session comes; for the welcome view. */
  failedLogin?: LoginProblem;
  private readonly statusEmitter = this.register(new vscode.EventEmitter<ConnectionStatus>());
  private readonly connectionsEmitter = this.register(new vscode.EventEmitter<void>());
  private readonly live = this.register(new LiveSessions<IcwsSession>());
  private readonly exchangeEmitter = this.register(new vscode.EventEmitter<HttpExchange>());
  /** Every HTTP call of every session and login attempt (redacted, named by profile), for the traffic view. */
  readonly onDidExchange = this.exchangeEmitter.event;
  /** The overall status (see `status`). */
  readonly onDidChangeStatus = this.statusEmitter.event;
  /** Any profile's status or problem changed. */
  readonly onDidChangeConnections = this.connectionsEmitter.event;
  /** Fires with the new session after a login or resume, before its messages start. */
  readonly onDidAddSession = this.live.onDidAddSession;
  /** Fires when a session ended or was logged out, after its forwarded events were detached. */
  readonly onDidRemoveSession = this.live.onDidRemoveSession;
  private readonly attempts = new Map<string, Promise<IcwsSession | undefined>>();
  private upgrading?: Promise<void>; // see upgrade()

  constructor(
    private readonly settings: IcwsSettings,
    readonly profiles: ProfileSettings,
    private readonly secrets: SessionSecrets,
    private readonly log: IcwsLogChannel,
    private readonly plainHttpConsent: PlainHttpConsent,
  ) {
    super();
    // Released first: the channels stop before the sessions' listeners go.
    this.register(toDisposable(() => this.live.sessions.forEach((session) => session.messages.stop())));
  }

  /** The oldest live session: for callers that know only one (with one session, the session). */
  get session(): IcwsSession | undefined {
    return this.live.sessions.find((session) => session.isUp);
  }

  /** The live sessions, oldest first. */
  get sessions(): readonly IcwsSession[] {
    return this.live.sessions;
  }

  forward<T>(select: (session: IcwsSession) => IcwsEvent<T>): IcwsEvent<FromSession<IcwsSession, T>> {
    return this.live.forward(select);
  }

  /** The profile a live session was made from: its name, colour and whether it is production. */
  profileOf(session: IcwsSession): ConnectionProfile | undefined {
    for (const connection of this.connections.values()) if (connection.session === session && this.live.has(session)) return connection.profile;
    return undefined;
  }

  /** The live session of a profile (by profile, name or id). */
  sessionOf(profile: ConnectionProfile | string): IcwsSession | undefined {
    const id = typeof profile === 'string' ? findProfile(this.knownProfiles(), profile)?.id : profile.id;
    const session = id ? this.connections.get(id)?.session : undefined;
    return session && this.live.has(session) ? session : undefined;
  }

  statusOf(profile: ConnectionProfile): ConnectionStatus {
    return this.connections.get(profile.id)?.status ?? 'disconnected';
  }

  problemOf(profile: ConnectionProfile): string | undefined {
    return this.connections.get(profile.id)?.problem;
  }

  /** Every profile: stored ones, the simulator's, and any still connected after its entry was removed. */
  knownProfiles(): readonly ConnectionProfile[] {
    const all = [...this.profiles.all];
    for (const { profile } of this.connections.values()) if (!all.some((p) => p.id === profile.id)) all.push(profile);
    return all;
  }

  /** The overall status (context key `icws.state`): "connected" while any session is; else the most hopeful profile's. */
  get status(): ConnectionStatus {
    return this.overallStatus;
  }

  /** Why the last attempt failed or a session ended, for the status bar and welcome view. */
  get problem(): string | undefined {
    return this.lastProblem;
  }

  /** The session, or an error a command can show: "not connected". */
  requireSession(): IcwsSession {
    const session = this.session;
    if (!session) throw notConnected();
    return session;
  }

  /**
   * On start-up: the old single login becomes the first profile; then every profile that had a
   * session resumes it without a prompt when the server still has it, or logs in with its stored
   * password; the others stay disconnected until asked.
   */
  async resumeOnStartup(): Promise<void> {
    await this.upgrade();
    for (const problem of this.profiles.problems) this.log.warn(`Skipped a connection profile: ${problem}`);
    await Promise.all(this.profiles.all.filter((profile) => !this.sessionOf(profile)).map((profile) => this.resumeProfile(profile)));
    this.updateOverall();
  }

  /** One at a time; Connect waits for it, so a Connect at start-up sees the upgraded profile. */
  private upgrade(): Promise<void> {
    this.upgrading ??= this.upgradeOnce().finally(() => (this.upgrading = undefined));
    return this.upgrading;
  }

  private async upgradeOnce(): Promise<void> {
    const profile = await this.profiles.upgradeFromSingleLogin();
    if (!profile) return;
    await this.secrets.adoptLegacySecrets(profile.id, profile.serverUrl, profile.userId);
    this.log.info(`Made the profile "${profile.name}" from the settings icws.serverUrl and icws.userId`);
  }

  private async resumeProfile(profile: ConnectionProfile): Promise<void> {
    const saved = await this.secrets.savedSession(profile.id);
    if (!saved) return;
    this.setStatus(profile, 'connecting');
    try {
      const session = await IcwsSession.resume(await sessionOptionsFor(this.settings, this.log, saved.server, profile, (exchange) => this.forwardExchange(profile, exchange)), saved);
      this.log.info(`Resumed the stored ICWS session of "${profile.name}" on ${saved.server}`);
      this.adopt(profile, session);
      return;
    } catch (error) {
      this.log.info(`The stored ICWS session of "${profile.name}" could not be resumed: ${messageOf(error)}`);
      await this.secrets.forgetSession(profile.id);
    }
    const password = await this.secrets.password(profile.id);
    if (!password) {
      this.setStatus(profile, 'disconnected');
      return;
    }
    try {
      await this.login(profile, password);
    } catch (error) {
      this.log.warn(`Could not log in to ${profile.serverUrl} as ${profile.userId} at start-up: ${messageOf(error)}`);
    }
  }

  /** Logs in, asking only for what is missing. Concurrent calls for the same login share one attempt. */
  connect(request: ConnectRequest, prompts: ConnectPrompts): Promise<IcwsSession | undefined> {
    const key = request.profile ?? (request.server ? `${normalizeServerUrl(request.server)}|${request.userId ?? ''}` : undefined);
    // A Connect that asks which profile is its own attempt: the next may pick another profile.
    if (key === undefined) return this.connectOnce(request, prompts);
    let attempt = this.attempts.get(key);
    if (!attempt) {
      attempt = this.connectOnce(request, prompts).finally(() => this.attempts.delete(key));
      this.attempts.set(key, attempt);
    }
    return attempt;
  }

  private async connectOnce(request: ConnectRequest, prompts: ConnectPrompts): Promise<IcwsSession | undefined> {
    await this.upgrade();
    const resolved = await resolveProfile(request, prompts, { known: this.knownProfiles(), statusOf: (p) => this.statusOf(p), lastLogin: { serverUrl: this.settings.serverUrl, userId: this.settings.userId } });
    if (!resolved) return undefined;
    const { profile, isNew } = resolved;
    const live = this.sessionOf(profile);
    if (live) {
      const choice = request.ifConnected ?? (request.password !== undefined ? 'keep' : await prompts.alreadyConnected(profile));
      if (choice !== 'switch') return choice === 'keep' ? live : undefined;
    }
    const storedPassword = request.password === undefined ? await this.secrets.password(profile.id) : undefined;
    const password = request.password ?? storedPassword ?? (await prompts.password(profile.userId, profile.serverUrl));
    if (password === undefined) return undefined;
    if (this.plainHttpConsent.isNeeded(profile.serverUrl)) {
      if (!(await prompts.confirmPlainHttp(profile.serverUrl))) {
        this.log.info(`Not connecting to ${profile.serverUrl}: sending the password over plain HTTP was declined`);
        return undefined;
      }
      await this.plainHttpConsent.grant(profile.serverUrl);
    }
    // The new session first: a failed login leaves the working one as it was.
    const session = await this.login(profile, password, prompts);
    if (isNew) await this.profiles.save(profile); // kept once the login worked: a typo makes no profile
    // Asking to remember waits for the person; the session is up already, so that question does not hold Connect.
    if (storedPassword === undefined) {
      const offer = this.offerToRemember(profile, password, request, prompts).catch((error: unknown) => this.log.warn(`Remembering the password failed: ${messageOf(error)}`));
      if (request.rememberPassword !== undefined) await offer;
    }
    return session;
  }

  private async offerToRemember(profile: ConnectionProfile, password: string, request: ConnectRequest, prompts: ConnectPrompts): Promise<void> {
    let remember = request.rememberPassword;
    if (remember === undefined && request.password === undefined && this.secrets.mayAskToRemember(profile.id)) {
      remember = await prompts.rememberPassword(profile);
      if (remember === false) await this.secrets.declineToRemember(profile.id);
    }
    if (remember) await this.secrets.savePassword(profile.id, password);
  }

  /**
   * Logs in; `prompts` only when the user asked for it. Silent logins (start-up, after the server
   * dropped the session) never ask: without consent given earlier, no password goes out over plain
   * HTTP, to the server or to an alternate host a switchover names.
   */
  private async login(profile: ConnectionProfile, password: string, prompts?: Pick<ConnectPrompts, 'confirmPlainHttp'>): Promise<IcwsSession> {
    const server = profile.serverUrl;
    const before = this.connections.get(profile.id);
    const wasUp = before?.session?.isUp === true;
    try {
      if (this.plainHttpConsent.isNeeded(server)) throw new IcwsError({ kind: 'invalid-argument', operation: `logging in to ${server}`, reason: 'sending the password over plain HTTP to another machine was not allowed; run "ICWS: Connect" to decide' });
      if (!wasUp) this.setStatus(profile, 'connecting');
      const maySendPasswordTo = async (target: string): Promise<boolean> => {
        if (!this.plainHttpConsent.isNeeded(target)) return true;
        if (!prompts || !(await prompts.confirmPlainHttp(target))) {
          this.log.warn(`Not sending the password to ${target} (a switchover alternate): plain HTTP to another machine was ${prompts ? 'declined' : 'not allowed without asking; run "ICWS: Connect" to decide'}`);
          return false;
        }
        await this.plainHttpConsent.grant(target);
        return true;
      };
      const session = await IcwsSession.login({ ...(await sessionOptionsFor(this.settings, this.log, server, profile, (exchange) => this.forwardExchange(profile, exchange))), maySendPasswordTo }, { userId: profile.userId, password });
      this.log.info(`Logged in to ${session.server} as ${session.identity.userId} ("${profile.name}"; ${session.identity.icServer ?? 'CIC'}; messaging by ${session.messages.mode})`);
      if (session.server !== server) {
        const moved = `ICWS: ${server} was not accepting sessions (switchover); connected to its alternate ${session.server}.`;
        this.log.warn(moved);
        void vscode.window.showInformationMessage(plainText(moved));
      }
      await this.secrets.saveSession(profile.id, await session.save());
      // Only now does the session it replaces (switch user / log in again) go.
      if (before?.session && before.session !== session) await this.endSession(before);
      this.adopt(profile, session);
      return session;
    } catch (error) {
      const problem = withCertificateSetting(error);
      const connection = this.connectionOf(profile);
      this.lastProblem = connection.problem = messageOf(problem);
      this.failedLogin = loginProblem(problem, { server, userId: profile.userId });
      this.setStatus(profile, connection.session?.isUp ? 'connected' : 'offline');
      throw problem;
    }
  }

  /**
   * Logs out: one profile's session (given by session or profile), or every session. Each saved
   * session is forgotten; with `forgetPassword` the profile's password too.
   */
  async disconnect(options: { forgetPassword: boolean; session?: IcwsSession; profile?: ConnectionProfile }): Promise<void> {
    const targets = [...this.connections.values()].filter((c) => (options.profile ? c.profile.id === options.profile.id : options.session ? c.session === options.session : true));
    for (const connection of targets) {
      await this.secrets.forgetSession(connection.profile.id);
      if (options.forgetPassword) await this.secrets.forgetPassword(connection.profile.id);
      await this.endSession(connection);
      connection.problem = undefined;
      this.setStatus(connection.profile, 'disconnected');
    }
    if (!options.profile && !options.session) this.lastProblem = undefined;
    this.updateOverall();
  }

  private async endSession(connection: Connection): Promise<void> {
    const session = connection.session;
    connection.session = undefined;
    if (!session) return;
    try {
      await session.logout();
    } catch (error) {
      this.log.warn(`Logout: ${messageOf(error)}`);
    }
    this.live.remove(session);
  }

  private adopt(profile: ConnectionProfile, session: IcwsSession): void {
    const connection = this.connectionOf(profile);
    connection.session = session;
    connection.problem = undefined;
    // What this user may do is learnt again per session (see the monitoring commands).
    void vscode.commands.executeCommand('setContext', 'icws.monitorDenied', false);
    this.lastProblem = this.failedLogin = undefined;
    // Owned by the live set: released when the session leaves (ended, logged out) or the service is disposed.
    const followState = session.messages.onDidChangeState((state) => {
      if (connection.session !== session) return;
      if (state === 'reconnecting') this.setStatus(profile, 'reconnecting');
      else if (state === 'open') this.setStatus(profile, 'connected');
    });
    const followEnd = session.onDidEnd((end) => {
      // Logged out: disconnect() removes the session itself once the logout is done.
      if (connection.session !== session) return;
      connection.session = undefined;
      this.lastProblem = connection.problem = end.reason;
      this.log.warn(`The ICWS session of "${profile.name}" ended: ${end.reason}`);
      void this.secrets.forgetSession(profile.id);
      this.live.remove(session);
      this.setStatus(profile, 'offline');
      void this.recoverFrom(end, connection.profile);
    });
    this.setStatus(profile, 'connected');
    this.live.add(session, [followState, followEnd]);
    session.messages.start();
  }

  /**
   * After the server dropped a session: one silent login with the profile's stored password; when
   * that is not possible, the user is told once (not on every request) and can reconnect from there.
   */
  private async recoverFrom(end: SessionEnd, profile: ConnectionProfile): Promise<void> {
    const password = end.shouldReconnect === false ? undefined : await this.secrets.password(profile.id);
    if (password) {
      try {
        await this.login(profile, password);
        return;
      } catch (error) {
        this.log.warn(`Logging in again failed: ${messageOf(error)}`);
      }
    }
    // The reason is the server's own text.
    const choice = await vscode.window.showWarningMessage(plainText(`ICWS: the session of ${profile.name} on ${profile.serverUrl} ended (${end.reason}).`), 'Connect', 'Open Log');
    if (choice === 'Connect') await vscode.commands.executeCommand('icws.connect', { profile: profile.id });
    else if (choice === 'Open Log') this.log.show();
  }

  /** Forgets a profile: logs its session out, deletes its secrets and its settings entry. */
  async removeProfile(profile: ConnectionProfile): Promise<void> {
    await this.disconnect({ forgetPassword: true, profile });
    await this.secrets.forgetProfile(profile.id);
    await this.profiles.remove(profile.id);
    this.connections.delete(profile.id);
    this.updateOverall();
  }

  /** A profile's settings changed (Edit Profile): the live connection keeps the new name and guard. */
  updateProfile(profile: ConnectionProfile): void {
    const connection = this.connections.get(profile.id);
    if (connection) connection.profile = profile;
    this.connectionsEmitter.fire();
  }

  /** Each exchange names the profile's current name (an edit renames later ones). */
  private forwardExchange(profile: ConnectionProfile, exchange: HttpExchange): void {
    // Set on the exchange itself: the views that meet it elsewhere (health, Traffic) know it as the same object.
    exchange.sessionName = this.connections.get(profile.id)?.profile.name ?? profile.name;
    this.log.logExchange(exchange);
    this.exchangeEmitter.fire(exchange);
  }

  private connectionOf(profile: ConnectionProfile): Connection {
    let connection = this.connections.get(profile.id);
    if (!connection) this.connections.set(profile.id, (connection = { profile, status: 'disconnected' }));
    return connection;
  }

  private setStatus(profile: ConnectionProfile, status: ConnectionStatus): void {
    const connection = this.connectionOf(profile);
    const changed = connection.status !== status;
    connection.status = status;
    // The context key goes out before the status items change: a person (or a UI test) who sees
    // "connected" in the status bar and opens the palette finds the commands that need it.
    this.updateOverall();
    if (changed) this.connectionsEmitter.fire();
  }

  private updateOverall(): void {
    let status: ConnectionStatus = 'disconnected';
    for (const connection of this.connections.values()) if (STATUS_RANK[connection.status] > STATUS_RANK[status]) status = connection.status;
    if (status === this.overallStatus) return;
    this.overallStatus = status;
    void vscode.commands.executeCommand('setContext', 'icws.state', status);
    this.statusEmitter.fire(status);
  }
}
