// The HTTP transport of one session, on got: requests and event streams with the session's
// credentials, each exchange recorded (redacted) in got's hooks, everything ended by one signal.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import got, { type Got, type NormalizedOptions, type Request, type RequestError, type Response } from 'got';
import { parse as parseSetCookie, splitCookiesString } from 'set-cookie-parser';
import { SessionCookies } from './SessionCookies';
import { Emitter } from './events';
import { type EventStream, type ExchangePhases, type Headers, type HttpExchange, type HttpOptions, type HttpResult, type PhaseTimeouts, type RequestSpec, DEFAULT_TIMEOUTS } from './httpTypes';
import { IcwsError } from './IcwsError';
import { nestedTooDeep, parseAnswer, type ParsedAnswer } from './jsonDepth';
import { icwsUrlProblem, resourceUrlOf } from './icwsPath';
import { Redactor } from './redact';
import { transportError } from './transportErrors';
import { trustAlso } from './trust';
import { fillTemplate, normalizeBaseUrl } from './urls';
import { HEADER, ICWS_MEDIA_TYPE } from './wire';

/** What each got request carries to the hooks, so the exchange is recorded in one place. */
interface ExchangeContext extends Record<string, unknown> {
  spec: RequestSpec;
  exchange?: HttpExchange;
  started?: number;
}

/**
 * The HTTP transport of one ICWS session (one server): base URL, session credentials, cookie jar,
 * and the record of every exchange, on got. Everything it starts ends with `close()`: requests in
 * any phase, event streams and pooled sockets, through one AbortSignal.
 */
export class IcwsHttp {
  readonly redactor: Redactor;
  readonly cookieJar = new SessionCookies();
  readonly baseUrl: string;
  private readonly lifetimeController = new AbortController();
  /** Aborted when the session's transport closes (logout, session end). */
  readonly lifetime = this.lifetimeController.signal;
  private readonly agent: HttpAgent | HttpsAgent;
  /** Event streams get sockets of their own: a long-lived stream must not hold a pooled one. */
  private readonly streamAgent: HttpAgent | HttpsAgent;
  private readonly client: Got;
  private readonly timeouts: PhaseTimeouts;
  private readonly exchangeEmitter = new Emitter<HttpExchange>();
  readonly onExchange = this.exchangeEmitter.event;
  private readonly requestStartEmitter = new Emitter<HttpExchange>();
  /** A request left (its exchange has no answer yet); `onExchange` follows with the same exchange. */
  readonly onRequestStart = this.requestStartEmitter.event;
  private readonly sessionRejectedEmitter = new Emitter<void>();
  /** A session request was answered 401: the server no longer knows the session. */
  readonly onSessionRejected = this.sessionRejectedEmitter.event;
  private nextExchangeId = 1;
  private session?: { sessionId: string; csrfToken: string };

  constructor(readonly options: HttpOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.redactor = options.redactor ?? new Redactor();
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const secure = this.baseUrl.toLowerCase().startsWith('https:');
    const Agent = secure ? HttpsAgent : HttpAgent;
    const tls = secure && options.certificateAuthority ? { secureContext: trustAlso(options.certificateAuthority) } : {};
    this.agent = new Agent({ keepAlive: true, ...tls });
    this.streamAgent = new Agent({ keepAlive: false, ...tls });
    this.client = got.extend({
      // ICWS is never retried by the transport: a POST (transfer, consult) or PUT/DELETE whose
      // answer was lost may have landed, and even a GET of messaging/messages dequeues them. The
      // message channel and subscriptions back off and try again themselves, where that is safe.
      retry: { limit: 0 },
      // A redirect would carry the session cookie and CSRF token to wherever it points.
      followRedirect: false,
      throwHttpErrors: false,
      responseType: 'text',
      cookieJar: this.cookieJar,
      agent: { http: this.agent as HttpAgent, https: this.agent as HttpsAgent },
      headers: { 'user-agent': 'icws-interactions' },
      timeout: {
        lookup: this.timeouts.lookup,
        connect: this.timeouts.connect,
        secureConnect: this.timeouts.tls,
        send: this.timeouts.send,
        response: this.timeouts.responseHeaders,
      },
      hooks: {
        beforeRequest: [(requestOptions) => this.recordStart(requestOptions)],
        afterResponse: [
          (response) => {
            const body = response.body;
            this.recordAnswer(response.request.options.context as ExchangeContext, response, Buffer.isBuffer(body) ? `(${body.length} bytes of ${response.headers['content-type'] ?? 'data'})` : (body as string));
            return response;
          },
        ],
        beforeError: [
          (error) => {
            if (error.options) this.recordFailure(error.options.context as ExchangeContext, error);
            return error;
          },
        ],
      },
    });
  }

  /** Ends every request and stream of this session, in any phase, and closes pooled sockets. */
  close(): void {
    this.lifetimeController.abort();
    this.agent.destroy();
    this.streamAgent.destroy();
  }

  get isClosed(): boolean {
    return this.lifetime.aborted;
  }

  get sessionId(): string | undefined {
    return this.session?.sessionId;
  }

