// An ICWS server for development and tests. It speaks the wire protocol of ../shared/icws/PROTOCOL.md
// (section 13 lists what it reproduces) over real HTTP, so a client written from the docs works
// against it unchanged. Choices the docs leave open are marked "simulator choice".

import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parse as parseCookieHeader } from 'cookie';
import { ConnectionState, type ConnectionStateChangeMessage, type FeatureInfo, HEADER, type InteractionMorphedMessage, QueueType, URN } from '../icws/wire';
import { CallCenter, type CallCenterTiming, DEFAULT_TIMING, queueKey } from './CallCenter';
import { DEFAULT_DEMO, DemoTraffic, type DemoTrafficOptions, type Scenario } from './DemoTraffic';
import { type FaultRequest, Faults } from './Faults';
import { DEFAULT_DIRECTORY, type Directory, DirectoryLookup, type Party } from './directory';
import { QueueFeeds } from './QueueFeeds';
import { SimError, simErrors } from './SimError';
import { SimSession } from './SimSession';

export const DEFAULT_FEATURES: Readonly<Record<string, number>> = { connection: 11, interactions: 13, messaging: 2, queues: 1 };

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Feature versions to report (and honour), e.g. `{ interactions: 5 }` to imitate an old server. */
  features?: Partial<Record<string, number>>;
  scenario?: Scenario;
  seed?: number;
  /** Pace of the demo traffic (scenario `demo`). */
  demo?: Partial<DemoTrafficOptions>;
  timing?: Partial<CallCenterTiming>;
  directory?: Directory;
  /** Interval of SSE keep-alive comments. */
  keepAliveMs?: number;
  /** One line per request and notable event. Session ids are masked. */
  log?: (line: string) => void;
  /** Faults in force from the start (see Faults). */
  faults?: FaultRequest;
  /** Called as each request arrives, before it is handled (benchmarks time requests with it). */
  onRequest?: (method: string, path: string) => void;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

/** Runtime switches, also reachable through `POST /simulator/config`. */
export interface SimulatorConfig {
  /** When false, logins answer 503 with `alternateHosts` (a switchover partner that is not active). */
  acceptSessions: boolean;
  alternateHosts: string[];
}

type Handler = (context: RequestContext) => Promise<Reply> | Reply;

interface Route {
  method: string;
  /** The path with `{name}` placeholders, as PROTOCOL.md writes it. */
  template: string;
  pattern: RegExp;
  handler: Handler;
  /** `session`: CSRF header and cookie; `cookie`: cookie only (the messages resource); `none`. */
  auth: 'session' | 'cookie' | 'none';
}

interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
  body: unknown;
  session?: SimSession;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The handler wrote the response itself (event stream). */
  streaming?: boolean;
}

const MEDIA_TYPE = 'application/vnd.inin.icws+JSON; charset=utf-8';
const MAX_BODY_BYTES = 1_000_000;
const WWW_AUTHENTICATE = 'ICWS realm="ICWS" location="/ICWS/connection"';

export class IcwsSimulator {
  readonly directory: DirectoryLookup;
  readonly callCenter: CallCenter;
  readonly feeds: QueueFeeds;
  readonly config: SimulatorConfig = { acceptSessions: true, alternateHosts: [] };
  readonly faults = new Faults();
  private readonly features: Record<string, number>;
  private readonly sessions = new Map<string, SimSession>();
  private readonly routes: Route[];
  private readonly server: Server;
  private readonly demo?: DemoTraffic;
  private readonly log: (line: string) => void;
  private listeningUrl?: string;
  requestsServed = 0;
  /** Requests per operation, e.g. `POST /icws/{sessionId}/interactions/{interactionId}/blind-transfer`, for tests. */
  readonly requestCounts = new Map<string, number>();

