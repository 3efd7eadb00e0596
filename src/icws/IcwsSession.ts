import { Emitter } from './events';
import { FeatureSet, REQUIRES } from './features';
import { IcwsHttp } from './http';
import type { HttpExchange, PhaseTimeouts } from './httpTypes';
import { normalizeBaseUrl } from './urls';
import { IcwsError } from './IcwsError';
import { sendsPasswordInTheClear } from './inputs';
import { InteractionOperations } from './InteractionOperations';
import { type IcwsLog, silentLog } from './log';
import { MessageChannel, type MessagingMode } from './MessageChannel';
import { QueueSubscriptions } from './QueueSubscriptions';
import { Redactor } from './redact';
import { alternateHosts, alternateServer } from './switchover';
import { UserStatusOperations } from './UserStatusOperations';
import {
  type ConnectionResponse,
  type ConnectionSettings,
  ConnectionState,
  type FeatureInfo,
  HEADER,
  type IcAuthConnectionRequest,
  URN,
  type VersionInfo,
} from './wire';

export interface SessionOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8018` or `https://cic01:8019`. */
  server: string;
  applicationName?: string;
  /** Accept-Language for the session (fixed for its lifetime). */
  language?: string;
  /** `auto` uses server-sent events when the server offers them (messaging >= 2). */
  messaging?: MessagingMode | 'auto';
  pollIntervalMs?: number;
  staleAfterMs?: number;
  /** Per-phase limits of each request (lookup, connect, TLS, send, response headers, total, stream headers). */
  timeouts?: Partial<PhaseTimeouts>;
  certificateAuthority?: string;
  log?: IcwsLog;
  /** Called with every HTTP exchange (redacted), including login attempts. */
  onExchange?: (exchange: HttpExchange) => void;
  /** How many alternate hosts a 503 login may try. */
  maxAlternateHosts?: number;
  /**
   * Asked before the password goes over plain HTTP to another machine (see `sendsPasswordInTheClear`):
   * the first server and each alternate host of a 503. False skips that server. Without it, only the
   * first server (the caller's own choice) may be such a server; alternates that are, are skipped.
   */
  maySendPasswordTo?(server: string): Promise<boolean> | boolean;
}

export interface Credentials {
  userId: string;
  password: string;
}

/** What a client keeps to resume a session later. Every field but `server` is a secret. */
export interface SavedSession {
  server: string;
  sessionId: string;
  csrfToken: string;
  cookie: string;
  userId?: string;
  language?: string;
}

export interface SessionEnd {
  reason: string;
  shouldReconnect?: boolean;
}

const CONNECTION = '/icws/connection';
const SESSION_CONNECTION = '/icws/{sessionId}/connection';
const DEFAULT_APPLICATION = 'ICWS Interactions for VS Code';

/**
 * One ICWS session: its credentials, the server's feature versions, its single message channel,
 * its queue subscriptions and the interaction operations. A 401 anywhere ends it.
 */
export class IcwsSession {
  readonly messages: MessageChannel;
  readonly queues: QueueSubscriptions;
  readonly interactions: InteractionOperations;
  /** Agent status: status messages, my status and others', and watching them. */
  readonly status: UserStatusOperations;
  private readonly endEmitter = new Emitter<SessionEnd>();
  /** Fired once, when the server says the session is over or the user logs out. */
  readonly onDidEnd = this.endEmitter.event;
  private ended?: SessionEnd;

  private constructor(
    readonly http: IcwsHttp,
    readonly features: FeatureSet,
    readonly version: VersionInfo | undefined,
    readonly identity: { userId: string; userDisplayName?: string; icServer?: string; alternateHostList: string[] },
    private readonly options: SessionOptions,
  ) {
    const log = options.log ?? silentLog;
    const mode = chooseMessagingMode(options.messaging ?? 'auto', features);
    this.messages = new MessageChannel(http, { mode, pollIntervalMs: options.pollIntervalMs, staleAfterMs: options.staleAfterMs, log });
    this.queues = new QueueSubscriptions(http, features, this.messages, log);
    this.interactions = new InteractionOperations(http, features);
    this.status = new UserStatusOperations(http, features, this.messages, log);
    http.onSessionRejected(() => this.end({ reason: 'the server no longer knows this session (401)', shouldReconnect: true }));
    this.messages.onSessionEnded(() => this.end({ reason: 'the server no longer knows this session (401)', shouldReconnect: true }));
    this.messages.onMessage((decoded) => {
      if (decoded.kind === 'connectionStateChange' && decoded.message.newConnectionState === ConnectionState.Down) {
        this.end({ reason: http.redactor.text(decoded.message.reason) || 'the server ended the session', shouldReconnect: decoded.message.shouldReconnect });
      }
    });
  }

