import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type ConnectionProfile, DisposableOwner, type Event as IcwsEvent, type HttpExchange, IcwsError, IcwsSession, type LoginProblem, loginProblem, normalizeServerUrl, type SessionEnd, type SessionOptions, toDisposable } from '../../icws';
import { plainText } from '../display/untrustedText';
import type { IcwsLogChannel } from '../log/IcwsLogChannel';
import { withCertificateSetting } from './certificateSetting';
import { type FromSession, LiveSessions, type SessionEvents } from './LiveSessions';
import type { PlainHttpConsent } from './PlainHttpConsent';
import type { IcwsSettings } from './settings';
import type { SessionSecrets } from './SessionSecrets';

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What `icws.connect` may be given, so it can run without prompts (keybindings, scripts, tests). */
export interface ConnectRequest {
  server?: string;
  userId?: string;
  password?: string;
  rememberPassword?: boolean;
  /** Keep server and user ID in settings for the next Connect (default true; not for the simulator). */
  rememberServer?: boolean;
}

/** Asks the user for what a login lacks. Each returns undefined when the user cancels. */
export interface ConnectPrompts {
  server(current: string): PromiseLike<string | undefined>;
  userId(current: string): PromiseLike<string | undefined>;
  password(userId: string, server: string): PromiseLike<string | undefined>;
  rememberPassword(): PromiseLike<boolean | undefined>;
  /** Asked once per server before a password goes to it over plain HTTP (not loopback). */
  confirmPlainHttp(server: string): PromiseLike<boolean>;
}

/**
 * Owns the ICWS session: logs in, resumes after a reload, logs out. Credentials go to
 * SecretStorage; server and user ID to settings. Quiet when nothing is asked of it: a failed
 * silent resume leaves a calm "offline" state, not a pop-up. Consumers follow the sessions through
 * its `SessionEvents` (added, removed, forwarded events), never by re-subscribing by hand.
 */
export class SessionService extends DisposableOwner implements SessionEvents<IcwsSession>, vscode.Disposable {
  private current?: IcwsSession;
  private currentStatus: ConnectionStatus = 'disconnected';
  private lastProblem?: string;
  /** The last failed login in words (what to do), until a session comes; for the welcome view. */
  failedLogin?: LoginProblem;
  private readonly statusEmitter = this.register(new vscode.EventEmitter<ConnectionStatus>());
  private readonly live = this.register(new LiveSessions<IcwsSession>());
  private readonly exchangeEmitter = this.register(new vscode.EventEmitter<HttpExchange>());
  /** Every HTTP call of every session and login attempt (redacted), for the traffic view. */
  readonly onDidExchange = this.exchangeEmitter.event;
  readonly onDidChangeStatus = this.statusEmitter.event;
  /** Fires with the new session after a login or resume, before its messages start. */
  readonly onDidAddSession = this.live.onDidAddSession;
  /** Fires when a session ended or was logged out, after its forwarded events were detached. */
  readonly onDidRemoveSession = this.live.onDidRemoveSession;
  private connecting?: Promise<IcwsSession | undefined>;

  constructor(
    private readonly settings: IcwsSettings,
    private readonly secrets: SessionSecrets,
    private readonly log: IcwsLogChannel,
    private readonly plainHttpConsent: PlainHttpConsent,
  ) {
    super();
    // Released first: the channel stops before the sessions' listeners go.
    this.register(toDisposable(() => this.current?.messages.stop()));
  }

  get session(): IcwsSession | undefined {
    return this.current?.isUp ? this.current : undefined;
  }

  /** The live sessions (today at most one). */
  get sessions(): readonly IcwsSession[] {
    return this.live.sessions;
  }

  forward<T>(select: (session: IcwsSession) => IcwsEvent<T>): IcwsEvent<FromSession<IcwsSession, T>> {
    return this.live.forward(select);
  }