  constructor(readonly options: SimulatorOptions = {}) {
    this.features = { ...DEFAULT_FEATURES } as Record<string, number>;
    for (const [feature, version] of Object.entries(options.features ?? {})) if (version !== undefined) this.features[feature] = version;
    this.log = options.log ?? (() => {});
    this.directory = new DirectoryLookup(options.directory ?? DEFAULT_DIRECTORY);
    const timing = { ...DEFAULT_TIMING, ...options.timing };
    this.callCenter = new CallCenter(this.directory, timing, (userId) => this.hasLiveSession(userId));
    this.feeds = new QueueFeeds(this.callCenter);
    this.callCenter.onMorph((morph) => this.sendMorph(morph.from, morph.to, morph.sessionId));
    if ((options.scenario ?? 'quiet') === 'demo') this.demo = new DemoTraffic(this.callCenter, options.seed ?? 1, { ...DEFAULT_DEMO, ...options.demo });
    this.routes = this.buildRoutes();
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response);
    this.server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createServer(handler);
    if (options.faults) this.applyFaults(options.faults);
    this.server.keepAliveTimeout = 5_000;
  }

  get url(): string {
    if (!this.listeningUrl) throw new Error('the simulator is not listening');
    return this.listeningUrl;
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
    this.demo?.start();
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

  sessionCount(): number {
    let count = 0;
    for (const session of this.sessions.values()) if (session.up) count++;
    return count;
  }

  private hasLiveSession(userId: string): boolean {
    for (const session of this.sessions.values()) if (session.up && session.user.userId === userId) return true;
    return false;
  }

  private closeSession(session: SimSession, reason: string, shouldReconnect: boolean): void {
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
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    const headers: Record<string, string> = { ...reply.headers };
    // After an oversized body the connection is closed rather than read to the end.
    if (reply.status === 413) headers.connection = 'close';
    if (text) headers['content-type'] = MEDIA_TYPE;
    if (!response.headersSent) {
      response.writeHead(reply.status, headers);
      response.end(text);
    }
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
      const operation = `${route.method} ${route.template.replace('{action}', params.action ?? '{action}')}`;
      this.requestCounts.set(operation, (this.requestCounts.get(operation) ?? 0) + 1);
      const context: RequestContext = { request, response, url, params, body: undefined };
      if (route.auth !== 'none') context.session = this.authenticate(request, params.sessionId!, route.auth === 'session');
      context.body = await readJsonBody(request);
      return route.handler(context);
    }
    throw pathMatched ? simErrors.methodNotAllowed() : simErrors.notFound();
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

  private buildRoutes(): Route[] {
    const S = '/icws/(?<sessionId>[^/]+)';
    const I = `${S}/interactions/(?<interactionId>[^/]+)`;
    const route = (method: string, pattern: string, auth: Route['auth'], handler: Handler): Route => ({
      method,
      template: pattern.replace(/\(\?<(\w+)>[^)]*\)/g, '{$1}'),
      pattern: new RegExp(`^${pattern}$`),
      auth,
      handler,
    });
    const live = (handler: Handler): Handler => (context) => {
      this.requireUp(context.session!);
      return handler(context);
    };
    return [
      route('POST', '/icws/connection', 'none', (c) => this.login(c)),
      route('GET', '/icws/connection/version', 'none', () => ({ status: 200, body: this.versionInfo() })),
      route('GET', '/icws/connection/features', 'none', () => ({ status: 200, body: { featureInfoList: this.featureList() } })),
      route('GET', '/icws/connection/features/(?<featureId>[^/]+)', 'none', (c) => this.feature(c.params.featureId!)),
      route('GET', '/icws/connection/server-time', 'none', () => ({ status: 200, body: { serverUtcTime: new Date().toISOString() } })),
      route('GET', `${S}/connection`, 'session', (c) => this.connectionState(c.session!)),
      route('DELETE', `${S}/connection`, 'session', (c) => this.logout(c.session!)),
      route('GET', `${S}/messaging/messages`, 'cookie', live((c) => this.messages(c))),
      route('POST', `${S}/messaging/heartbeat`, 'session', live(() => ({ status: 200 }))),
      route('PUT', `${S}/messaging/subscriptions/queues/(?<subscriptionId>[^/]+)`, 'session', live((c) => this.subscribe(c))),
      route('DELETE', `${S}/messaging/subscriptions/queues/(?<subscriptionId>[^/]+)`, 'session', live((c) => {
        this.feeds.unsubscribe(c.session!, c.params.subscriptionId!);
        return { status: 204 };
      })),
      route('POST', `${S}/interactions`, 'session', live((c) => this.makeCall(c))),
      route('GET', I, 'session', live((c) => this.readAttributes(c))),
      route('POST', I, 'session', live((c) => this.writeAttributes(c))),
      route('POST', `${I}/(?<action>pickup|disconnect|hold|mute|blind-transfer)`, 'session', live((c) => this.interactionAction(c))),
      route('POST', `${I}/consult`, 'session', live((c) => this.startConsult(c))),
      route('POST', `${I}/consult/(?<consultId>[^/]+)/change-audience`, 'session', live((c) => this.changeAudience(c))),
      route('POST', `${I}/consult/(?<consultId>[^/]+)/conclude`, 'session', live((c) => this.concludeConsult(c))),
      route('DELETE', `${I}/consult/(?<consultId>[^/]+)`, 'session', live((c) => this.cancelConsult(c))),
      // The control API for tests and demos (not ICWS).
      route('GET', '/simulator/health', 'none', () => ({ status: 200, body: this.health() })),
      route('GET', '/simulator/interactions', 'none', () => ({ status: 200, body: this.describeInteractions() })),
      route('POST', '/simulator/calls', 'none', (c) => this.controlCreateCall(c)),
      route('POST', '/simulator/calls/(?<interactionId>[^/]+)/hangup', 'none', (c) => {
        this.callCenter.remoteHangup(c.params.interactionId!);
        return { status: 200 };
      }),
      route('POST', '/simulator/config', 'none', (c) => this.controlConfig(c)),
      route('POST', '/simulator/faults', 'none', (c) => ({ status: 200, body: this.applyFaults(asObject(c.body) as FaultRequest) })),
      route('DELETE', '/simulator/faults', 'none', () => {
        this.faults.reset();
        return { status: 200, body: this.faults.describe() };
      }),
      route('POST', '/simulator/sessions/(?<sessionId>[^/]+)/messages', 'none', (c) => {
        const session = this.sessions.get(c.params.sessionId!);
        if (!session?.up) throw simErrors.notFound();
        // Raw messages, as given: duplicates, disorder, unknown types and garbage included.
        for (const message of Array.isArray(c.body) ? c.body : [c.body]) session.send(message as never);
        return { status: 200 };
      }),
      route('POST', '/simulator/sessions/(?<sessionId>[^/]+)/end', 'none', (c) => {
        const body = asObject(c.body);
        const ended = this.endSession(c.params.sessionId!, stringProperty(body, 'reason') ?? 'Logged off by the administrator.', body.shouldReconnect === true);
        if (!ended) throw simErrors.notFound();
        return { status: 200 };
      }),
    ];
  }

  // ---- connection ------------------------------------------------------------------------------

  private login(context: RequestContext): Reply {
    const language = context.request.headers['accept-language'];
    if (!language) throw new SimError(400, 'error.request.invalidRepresentation.missingRequiredParameter', 'The Accept-Language header is required.');
    if (!this.config.acceptSessions) {
      return { status: 503, body: { errorId: 'error.server.notAcceptingConnections', message: 'This session manager is not accepting connections.', alternateHostList: this.config.alternateHosts } };
    }
    const body = asObject(context.body);
    const type = stringProperty(body, '__type');
    if (!type) throw simErrors.missingProperty('__type');
    if (!stringProperty(body, 'applicationName')) throw simErrors.missingProperty('applicationName');
    if (type !== URN.icAuthConnectionRequest) {
      if (type.startsWith('urn:inin.com:connection:')) throw authenticationFailure();
      throw simErrors.invalidProperty('__type', `unknown type ${type}`);
    }
    const userId = stringProperty(body, 'userID');
    if (userId === undefined) throw simErrors.missingProperty('userID');
    if (typeof body.password !== 'string') throw simErrors.missingProperty('password');
    const user = this.directory.user(userId);
    if (!user || user.password !== body.password) throw authenticationFailure();

    const session = new SimSession(this.newSessionId(), user, String(language).split(',')[0]!.trim());
    this.sessions.set(session.id, session);
    this.log(`session {sessionId} started for ${user.userId}`);
    const include = new Set((context.url.searchParams.get('include') ?? '').split(',').map((part) => part.trim()));
    const response: Record<string, unknown> = {
      sessionId: session.id,
      csrfToken: session.csrfToken,
      alternateHostList: this.config.alternateHosts,
      userID: user.userId,
      userDisplayName: user.displayName,
      icServer: 'cic-simulator',
    };
    if (include.has('version')) response.version = this.versionInfo();
    if (include.has('features')) response.features = this.featureList();
    if (include.has('server-time')) response.serverTimeInfo = { serverUtcTime: new Date().toISOString() };
    if (include.has('default-workstation')) response.defaultWorkstationId = user.extension;
    return {
      status: 201,
      body: response,
      headers: {
        [HEADER.sessionId]: session.id,
        [HEADER.csrfToken]: session.csrfToken,
        'set-cookie': session.setCookieHeader,
        location: `/icws/${session.id}/connection`,
        'cache-control': 'no-cache, no-store, must-revalidate',
        'access-control-expose-headers': 'ININ-ICWS-CSRF-Token,ININ-ICWS-Session-ID,Location,Set-Cookie',
        'access-control-allow-credentials': 'true',
      },
    };
  }

  private newSessionId(): string {
    let id: string;
    do id = String(randomInt(10_000_000, 99_999_999));
    while (this.sessions.has(id));
    return id;
  }

  private connectionState(session: SimSession): Reply {
    if (session.up) return { status: 200, body: { connectionState: ConnectionState.Up } };
    return { status: 200, body: { connectionState: ConnectionState.Down, reason: session.endReason?.reason, shouldReconnect: session.endReason?.shouldReconnect ?? false } };
  }

  private logout(session: SimSession): Reply {
    this.closeSession(session, 'The session was logged out.', false);
    this.callCenter.routeWaiting();
    return { status: 200 };
  }

  private versionInfo() {
    return {
      majorVersion: '25',
      minorVersion: '1',
      su: '0',
      build: 'SIMULATOR',
      productId: 'ICWS Simulator',
      codebaseId: 'simulator',
      productReleaseDisplayString: 'Simulator',
      productPatchDisplayString: '',
    };
  }

  private featureList(): FeatureInfo[] {
    return Object.entries(this.features)
      .filter(([, version]) => version > 0)
      .map(([featureId, version]) => ({ featureId, version }));
  }

  private feature(featureId: string): Reply {
    const version = this.features[featureId];
    if (!version) throw new SimError(400, 'error.request.connection.unknownFeature', `The feature "${featureId}" is not known.`);
    return { status: 200, body: { featureId, version } };
  }

  private supports(featureId: string, version: number): boolean {
    return (this.features[featureId] ?? 0) >= version;
  }

  // ---- messaging -----------------------------------------------------------------------------

  private async messages(context: RequestContext): Promise<Reply> {
    const session = context.session!;
    const wantsStream = (context.request.headers.accept ?? '').includes('text/event-stream');
    if (wantsStream && this.supports('messaging', 2)) {
      session.attachStream(context.response, this.options.keepAliveMs ?? 15_000, () => this.faults.stallStreams);
      return { status: 200, streaming: true };
    }
    // An old server (messaging 1) ignores the Accept header and answers a short poll.
    if (this.faults.pollDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.faults.pollDelayMs));
    return { status: 200, body: session.drain() };
  }

  private subscribe(context: RequestContext): Reply {
    if (!this.supports('queues', 1)) throw simErrors.notFound();
    const body = asObject(context.body);
    if (!Array.isArray(body.queueIds) || body.queueIds.length === 0) throw simErrors.missingProperty('queueIds');
    if (!Array.isArray(body.attributeNames) || body.attributeNames.length === 0) throw simErrors.missingProperty('attributeNames');
    if (!body.attributeNames.every((name) => typeof name === 'string' && name !== '')) throw simErrors.invalidProperty('attributeNames', 'every attribute name must be a non-empty string');
    const keys = body.queueIds.map((queue) => this.resolveQueue(queue, 'queueIds').key);
    this.feeds.subscribe(context.session!, context.params.subscriptionId!, keys, body.attributeNames as string[]);
    return { status: 200 };
  }

  /** Checks a `{queueType, queueName}` and says which queue it is and who stands behind it. */
  private resolveQueue(queue: unknown, property: string): { key: string; party: Party } {
    const { queueType, queueName } = asObject(queue);
    if (typeof queueType !== 'number' || !(queueType in QueueType)) throw simErrors.invalidProperty(`${property}.queueType`, 'expected 0 (system), 1 (user), 2 (workgroup) or 3 (station)');
    if (typeof queueName !== 'string' || !queueName) throw simErrors.missingProperty(`${property}.queueName`);
    const workgroup = queueType === QueueType.Workgroup ? this.directory.workgroup(queueName) : undefined;
    const user = queueType === QueueType.Workgroup ? undefined : queueType === QueueType.Station ? this.directory.userByExtension(queueName) : this.directory.user(queueName);
    const party: Party | undefined = workgroup ? { kind: 'workgroup', workgroup } : user ? { kind: 'user', user } : undefined;
    if (!party) throw simErrors.unknownQueue(queueName);
    return { key: queueKey(queueType, queueName), party };
  }


  // ---- interactions --------------------------------------------------------------------------

  private makeCall(context: RequestContext): Reply {
    const body = asObject(context.body);
    const target = stringProperty(body, 'target');
    if (!target) throw simErrors.missingProperty('target');
    const extra = stringRecord(body.additionalAttributes, 'additionalAttributes');
    const workgroup = stringProperty(body, 'workgroup');
    if (workgroup && !this.directory.workgroup(workgroup)) throw simErrors.unknownQueue(workgroup);
    const interaction = this.callCenter.makeCall(context.session!.user, target, workgroup ? { ...extra, Eic_WorkgroupName: workgroup } : extra);
    return { status: 201, body: { interactionId: interaction.id }, headers: { location: `/icws/${context.session!.id}/interactions/${interaction.id}` } };
  }

  private readAttributes(context: RequestContext): Reply {
    const interaction = this.callCenter.get(context.params.interactionId!);
    const select = context.url.searchParams.get('select');
    const attributes: Record<string, string> = {};
    if (!select) {
      attributes.Eic_CallId = interaction.id;
    } else {
      const wanted = select === '*' ? [...interaction.attributes.keys()] : select.split(',').map((name) => name.trim().toLowerCase());
      for (const name of wanted) {
        const attribute = interaction.attributes.get(name);
        if (attribute) attributes[attribute.name] = attribute.value;
      }
    }
    return { status: 200, body: { attributes } };
  }

  private writeAttributes(context: RequestContext): Reply {
    const body = asObject(context.body);
    if (body.attributes === undefined) throw simErrors.missingProperty('attributes');
    this.callCenter.setAttributes(context.params.interactionId!, stringRecord(body.attributes, 'attributes'));
    return { status: 200 };
  }

  private interactionAction(context: RequestContext): Reply {
    const id = context.params.interactionId!;
    const user = context.session!.user;
    const body = asObject(context.body);
    this.callCenter.get(id);
    this.callCenter.release(id);
    switch (context.params.action) {
      case 'pickup':
        this.callCenter.pickup(id, user);
        break;
      case 'disconnect':
        this.callCenter.disconnect(id);
        break;
      case 'hold':
        this.callCenter.hold(id, booleanProperty(body, 'on'));
        break;
      case 'mute':
        this.callCenter.mute(id, booleanProperty(body, 'on'));
        break;
      case 'blind-transfer':
        this.callCenter.blindTransfer(id, this.destination(body, true));
        break;
    }
    return { status: 200 };
  }

  private startConsult(context: RequestContext): Reply {
    if (!this.supports('interactions', 6)) throw simErrors.notFound();
    const id = context.params.interactionId!;
    const body = asObject(context.body);
    this.callCenter.get(id);
    const party = this.destination(body, this.supports('interactions', 13));
    // Before interactions 10 the server does not know additionalAttributes and ignores it.
    const attributes = this.supports('interactions', 10) ? stringRecord(body.additionalAttributes, 'additionalAttributes') : {};
    this.callCenter.release(id);
    const record = this.callCenter.startConsult(id, party, attributes, context.session!.id, context.session!.user);
    return {
      status: 201,
      body: { consultId: record.consultId, consultInteractionId: record.consultLegId },
      // Simulator choice: the docs' "URL of the consult transfer" is given as a Location header.
      headers: { location: `/icws/${context.session!.id}/interactions/${id}/consult/${record.consultId}` },
    };
  }

  private consultFor(context: RequestContext) {
    const record = this.callCenter.consult(context.params.consultId!);
    if (record.originalId !== context.params.interactionId) throw simErrors.consultNotFound(context.params.consultId!);
    return record;
  }

  private changeAudience(context: RequestContext): Reply {
    const record = this.consultFor(context);
    const audience = asObject(asObject(context.body).audience);
    if (asObject(context.body).audience === undefined) throw simErrors.missingProperty('audience');
    this.callCenter.changeAudience(record.consultId, { originalParty: audience.originalParty === true, consultedParty: audience.consultedParty === true });
    return { status: 200 };
  }

  private concludeConsult(context: RequestContext): Reply {
    const record = this.consultFor(context);
    this.callCenter.concludeConsult(record.consultId);
    return { status: 200 };
  }

  private cancelConsult(context: RequestContext): Reply {
    const record = this.consultFor(context);
    this.callCenter.cancelConsult(record.consultId);
    return { status: 200 };
  }

  /**
   * `target` or `queueID`. With `exactlyOne` (consult from interactions 13; blind transfer, a
   * simulator choice since the docs leave it open) both or neither is an error; before 13 a
   * consult needs `target`.
   */
  private destination(body: Record<string, unknown>, queueAllowed: boolean): Party {
    const target = body.target;
    const queue = body.queueID;
    if (!queueAllowed) {
      if (typeof target !== 'string' || !target.trim()) throw simErrors.missingProperty('target');
      return this.partyForTarget(target);
    }
    if ((target === undefined) === (queue === undefined)) {
      throw new SimError(400, 'error.request.invalidRepresentation.invalidProperty', 'Specify exactly one of "target" and "queueID".', { __type: 'urn:inin.com:common:invalidPropertyError', propertyName: 'target' });
    }
    if (target !== undefined) {
      if (typeof target !== 'string' || !target.trim()) throw simErrors.invalidProperty('target', 'must be a non-empty string');
      return this.partyForTarget(target);
    }
    return this.resolveQueue(queue, 'queueID').party;
  }

  private partyForTarget(target: string): Party {
    const party = this.directory.resolveTarget(target);
    if (!party) throw simErrors.unknownTarget(target);
    return party;
  }

  // ---- control API ---------------------------------------------------------------------------

  private controlCreateCall(context: RequestContext): Reply {
    const body = asObject(context.body);
    const to = stringProperty(body, 'to');
    if (!to) throw simErrors.missingProperty('to');
    const from = stringProperty(body, 'from') ?? '+13175550100';
    const interaction = this.callCenter.createInbound({ to, from, name: stringProperty(body, 'name'), attributes: stringRecord(body.attributes, 'attributes') });
    return { status: 201, body: { interactionId: interaction.id } };
  }

  private controlConfig(context: RequestContext): Reply {
    const body = asObject(context.body);
    if (typeof body.acceptSessions === 'boolean') this.config.acceptSessions = body.acceptSessions;
    if (Array.isArray(body.alternateHosts)) this.config.alternateHosts = body.alternateHosts.filter((host): host is string => typeof host === 'string');
    return { status: 200, body: this.config };
  }

  private health() {
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

function authenticationFailure(): SimError {
  return new SimError(400, 'error.request.connection.authenticationFailure', 'The authentication process failed.', { errorCode: -2147221503 });
}

function errorReply(error: unknown): Reply {
  if (error instanceof SimError) {
    const headers: Record<string, string> = error.status === 401 ? { 'www-authenticate': WWW_AUTHENTICATE } : {};
    return { status: error.status, body: error.body(), headers };
  }
  return { status: 500, body: { errorCode: -2147467259, message: 'The simulator failed to handle the request.' } };
}

/** Parses a JSON body whatever its content type says; an empty body is `undefined`. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SimError(413, 'error.request.tooLarge', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw simErrors.invalidJson();
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringProperty(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

function booleanProperty(body: Record<string, unknown>, name: string): boolean {
  const value = body[name];
  if (typeof value !== 'boolean') throw value === undefined ? simErrors.missingProperty(name) : simErrors.invalidProperty(name, 'must be true or false');
  return value;
}

function stringRecord(value: unknown, property: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const object = asObject(value);
  if (object !== value) throw simErrors.invalidProperty(property, 'must be an object of string values');
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries(object)) {
    if (typeof item !== 'string') throw simErrors.invalidProperty(`${property}.${name}`, 'must be a string');
    out[name] = item;
  }
  return out;
}

function decodePathSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new SimError(400, 'error.request.invalidPath', 'The request path is not valid URL encoding.');
  }
}

function maskSession(path: string): string {
  return path.replace(/^\/icws\/(?!connection)[^/]+/i, '/icws/{sessionId}');
}