  /** Logs in with a CIC user ID and password. A 503 with alternate hosts tries those hosts. */
  static async login(options: SessionOptions, credentials: Credentials): Promise<IcwsSession> {
    const operation = `logging in as ${credentials.userId}`;
    if (!credentials.userId?.trim()) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'a user ID is required' });
    const body: IcAuthConnectionRequest = {
      __type: URN.icAuthConnectionRequest,
      applicationName: options.applicationName ?? DEFAULT_APPLICATION,
      userID: credentials.userId.trim(),
      password: credentials.password,
    };
    const first = normalizeBaseUrl(options.server);
    const maySendPasswordTo = options.maySendPasswordTo ?? ((server: string) => server === first);
    const tried = new Set<string>();
    const queue = [first];
    const log = options.log ?? silentLog;
    /** Servers and alternate entries not tried, and why: logged, and named by the final error. */
    const skipped: string[] = [];
    const skip = (what: string) => {
      skipped.push(what);
      log.warn(`Logging in: skipped ${what}`);
    };
    const limit = 1 + Math.max(0, options.maxAlternateHosts ?? 5);
    let lastError: unknown;
    while (queue.length > 0 && tried.size < limit) {
      const server = queue.shift()!;
      if (tried.has(server)) continue;
      tried.add(server);
      if (sendsPasswordInTheClear(server) && !(await maySendPasswordTo(server))) {
        skip(`${server} (plain HTTP to another machine was not allowed)`);
        continue;
      }
      const http = createHttp(options, server);
      // Masked in the login body by name, and as a value wherever the server repeats it.
      http.redactor.addPassword(credentials.password);
      try {
        const result = await http.request<ConnectionResponse>({
          method: 'POST',
          template: CONNECTION,
          searchParams: { include: 'version,features' },
          headers: { 'accept-language': options.language ?? 'en-us' },
          body,
          operation,
        });
        const response = result.body;
        const sessionId = response?.sessionId ?? headerValue(result.headers[HEADER.sessionId.toLowerCase()]);
        const csrfToken = response?.csrfToken ?? headerValue(result.headers[HEADER.csrfToken.toLowerCase()]);
        if (!sessionId || !csrfToken) throw new IcwsError({ kind: 'http', operation, status: result.status, serverMessage: 'the login answer had no sessionId or csrfToken' });
        http.setSession(sessionId, csrfToken);
        http.rememberCookieSecrets();
        const features = response.features ? new FeatureSet(response.features) : await fetchFeatures(http);
        const version = response.version ?? (await fetchVersion(http));
        return new IcwsSession(http, features, version, {
          userId: response.userID ?? credentials.userId.trim(),
          userDisplayName: response.userDisplayName,
          icServer: response.icServer,
          alternateHostList: response.alternateHostList ?? [],
        }, { ...options, server });
      } catch (error) {
        lastError = error;
        http.close();
        if (error instanceof IcwsError && error.status === 503) {
          const alternates: string[] = [];
          for (const entry of alternateHosts(error.body)) {
            const alternate = alternateServer(server, entry);
            if (alternate) alternates.push(alternate);
            else skip(`${JSON.stringify(entry.length > 100 ? `${entry.slice(0, 100)}…` : entry)} (not a host name with an optional port)`);
          }
          queue.push(...alternates);
          log.warn(`ICWS server ${server} is not accepting sessions${alternates.length ? `; trying ${alternates.join(', ')}` : ''}`);
          continue;
        }
        throw error;
      }
    }
    if (lastError === undefined) throw new IcwsError({ kind: 'invalid-argument', operation, reason: `the password was sent to no server: skipped ${skipped.join('; skipped ')}` });
    // The last answer is the error; what was not tried, and why, is added to its message.
    if (skipped.length > 0 && lastError instanceof Error) lastError.message += `; skipped ${skipped.join('; skipped ')}`;
    throw lastError;
  }

  /** Resumes a saved session, after checking the server still has it. */
  static async resume(options: SessionOptions, saved: SavedSession): Promise<IcwsSession> {
    const http = createHttp(options, saved.server);
    http.setSession(saved.sessionId, saved.csrfToken);
    http.restoreCookies(saved.cookie);
    let features: FeatureSet;
    let version: VersionInfo | undefined;
    try {
      const state = await http.request<ConnectionSettings>({ method: 'GET', template: SESSION_CONNECTION, operation: 'checking the saved session' });
      if (state.body?.connectionState !== ConnectionState.Up) {
        throw new IcwsError({ kind: 'session-ended', operation: 'resuming the saved session', status: state.status, serverMessage: (typeof state.body?.reason === 'string' && http.redactor.text(state.body.reason)) || 'the session is no longer up' });
      }
      features = await fetchFeatures(http);
      version = await fetchVersion(http);
    } catch (error) {
      http.close();
      throw error;
    }
    return new IcwsSession(http, features, version, { userId: saved.userId ?? '', alternateHostList: [] }, { ...options, server: http.baseUrl });
  }

  get server(): string {
    return this.http.baseUrl;
  }

  get sessionId(): string {
    return this.http.sessionId ?? '';
  }

  get isUp(): boolean {
    return this.ended === undefined;
  }

  get endReason(): SessionEnd | undefined {
    return this.ended;
  }

  /** What to store (in a secret store) to resume this session after a restart. */
  async save(): Promise<SavedSession> {
    const csrfToken = this.http.sessionHeaders()[HEADER.csrfToken] ?? '';
    return {
      server: this.server,
      sessionId: this.sessionId,
      csrfToken,
      cookie: this.http.cookieHeader(),
      userId: this.identity.userId,
      language: this.options.language,
    };
  }

  async connectionState(): Promise<ConnectionSettings> {
    const result = await this.http.request<ConnectionSettings>({ method: 'GET', template: SESSION_CONNECTION, operation: 'reading the session state' });
    return result.body;
  }

  /** Logs out and stops the message channel. A session the server already dropped just ends. */
  async logout(): Promise<void> {
    this.messages.stop();
    if (this.ended) return;
    try {
      await this.http.request({ method: 'DELETE', template: SESSION_CONNECTION, operation: 'logging out' });
    } catch (error) {
      if (!(error instanceof IcwsError && error.kind === 'session-ended')) throw error;
    } finally {
      this.end({ reason: 'logged out', shouldReconnect: false });
    }
  }

  private end(end: SessionEnd): void {
    if (this.ended) return;
    this.ended = end;
    this.messages.stop();
    this.http.clearSession();
    this.http.close();
    this.endEmitter.fire(end);
  }
}