  setSession(sessionId: string, csrfToken: string): void {
    this.session = { sessionId, csrfToken };
    this.redactor.addSessionId(sessionId);
    this.redactor.addSecret(csrfToken);
  }

  clearSession(): void {
    this.session = undefined;
  }

  /** The session cookie(s) as a `Cookie` header value, for saving a session to resume. */
  cookieHeader(): string {
    return this.cookieJar.header();
  }

  /** Loads a saved `Cookie` header value (`name=value; name2=value2`). */
  restoreCookies(cookieHeader: string): void {
    for (const pair of cookieHeader.split(';')) if (pair.trim()) this.cookieJar.store(pair.trim());
    this.rememberCookieSecrets();
  }

  rememberCookieSecrets(): void {
    for (const value of this.cookieJar.values()) this.redactor.addSecret(value);
  }

  /**
   * The URL a request is sent to. One that would leave this server's `/icws/` (a dot segment in a
   * recorded path or a filled value) is refused: the session's credentials go with every request.
   */
  private urlOf(spec: RequestSpec): string {
    const path = fillTemplate(spec.template, { sessionId: this.session?.sessionId ?? '', ...spec.params });
    const url = this.baseUrl + path + searchOf(spec);
    const problem = icwsUrlProblem(this.baseUrl, path, url);
    if (problem) throw new IcwsError({ kind: 'invalid-argument', operation: spec.operation, reason: `${this.redactor.text(problem)}; nothing was sent` });
    return url;
  }

  /** Headers every session request carries (the cookie is added by the jar). */
  sessionHeaders(): Record<string, string> {
    return this.session ? { [HEADER.csrfToken]: this.session.csrfToken } : {};
  }

  async request<T = unknown>(spec: RequestSpec): Promise<HttpResult<T>> {
    this.refuseWhenClosed(spec);
    const headers: Record<string, string> = { accept: 'application/vnd.inin.icws+json, application/json', ...this.sessionHeaders(), ...spec.headers };
    const requestText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (requestText !== undefined) headers['content-type'] = ICWS_MEDIA_TYPE;
    let response: Response<string>;
    try {
      response = await this.client(this.urlOf(spec), {
        method: spec.method,
        headers,
        body: requestText,
        signal: spec.signal ?? this.lifetime,
        timeout: { request: this.timeouts.total },
        context: { spec } satisfies ExchangeContext,
      });
    } catch (error) {
      throw transportError(spec, error);
    }
    const body = parseAnswer(response.body, spec.eachItemBounded);
    if (response.statusCode < 200 || response.statusCode >= 300) {
      // A server may repeat the session's secrets in its error: they are masked before they become
      // an error, and so a log line or a notification. (An answer asked for as it came is masked
      // by whoever shows it.)
      const usable = body.ok && !body.leftOut.length;
      const error = spec.answerAnyStatus && (body.ok || !body.tooDeep) ? undefined : IcwsError.fromResponse(spec.operation, response.statusCode, usable ? this.redactor.json(body.value) : undefined);
      // Said after this request is settled: ending the session closes the transport.
      if (response.statusCode === 401 && spec.template.startsWith('/icws/{sessionId}')) this.sessionRejectedEmitter.fire();
      if (!error) return { status: response.statusCode, headers: response.headers, body: (body.ok ? body.value : response.body) as T };
      throw error;
    }
    if (!body.ok) {
      if (spec.answerAnyStatus && !body.tooDeep) return { status: response.statusCode, headers: response.headers, body: response.body as T };
      throw new IcwsError({ kind: 'http', operation: spec.operation, status: response.statusCode, serverMessage: `the server sent a body ${body.tooDeep ? nestedTooDeep() : 'that is not JSON'}` });
    }
    if (!body.leftOut.length) return { status: response.statusCode, headers: response.headers, body: body.value as T };
    const kept = (body.value as unknown[]).filter((_, index) => !body.leftOut.includes(index));
    return { status: response.statusCode, headers: response.headers, body: kept as T, itemsTooDeep: body.leftOut.length };
  }

  /**
   * A GET of a binary resource on this server (a status icon: the server names it), with the
   * session's credentials. Only under the base URL's path, with no dot segment in any spelling:
   * the cookie and CSRF token go to this server's ICWS only, not to another host nor to another
   * application on the same one.
   */
  async fetchBytes(pathOrUrl: string, operation: string): Promise<{ contentType: string; bytes: Buffer }> {
    const spec: RequestSpec = { method: 'GET', template: '(resource)', operation };
    this.refuseWhenClosed(spec);
    const url = resourceUrlOf(this.baseUrl, pathOrUrl);
    if (typeof url === 'string') throw new IcwsError({ kind: 'invalid-argument', operation, reason: `${this.redactor.text(url)}; nothing was sent` });
    let response: Response<Buffer>;
    try {
      response = await this.client(url, { method: 'GET', headers: this.sessionHeaders(), responseType: 'buffer', signal: this.lifetime, timeout: { request: this.timeouts.total }, context: { spec: { ...spec, template: url.pathname } } satisfies ExchangeContext });
    } catch (error) {
      throw transportError(spec, error);
    }
    if (response.statusCode !== 200) throw IcwsError.fromResponse(operation, response.statusCode, undefined);
    return { contentType: String(response.headers['content-type'] ?? ''), bytes: response.body };
  }

