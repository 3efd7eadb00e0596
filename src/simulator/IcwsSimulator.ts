// An ICWS server for development and tests. It speaks the ICWS wire protocol over real HTTP, so a
// client written from the docs works against it unchanged. Choices the docs leave open are marked
// "simulator choice". This file composes the server; each resource's routes live in routes/.

import { type IcwsCatalog, loadCatalog } from '../icws/catalog';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parse as parseCookieHeader } from 'cookie';
import { ConnectionState, type ConnectionStateChangeMessage, type FeatureInfo, HEADER, type InteractionMorphedMessage, URN } from '../icws/wire';
import { CallCenter, DEFAULT_TIMING } from './CallCenter';
import { DEFAULT_DEMO, DemoTraffic } from './DemoTraffic';
import { type FaultRequest, Faults } from './Faults';
import { DEFAULT_DIRECTORY, DirectoryLookup } from './directory';
import { corsHeaders, preflight } from './http/cors';
import { isControlPath, PageGuard } from './http/pageGuard';
import { decodePathSegment, errorReply, MEDIA_TYPE, readJsonBody, type Reply, type RequestContext, type Route } from './http/routing';
import { QueueFeeds } from './QueueFeeds';
import { conferenceRoutes } from './routes/conferences';
import { connectionRoutes } from './routes/connection';
import { configurationRoutes } from './routes/configuration';
import { controlRoutes } from './routes/control';
import { interactionRoutes } from './routes/interactions';
import { messagingRoutes } from './routes/messaging';
import { dtmfRoutes } from './routes/dtmf';
import { parkAndVoicemailRoutes } from './routes/parkAndVoicemail';
import { recordingRoutes } from './routes/recording';
import { supervisorRoutes } from './routes/supervisor';
import { transferRoutes } from './routes/transfers';
import { USER_STATUS_MESSAGE, userStatusRoutes } from './routes/userStatus';
import { CaptureReplay } from './replay/CaptureReplay';
import { ScenarioRunner } from './scenario/ScenarioRunner';
import { SimError, simErrors } from './SimError';
import { SimSession } from './SimSession';
import type { SimulatorContext } from './SimulatorContext';
import type { SimulatorConfig, SimulatorOptions } from './SimulatorOptions';
import { UserStatuses } from './UserStatuses';

/** Feature versions the simulator reports. `status` 1 is a simulator choice: the docs name the feature without a version. */
export const DEFAULT_FEATURES: Readonly<Record<string, number>> = { connection: 11, interactions: 13, messaging: 2, queues: 1, status: 1 };

export class IcwsSimulator implements SimulatorContext {
  readonly directory: DirectoryLookup;
  readonly callCenter: CallCenter;
  readonly feeds: QueueFeeds;
  readonly statuses: UserStatuses;
  readonly config: SimulatorConfig = { acceptSessions: true, alternateHosts: [] };
  readonly faults = new Faults();
  private readonly features: Record<string, number>;
  readonly sessions = new Map<string, SimSession>();
  private readonly routes: Route[];
  private readonly server: Server;
  private readonly demo?: DemoTraffic;
  /** The scenario being run, when one was given. */
  readonly scenario?: ScenarioRunner;
  /** The capture being replayed, when one was given. */
  readonly replay?: CaptureReplay;
  private readonly logLine: (line: string) => void;
  private listeningUrl?: string;
  private pageGuard?: PageGuard;
  requestsServed = 0;
  /** Requests per operation, e.g. `POST /icws/{sessionId}/interactions/{interactionId}/blind-transfer`, for tests. */
  readonly requestCounts = new Map<string, number>();