function createHttp(options: SessionOptions, server: string): IcwsHttp {
  const http = new IcwsHttp({
    baseUrl: server,
    language: options.language ?? 'en-us',
    timeouts: options.timeouts,
    certificateAuthority: options.certificateAuthority,
    redactor: new Redactor(),
  });
  if (options.onExchange) http.onExchange(options.onExchange);
  return http;
}

function chooseMessagingMode(requested: MessagingMode | 'auto', features: FeatureSet): MessagingMode {
  if (requested === 'polling') return 'polling';
  if (requested === 'sse') {
    features.require(REQUIRES.serverSentEvents, 'opening the event stream');
    return 'sse';
  }
  return features.supports(REQUIRES.serverSentEvents) ? 'sse' : 'polling';
}

async function fetchFeatures(http: IcwsHttp): Promise<FeatureSet> {
  const result = await http.request<{ featureInfoList?: FeatureInfo[] }>({ method: 'GET', template: '/icws/connection/features', operation: 'reading the server features' });
  return new FeatureSet(result.body?.featureInfoList ?? []);
}

async function fetchVersion(http: IcwsHttp): Promise<VersionInfo | undefined> {
  try {
    const result = await http.request<VersionInfo>({ method: 'GET', template: '/icws/connection/version', operation: 'reading the server version' });
    return result.body;
  } catch {
    return undefined; // The version is informative only; a session works without it.
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