  /**
   * Opens a streaming GET (server-sent events). Resolves when the response headers arrive; fails
   * when they do not come within the stream-headers timeout, or when `spec.signal` or the session
   * ends first.
   */
  openEventStream(spec: RequestSpec): Promise<EventStream> {
    this.refuseWhenClosed(spec);
    const headers = { ...this.sessionHeaders(), ...spec.headers };
    return new Promise<EventStream>((resolve, reject) => {
      const stream: Request = this.client.stream(this.urlOf(spec), {
        method: 'GET',
        headers,
        signal: spec.signal ?? this.lifetime,
        agent: { http: this.streamAgent as HttpAgent, https: this.streamAgent as HttpsAgent },
        timeout: { response: this.timeouts.streamHeaders },
        decompress: false,
        context: { spec } satisfies ExchangeContext,
      });
      // Errors before the answer reject the open; later ones reach the reader through its own
      // listeners, and one racing a close (the session ending) has no one left to tell.
      stream.on('error', (error: Error) => reject(transportError(spec, error)));
      stream.once('response', (response: Response) => {
        this.recordAnswer(stream.options.context as ExchangeContext, response, undefined);
        resolve({ status: response.statusCode, headers: response.headers, body: stream, close: () => stream.destroy() });
      });
    });
  }

  /** After `close()` nothing is sent, and nothing is recorded: the session is over. */
  private refuseWhenClosed(spec: RequestSpec): void {
    if (this.lifetime.aborted) throw new IcwsError({ kind: 'session-ended', operation: spec.operation, reason: 'the session is closed; nothing was sent' });
  }

  private recordStart(requestOptions: NormalizedOptions): void {
    const context = requestOptions.context as ExchangeContext;
    const body = typeof requestOptions.body === 'string' ? requestOptions.body : undefined;
    context.started = performance.now();
    context.exchange = {
      id: this.nextExchangeId++,
      startedAt: Date.now(),
      method: context.spec.method,
      url: this.redactor.text(requestOptions.url?.toString() ?? ''),
      template: context.spec.template,
      operation: context.spec.operation,
      requestHeaders: this.redactor.headers(requestOptions.headers),
      requestBody: context.spec.body === undefined ? undefined : this.redactor.json(context.spec.body),
      requestBytes: body ? Buffer.byteLength(body) : 0,
      responseBytes: 0,
      durationMs: 0,
    };
    this.requestStartEmitter.fire(context.exchange);
  }

  /** Learns the answer's secrets before anything of it is recorded, then records it. */
  private recordAnswer(context: ExchangeContext, response: Response, text: string | undefined): void {
    this.learnSecrets(response.headers);
    const exchange = context.exchange;
    if (!exchange) return;
    exchange.durationMs = performance.now() - (context.started ?? performance.now());
    exchange.status = response.statusCode;
    exchange.responseHeaders = this.redactor.headers(response.headers);
    exchange.phases = phasesOf(response.timings);
    if (text !== undefined) {
      exchange.responseBytes = Buffer.byteLength(text);
      exchange.responseBody = this.redactor.json(recordable(parseAnswer(text, context.spec.eachItemBounded), text));
    }
    this.exchangeEmitter.fire(exchange);
  }

  private recordFailure(context: ExchangeContext, error: RequestError): void {
    const exchange = context.exchange;
    // Failures after an answer (a stream cut later) were recorded with the answer.
    if (!exchange || exchange.status !== undefined) return;
    exchange.durationMs = performance.now() - (context.started ?? performance.now());
    exchange.error = this.redactor.text(error.message);
    exchange.phases = error.timings ? phasesOf(error.timings) : undefined;
    this.exchangeEmitter.fire(exchange);
  }

  /** A login answer carries new credentials: mask them before anything is recorded. */
  private learnSecrets(headers: Headers): void {
    this.redactor.addSessionId(headerText(headers[HEADER.sessionId.toLowerCase()]));
    this.redactor.addSecret(headerText(headers[HEADER.csrfToken.toLowerCase()]));
    for (const cookie of parseSetCookie(splitCookiesString([headers['set-cookie'] ?? []].flat()), { decodeValues: false })) this.redactor.addSecret(cookie.value);
  }
}

function searchOf(spec: RequestSpec): string {
  return spec.searchParams ? `?${new URLSearchParams(spec.searchParams)}` : '';
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function phasesOf(timings: Response['timings']): ExchangePhases {
  const { wait, dns, tcp, tls, request, firstByte, download, total } = timings.phases;
  return { wait, dns, connect: tcp, tls, send: request, firstByte, download, total };
}

/** The body as Traffic keeps it: not JSON or nested too deep, the text it was; a list's items nested too deep, a note each. */
function recordable(body: ParsedAnswer, text: string): unknown {
  if (!body.ok) return text;
  if (!body.leftOut.length) return body.value;
  return (body.value as unknown[]).map((item, index) => (body.leftOut.includes(index) ? `(left out: ${nestedTooDeep()})` : item));
}