  constructor(readonly options: SimulatorOptions = {}) {
    this.features = { ...DEFAULT_FEATURES } as Record<string, number>;
    for (const [feature, version] of Object.entries(options.features ?? {})) if (version !== undefined) this.features[feature] = version;
    this.logLine = options.log ?? (() => {});
    this.directory = new DirectoryLookup(options.directory ?? options.script?.directory ?? DEFAULT_DIRECTORY);
    const timing = { ...DEFAULT_TIMING, ...options.timing };
    this.statuses = new UserStatuses(this.directory, undefined, (userId) => this.hasLiveSession(userId));
    this.callCenter = new CallCenter(this.directory, timing, (userId) => this.hasLiveSession(userId));
    this.callCenter.acdAvailable = (userId) => this.statuses.isAcdAvailable(userId);
    this.statuses.onChange((status) => {
      this.tellWatchers(status.userId);
      this.callCenter.routeWaiting();
    });
    this.feeds = new QueueFeeds(this.callCenter);
    this.callCenter.onMorph((morph) => this.sendMorph(morph.from, morph.to, morph.sessionId));
    if (options.replay) {
      this.replay = new CaptureReplay(options.replay, (ms, action) => this.callCenter.later(ms, action), options.speed);
    } else if (options.script) {
      this.scenario = new ScenarioRunner(options.script, { callCenter: this.callCenter, statuses: this.statuses, config: this.config, applyFaults: (request) => this.applyFaults(request), log: (line) => this.log(line) }, { seed: options.seed, speed: options.speed });
    } else if ((options.scenario ?? 'quiet') === 'demo') this.demo = new DemoTraffic(this.callCenter, options.seed ?? 1, { ...DEFAULT_DEMO, ...options.demo }, this.statuses);
    this.routes = [
      ...connectionRoutes(this),
      ...messagingRoutes(this),
      ...userStatusRoutes(this),
      ...configurationRoutes(this),
      // Before the interaction routes: "conferences" would otherwise read as an interaction id.
      ...conferenceRoutes(this),
      ...interactionRoutes(this),
      ...transferRoutes(this),
      ...parkAndVoicemailRoutes(this),
      ...recordingRoutes(this),
      ...dtmfRoutes(this),
      ...supervisorRoutes(this),
      ...controlRoutes(this, { applyFaults: (request) => this.applyFaults(request), health: () => this.health(), describeInteractions: () => this.describeInteractions() }),
    ];
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response);
    this.server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createServer(handler);
    if (options.faults) this.applyFaults(options.faults);
    this.server.keepAliveTimeout = 5_000;
  }

  get url(): string {
    if (!this.listeningUrl) throw new Error('the simulator is not listening');
    return this.listeningUrl;
  }

  log(line: string): void {
    this.logLine(line);
  }

  async start(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 8018, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.listeningUrl = `${this.options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`;
    this.pageGuard = new PageGuard(address.address, address.port, this.options.tls !== undefined, this.options.allowedHosts);
    this.demo?.start();
    this.scenario?.start();
    return this.listeningUrl;
  }

  async stop(): Promise<void> {
    this.demo?.stop();
    this.callCenter.dispose();
    for (const session of this.sessions.values()) session.detachStream();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Stops all scripted and timed activity: interactions stay as they are (for comparisons). */
  freeze(): void {
    this.demo?.stop();
    this.callCenter.dispose();
  }

  /** Ends a session from the server side (admin logoff, licence loss), telling the client first. */
  endSession(sessionId: string, reason: string, shouldReconnect: boolean): boolean {
    const session = this.sessions.get(sessionId);
    if (!session?.up) return false;
    const message: ConnectionStateChangeMessage = {
      __type: URN.connectionStateChangeMessage,
      isDelta: false,
      previousConnectionState: ConnectionState.Up,
      newConnectionState: ConnectionState.Down,
      reason,
      shouldReconnect,
    };
    session.send(message);
    this.closeSession(session, reason, shouldReconnect);
    return true;
  }

  /** Applies faults (also the one-shot ones: drop streams, expire sessions) and says what is in force. */
  applyFaults(request: FaultRequest) {
    const now = this.faults.apply(request);
    if (now.dropStreams) for (const session of this.sessions.values()) session.detachStream();
    if (now.expireSessions) for (const session of this.sessions.values()) if (session.up) this.closeSession(session, 'The session expired.', true);
    if (request.stallStreams !== undefined || request.pollDelayMs !== undefined || now.dropStreams || now.expireSessions || request.fail || request.loseResponse) this.log(`faults: ${JSON.stringify(request)}`);
    return this.faults.describe();
  }

  /** The ids of the sessions up now, optionally of one user (for tests and the control API). */
  liveSessionIds(userId?: string): string[] {
    return [...this.sessions.entries()].filter(([, session]) => session.up && (!userId || session.user.userId === userId)).map(([id]) => id);
  }

  corsHeaders(request: IncomingMessage): Record<string, string> {
    return isControlPath(new URL(request.url ?? '/', 'http://simulator').pathname) ? {} : corsHeaders(this.options.corsOrigins ?? '*', request);
  }

  private send(request: IncomingMessage, response: ServerResponse, reply: Reply): void {
    const text = reply.body === undefined ? '' : reply.raw ? String(reply.body) : JSON.stringify(reply.body);
    const headers: Record<string, string> = { ...this.corsHeaders(request), ...reply.headers };
    // After an oversized body the connection is closed rather than read to the end.
    if (reply.status === 413) headers.connection = 'close';
    if (text && !reply.raw) headers['content-type'] = MEDIA_TYPE;
    if (response.headersSent) return;
    response.writeHead(reply.status, headers);
    response.end(text);
  }

  supports(featureId: string, version: number): boolean {
    return (this.features[featureId] ?? 0) >= version;
  }

  featureList(): FeatureInfo[] {
    return Object.entries(this.features)
      .filter(([, version]) => version > 0)
      .map(([featureId, version]) => ({ featureId, version }));
  }

  /** Sends a user's new status to every session watching that user. */
  private tellWatchers(userId: string): void {
    const status = this.statuses.get(userId);
    for (const session of this.sessions.values()) {
      if (session.up && session.watchedStatuses.has(userId.toLowerCase())) session.send({ __type: USER_STATUS_MESSAGE, isDelta: true, userStatusList: [status] } as never);
    }
  }

  sessionCount(): number {
    let count = 0;
    for (const session of this.sessions.values()) if (session.up) count++;
    return count;
  }

  private hasLiveSession(userId: string): boolean {
    for (const session of this.sessions.values()) if (session.up && session.user.userId === userId) return true;
    return false;
  }

  openSession(session: SimSession): void {
    this.sessions.set(session.id, session);
  }

  closeSession(session: SimSession, reason: string, shouldReconnect: boolean): void {
    this.feeds.dropSession(session);
    session.end(reason, shouldReconnect);
  }

  private sendMorph(from: string, to: string, creatorSessionId: string | undefined): void {
    // Sent to the session that created the consult and to sessions watching the interactions.
    const targets = new Set(this.feeds.sessionsHolding(from));
    for (const session of this.feeds.sessionsHolding(to)) targets.add(session);
    const creator = creatorSessionId ? this.sessions.get(creatorSessionId) : undefined;
    if (creator) targets.add(creator);
    const message: InteractionMorphedMessage = { __type: URN.interactionMorphedMessage, isDelta: false, interactionID: from, newInteractionID: to };
    for (const session of targets) session.send(message);
  }

  // ---- HTTP plumbing -------------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.requestsServed++;
    const started = performance.now();
    this.options.onRequest?.(request.method ?? 'GET', request.url ?? '/');
    let reply: Reply;
    const url = new URL(request.url ?? '/', 'http://simulator');
    if (this.pageGuard?.refused(request, response, url.pathname)) {
      this.log(`${request.method} ${maskSession(url.pathname)} -> ${response.statusCode} refused (Host ${request.headers.host ?? 'none'})`);
      return;
    }
    if (request.method === 'OPTIONS') {
      this.send(request, response, preflight(this.options.corsOrigins ?? '*', request));
      return;
    }
    const failure = url.pathname.startsWith('/simulator/') ? undefined : this.faults.failureFor(request.method ?? 'GET', url.pathname);
    try {
      if (failure) throw new SimError(failure, 'error.simulator.injectedFault', `Injected fault: HTTP ${failure}.`, failure === 500 ? { errorCode: -2147467259 } : {});
      reply = await this.dispatch(request, response, url);
    } catch (error) {
      reply = errorReply(error);
      if (!(error instanceof SimError)) this.log(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
    }
    if (reply.streaming) {
      this.log(`${request.method} ${maskSession(url.pathname)} -> event stream`);
      return;
    }
    const lost = url.pathname.startsWith('/simulator/') ? undefined : this.faults.lostResponseFor(request.method ?? 'GET', url.pathname);
    if (lost) {
      // The request took effect; its answer never arrives.
      this.log(`${request.method} ${maskSession(url.pathname)} -> response lost (${lost})`);
      if (lost === 'reset') request.socket.destroy();
      return;
    }
    this.send(request, response, reply);
    this.log(`${request.method} ${maskSession(url.pathname)} -> ${reply.status} (${Math.round(performance.now() - started)} ms)`);
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse, url: URL): Promise<Reply> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== request.method) continue;
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = decodePathSegment(value);
      const operation = `${route.method} ${route.template}`;
      this.requestCounts.set(operation, (this.requestCounts.get(operation) ?? 0) + 1);
      const context: RequestContext = { request, response, url, params, body: undefined };
      if (route.auth !== 'none') context.session = this.authenticate(request, params.sessionId!, route.auth === 'session');
      if (route.live && context.session) this.requireUp(context.session);
      context.body = await readJsonBody(request);
      return route.handler(context);
    }
    // A real ICWS operation the simulator lacks is named (501), so "not simulated" reads differently from "wrong path".
    const known = this.catalog()?.match(request.method ?? '', path);
    if (known) throw simErrors.notSimulated(known.operation);
    throw pathMatched ? simErrors.methodNotAllowed() : simErrors.notFound();
  }

  private catalogLoaded?: IcwsCatalog | null;

  /** The ICWS catalog, read on the first unknown path (null when its file is missing: plain 404s then). */
  private catalog(): IcwsCatalog | null {
    if (this.catalogLoaded === undefined) {
      try {
        this.catalogLoaded = loadCatalog();
      } catch (error) {
        this.log(`no ICWS catalog, unknown paths answer 404: ${error instanceof Error ? error.message : String(error)}`);
        this.catalogLoaded = null;
      }
    }
    return this.catalogLoaded;
  }

  /** The three session credentials: id in the path, CSRF header, cookie. 401 otherwise. */
  private authenticate(request: IncomingMessage, sessionId: string, requireCsrf: boolean): SimSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new SimError(401, 'error.request.connection.sessionNotFound', 'The session is not valid.', { errorCode: 1 });
    if (requireCsrf && request.headers[HEADER.csrfToken.toLowerCase()] !== session.csrfToken) {
      throw new SimError(401, 'error.request.connection.csrfTokenMissing', 'Authentication token expected but not found.', { errorCode: 2 });
    }
    // Some clients send the raw Set-Cookie string back; attributes parse as extra pairs and are ignored.
    const cookies = parseCookieHeader(request.headers.cookie ?? '');
    if (cookies[session.cookieName] !== session.cookieValue) {
      throw new SimError(401, 'error.request.connection.cookieMissing', 'The session cookie is missing or does not match.', { errorCode: 2 });
    }
    return session;
  }

  private requireUp(session: SimSession): void {
    if (!session.up) {
      throw new SimError(401, 'error.request.connection.authenticationFailure', session.endReason?.reason ?? 'The session is no longer valid.', { errorCode: -2147221499 });
    }
  }

  health() {
    return { ok: true, sessions: this.sessionCount(), interactions: this.callCenter.all().length, subscriptions: this.feeds.count(), features: this.featureList(), demo: this.demo !== undefined };
  }

  describeInteractions() {
    return this.callCenter.all().map((interaction) => ({
      interactionId: interaction.id,
      queues: [...interaction.queues],
      owner: interaction.owner ?? null,
      attributes: Object.fromEntries([...interaction.attributes.values()].map((a) => [a.name, a.value])),
    }));
  }
}


function maskSession(path: string): string {
  return path.replace(/^\/icws\/(?!connection)[^/]+/i, '/icws/{sessionId}');
}