  /**
   * The profile a live session was made from: its name, colour and whether it is production.
   * (Until profiles are stored, one profile made from the settings.)
   */
  profileOf(session: IcwsSession): ConnectionProfile | undefined {
    if (!this.live.has(session)) return undefined;
    const host = hostOf(session.server);
    return { id: 'default', name: `${session.identity.userId} @ ${host}`, serverUrl: session.server, userId: session.identity.userId, production: false, confirmActions: true, allowAssistants: false, messaging: this.settings.messagingMode, simulator: false };
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** Why the last attempt failed or the session ended, for the status bar and welcome view. */
  get problem(): string | undefined {
    return this.lastProblem;
  }

  /** The session, or an error a command can show: "not connected". */
  requireSession(): IcwsSession {
    const session = this.session;
    if (!session) throw new IcwsError({ kind: 'invalid-argument', operation: 'this command', reason: 'not connected to an ICWS server. Run "ICWS: Connect" first' });
    return session;
  }

  /**
   * On start-up: resume the stored session without a prompt when the server still has it;
   * otherwise log in with the stored password; otherwise stay disconnected until asked.
   */
  async resumeOnStartup(): Promise<void> {
    const saved = await this.secrets.savedSession();
    if (saved) {
      this.setStatus('connecting');
      try {
        const session = await IcwsSession.resume(await this.sessionOptions(saved.server), saved);
        this.log.info(`Resumed the stored ICWS session on ${saved.server}`);
        this.adopt(session, saved.userId ?? '');
        return;
      } catch (error) {
        this.log.info(`The stored ICWS session could not be resumed: ${messageOf(error)}`);
        await this.secrets.forgetSession();
      }
    }
    const server = this.settings.serverUrl;
    const userId = this.settings.userId;
    const password = server && userId ? await this.secrets.password(server, userId) : undefined;
    if (server && userId && password) {
      try {
        await this.login(server, userId, password);
        return;
      } catch (error) {
        this.lastProblem = messageOf(error);
        this.log.warn(`Could not log in to ${server} at start-up: ${this.lastProblem}`);
        this.setStatus('offline');
        return;
      }
    }
    this.setStatus('disconnected');
  }

  /** Logs in, asking only for what is missing. Concurrent calls share one attempt. */
  connect(request: ConnectRequest, prompts: ConnectPrompts): Promise<IcwsSession | undefined> {
    this.connecting ??= this.connectOnce(request, prompts).finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectOnce(request: ConnectRequest, prompts: ConnectPrompts): Promise<IcwsSession | undefined> {
    const server = request.server ? normalizeServerUrl(request.server) : normalizeServerUrl((await prompts.server(this.settings.serverUrl)) ?? '');
    if (!server) return undefined;
    const userId = request.userId?.trim() || (await prompts.userId(this.settings.userId))?.trim();
    if (!userId) return undefined;
    const storedPassword = request.password === undefined ? await this.secrets.password(server, userId) : undefined;
    const password = request.password ?? storedPassword ?? (await prompts.password(userId, server));
    if (password === undefined) return undefined;
    if (this.plainHttpConsent.isNeeded(server)) {
      if (!(await prompts.confirmPlainHttp(server))) {
        this.log.info(`Not connecting to ${server}: sending the password over plain HTTP was declined`);
        return undefined;
      }
      await this.plainHttpConsent.grant(server);
    }
    if (this.current?.isUp) await this.disconnect({ forgetPassword: false });
    const session = await this.login(server, userId, password, prompts);
    if (request.rememberServer !== false) await this.settings.rememberLogin(server, userId);
    if (storedPassword === undefined) {
      const remember = request.rememberPassword ?? (request.password === undefined ? await prompts.rememberPassword() : false);
      if (remember) await this.secrets.savePassword(server, userId, password);
    }
    return session;
  }

  /**
   * Logs in; `prompts` only when the user asked for it. Silent logins (start-up, after the server
   * dropped the session) never ask: without consent given earlier, no password goes out over plain
   * HTTP, to the server or to an alternate host a switchover names.
   */
  private async login(server: string, userId: string, password: string, prompts?: Pick<ConnectPrompts, 'confirmPlainHttp'>): Promise<IcwsSession> {
    if (this.plainHttpConsent.isNeeded(server)) throw new IcwsError({ kind: 'invalid-argument', operation: `logging in to ${server}`, reason: 'sending the password over plain HTTP to another machine was not allowed; run "ICWS: Connect" to decide' });
    this.setStatus('connecting');
    try {
      const maySendPasswordTo = async (target: string): Promise<boolean> => {
        if (!this.plainHttpConsent.isNeeded(target)) return true;
        if (!prompts || !(await prompts.confirmPlainHttp(target))) {
          this.log.warn(`Not sending the password to ${target} (a switchover alternate): plain HTTP to another machine was ${prompts ? 'declined' : 'not allowed without asking; run "ICWS: Connect" to decide'}`);
          return false;
        }
        await this.plainHttpConsent.grant(target);
        return true;
      };
      const session = await IcwsSession.login({ ...(await this.sessionOptions(server)), maySendPasswordTo }, { userId, password });
      this.log.info(`Logged in to ${session.server} as ${session.identity.userId} (${session.identity.icServer ?? 'CIC'}; messaging by ${session.messages.mode})`);
      if (session.server !== server) {
        const moved = `ICWS: ${server} was not accepting sessions (switchover); connected to its alternate ${session.server}.`;
        this.log.warn(moved);
        void vscode.window.showInformationMessage(plainText(moved));
      }
      await this.secrets.saveSession(await session.save());
      this.adopt(session, userId);
      return session;
    } catch (error) {
      const problem = withCertificateSetting(error);
      this.lastProblem = messageOf(problem);
      this.failedLogin = loginProblem(problem, { server, userId });
      this.setStatus(this.current?.isUp ? 'connected' : 'offline');
      throw problem;
    }
  }

  async disconnect(options: { forgetPassword: boolean }): Promise<void> {
    const session = this.current;
    this.current = undefined;
    await this.secrets.forgetSession();
    if (session) {
      if (options.forgetPassword) await this.secrets.forgetPassword(session.server, session.identity.userId);
      try {
        await session.logout();
      } catch (error) {
        this.log.warn(`Logout: ${messageOf(error)}`);
      }
      this.live.remove(session);
    }
    this.lastProblem = undefined;
    this.setStatus('disconnected');
  }

  private adopt(session: IcwsSession, userId: string): void {
    this.current = session;
    // What this user may do is learnt again per session (see the monitoring commands).
    void vscode.commands.executeCommand('setContext', 'icws.monitorDenied', false);
    this.lastProblem = this.failedLogin = undefined;
    // Owned by the live set: released when the session leaves (ended, logged out) or the service is disposed.
    const followState = session.messages.onDidChangeState((state) => {
      if (this.current !== session) return;
      if (state === 'reconnecting') this.setStatus('reconnecting');
      else if (state === 'open') this.setStatus('connected');
    });
    const followEnd = session.onDidEnd((end) => {
      // Logged out: disconnect() removes the session itself once the logout is done.
      if (this.current !== session) return;
      this.current = undefined;
      this.lastProblem = end.reason;
      this.log.warn(`The ICWS session ended: ${end.reason}`);
      void this.secrets.forgetSession();
      this.live.remove(session);
      this.setStatus('offline');
      void this.recoverFrom(end, session.server, userId || session.identity.userId);
    });
    this.setStatus('connected');
    this.live.add(session, [followState, followEnd]);
    session.messages.start();
  }

  /**
   * After the server dropped the session: one silent login with the stored password; when that
   * is not possible, the user is told once (not on every request) and can reconnect from there.
   */
  private async recoverFrom(end: SessionEnd, server: string, userId: string): Promise<void> {
    const password = end.shouldReconnect === false ? undefined : await this.secrets.password(server, userId);
    if (password) {
      try {
        await this.login(server, userId, password);
        return;
      } catch (error) {
        this.log.warn(`Logging in again failed: ${messageOf(error)}`);
      }
    }
    // The reason is the server's own text.
    const choice = await vscode.window.showWarningMessage(plainText(`ICWS: the session on ${server} ended (${end.reason}).`), 'Connect', 'Open Log');
    if (choice === 'Connect') await vscode.commands.executeCommand('icws.connect');
    else if (choice === 'Open Log') this.log.show();
  }

  private async sessionOptions(server: string): Promise<SessionOptions> {
    const caFile = this.settings.certificateAuthorityFile;
    let certificateAuthority: string | undefined;
    if (caFile) {
      try {
        certificateAuthority = await readFile(caFile, 'utf8');
      } catch (error) {
        throw new IcwsError({ kind: 'invalid-argument', operation: 'reading the CA certificate', reason: `"icws.certificateAuthorityFile" (${caFile}) could not be read: ${messageOf(error)}` });
      }
    }
    return {
      server,
      applicationName: this.settings.applicationName,
      language: this.settings.language,
      messaging: this.settings.messagingMode,
      certificateAuthority,
      log: this.log,
      onExchange: (exchange) => {
        this.log.logExchange(exchange);
        this.exchangeEmitter.fire(exchange);
      },
    };
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    void vscode.commands.executeCommand('setContext', 'icws.state', status);
    this.statusEmitter.fire(status);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}
