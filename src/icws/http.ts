import { Agent as HttpAgent, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { parse as parseSetCookie, splitCookiesString } from 'set-cookie-parser';
import { SessionCookies } from './SessionCookies';
import { Emitter } from './events';
import { IcwsError } from './IcwsError';
import { Redactor } from './redact';
import { HEADER, ICWS_MEDIA_TYPE } from './wire';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One request and its answer, redacted, for logs and the traffic view. */
export interface HttpExchange {
  id: number;
  startedAt: number;
  method: HttpMethod;
  /** The full URL with ids filled in, the session id masked as `{sessionId}`. */
  url: string;
  /** The operation's URL template, e.g. `/icws/{sessionId}/interactions/{interactionId}/consult`. */
  template: string;
  operation: string;
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  requestBytes: number;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: unknown;
  responseBytes: number;
  durationMs: number;
  /** Set when no HTTP answer came back. */
  error?: string;
}

export interface HttpOptions {
  /** e.g. `https://cic01.example.local:8019` (a reverse-proxy path prefix is kept). */
  baseUrl: string;
  /** Sent as Accept-Language on login; fixes the session's language. */
  language: string;
  requestTimeoutMs?: number;
  /** PEM text of extra CA certificates for servers signed by an internal CA. */
  certificateAuthority?: string;
  redactor?: Redactor;
}

export interface RequestSpec {
  method: HttpMethod;
  /** Path template; `{name}` segments are filled from `params`, URL-encoded. */
  template: string;
  params?: Record<string, string>;
  searchParams?: Record<string, string>;
  body?: unknown;
  operation: string;
  headers?: Record<string, string>;
}

export type Headers = IncomingHttpHeaders;

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** An open event stream: the response to read, and how to close it. */
export interface EventStream {
  response: IncomingMessage;
  close(): void;
}

/** Errors that mean the request never left this machine, so even a POST is known not to have landed. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'ERR_INVALID_PROTOCOL']);

/**
 * The HTTP transport for one ICWS server: base URL, session credentials, cookie jar and tracing,
 * on Node's own http/https with a keep-alive agent. (got cost 1.5x a bare request per call,
 * past the 1.3x budget for a transfer; ICWS needs no retries, redirects or caching.)
 * It never retries: a state-changing request that may have landed must not be sent twice.
 */
export class IcwsHttp {
  readonly redactor: Redactor;
  readonly cookieJar = new SessionCookies();
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly secure: boolean;
  private readonly timeoutMs: number;
  /** Trusted roots: the public ones plus an internal CA when given (checks always stay on). */
  private readonly ca?: string[];
  private readonly exchangeEmitter = new Emitter<HttpExchange>();
  readonly onExchange = this.exchangeEmitter.event;
  private nextExchangeId = 1;
  private session?: { sessionId: string; csrfToken: string };
  readonly baseUrl: string;

  constructor(readonly options: HttpOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.redactor = options.redactor ?? new Redactor();
    this.secure = this.baseUrl.toLowerCase().startsWith('https:');
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.ca = options.certificateAuthority ? [...rootCertificates, options.certificateAuthority] : undefined;
    this.agent = this.secure ? new HttpsAgent({ keepAlive: true, ...(this.ca ? { ca: this.ca } : {}) }) : new HttpAgent({ keepAlive: true });
  }

  /** Closes idle keep-alive connections (after logout). */
  close(): void {
    this.agent.destroy();
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
  async cookieHeader(): Promise<string> {
    return this.cookieJar.header();
  }

  /** Loads a saved `Cookie` header value (`name=value; name2=value2`). */
  async restoreCookies(cookieHeader: string): Promise<void> {
    for (const pair of cookieHeader.split(';')) if (pair.trim()) this.cookieJar.store(pair.trim());
    await this.rememberCookieSecrets();
  }

  async rememberCookieSecrets(): Promise<void> {
    for (const value of this.cookieJar.values()) this.redactor.addSecret(value);
  }

  url(template: string, params: Record<string, string> = {}): string {
    return this.baseUrl + fillTemplate(template, { sessionId: this.session?.sessionId ?? '', ...params });
  }

  /** Headers every session request carries (the cookie is added by the jar). */
  sessionHeaders(): Record<string, string> {
    return this.session ? { [HEADER.csrfToken]: this.session.csrfToken } : {};
  }

  async request<T = unknown>(spec: RequestSpec): Promise<HttpResult<T>> {
    const url = this.url(spec.template, spec.params) + searchOf(spec);
    const headers = this.headersFor(spec, { accept: 'application/vnd.inin.icws+json, application/json' });
    const requestText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (requestText !== undefined) {
      headers['content-type'] = ICWS_MEDIA_TYPE;
      headers['content-length'] = String(Buffer.byteLength(requestText));
    }
    const exchange = this.startExchange(spec, url, headers, requestText);
    const started = performance.now();
    let response: { status: number; headers: Headers; text: string };
    try {
      response = await this.send(spec.method, url, headers, requestText);
    } catch (error) {
      exchange.durationMs = performance.now() - started;
      exchange.error = this.redactor.text(error instanceof Error ? error.message : String(error));
      this.exchangeEmitter.fire(exchange);
      throw transportError(spec, error);
    }
    exchange.durationMs = performance.now() - started;
    exchange.status = response.status;
    this.receiveHeaders(response.headers);
    exchange.responseHeaders = this.redactor.headers(response.headers);
    exchange.responseBytes = Buffer.byteLength(response.text);
    const body = parseBody(response.text);
    exchange.responseBody = this.redactor.json(body.ok ? body.value : response.text);
    this.exchangeEmitter.fire(exchange);
    if (response.status < 200 || response.status >= 300) {
      throw IcwsError.fromResponse(spec.operation, response.status, body.ok ? body.value : undefined);
    }
    if (!body.ok) {
      throw new IcwsError({ kind: 'http', operation: spec.operation, status: response.status, serverMessage: 'the server sent a body that is not JSON' });
    }
    return { status: response.status, headers: response.headers, body: body.value as T };
  }

  /** Opens a streaming GET (server-sent events). Resolves when the response headers arrive. */
  openEventStream(spec: RequestSpec): Promise<EventStream> {
    const url = this.url(spec.template, spec.params) + searchOf(spec);
    const headers = this.headersFor(spec, {});
    const exchange = this.startExchange(spec, url, headers, undefined);
    const started = performance.now();
    return new Promise<EventStream>((resolve, reject) => {
      // Its own connection: a long-lived stream must not hold one of the pool's sockets.
      const request = this.transport()(url, { method: 'GET', headers, agent: false, ...this.tlsOptions() }, (response) => {
        exchange.durationMs = performance.now() - started;
        exchange.status = response.statusCode;
        this.receiveHeaders(response.headers);
        exchange.responseHeaders = this.redactor.headers(response.headers);
        this.exchangeEmitter.fire(exchange);
        resolve({ response, close: () => request.destroy() });
      });
      request.once('error', (error) => {
        if (exchange.status !== undefined) return;
        exchange.durationMs = performance.now() - started;
        exchange.error = this.redactor.text(error.message);
        this.exchangeEmitter.fire(exchange);
        reject(error);
      });
      request.end();
    });
  }

  private transport(): typeof httpRequest {
    return this.secure ? (httpsRequest as unknown as typeof httpRequest) : httpRequest;
  }

  private tlsOptions(): { ca?: string[] } {
    return this.secure && this.ca ? { ca: this.ca } : {};
  }

  private headersFor(spec: RequestSpec, defaults: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { ...defaults, ...this.sessionHeaders(), ...spec.headers };
    const cookie = this.cookieJar.header();
    if (cookie) headers.cookie = cookie;
    return headers;
  }

  private receiveHeaders(headers: Headers): void {
    this.learnSecrets(headers);
    for (const raw of [headers['set-cookie'] ?? []].flat()) this.cookieJar.store(raw);
  }

  /** One request and its whole answer; a timeout destroys the request (ETIMEDOUT). */
  private send(method: HttpMethod, url: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; headers: Headers; text: string }> {
    return new Promise((resolve, reject) => {
      let request: ClientRequest;
      try {
        request = this.transport()(url, { method, headers, agent: this.agent }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
          response.once('error', reject);
        });
      } catch (error) {
        reject(error);
        return;
      }
      const timer = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })), this.timeoutMs);
      request.once('close', () => clearTimeout(timer));
      request.once('error', reject);
      request.end(body);
    });
  }

  /** A login answer carries new credentials: mask them before anything is recorded. */
  private learnSecrets(headers: Headers): void {
    this.redactor.addSessionId(headerText(headers[HEADER.sessionId.toLowerCase()]));
    this.redactor.addSecret(headerText(headers[HEADER.csrfToken.toLowerCase()]));
    for (const cookie of parseSetCookie(splitCookiesString([headers['set-cookie'] ?? []].flat()), { decodeValues: false })) this.redactor.addSecret(cookie.value);
  }

  private startExchange(spec: RequestSpec, url: string, headers: Record<string, string>, requestText: string | undefined): HttpExchange {
    return {
      id: this.nextExchangeId++,
      startedAt: Date.now(),
      method: spec.method,
      url: this.redactor.text(url),
      template: spec.template,
      operation: spec.operation,
      requestHeaders: this.redactor.headers(headers),
      requestBody: spec.body === undefined ? undefined : this.redactor.json(spec.body),
      requestBytes: requestText ? Buffer.byteLength(requestText) : 0,
      responseBytes: 0,
      durationMs: 0,
    };
  }
}

export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/icws$/i, '');
}

export function fillTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

function searchOf(spec: RequestSpec): string {
  return spec.searchParams ? `?${new URLSearchParams(spec.searchParams)}` : '';
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** ICWS bodies are JSON whatever the media type says; many successes have no body at all. */
function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function transportError(spec: RequestSpec, error: unknown): IcwsError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new IcwsError({ kind: 'network', operation: spec.operation, cause: error, reason: `the server's certificate was issued for another host name (${code}); connect with the name the certificate was issued for` });
  }
  if (code !== undefined && /CERT|SELF_SIGNED|VERIFY|SIGNATURE|ISSUER/.test(code)) {
    return new IcwsError({
      kind: 'network',
      operation: spec.operation,
      cause: error,
      reason: `the server's TLS certificate was refused (${code}). If the server uses an internal CA, set "icws.certificateAuthorityFile" to that CA's PEM file; certificate checks stay on`,
    });
  }
  const safeToAssumeNotSent = spec.method === 'GET' || (code !== undefined && NOT_SENT_CODES.has(code));
  return new IcwsError({ kind: safeToAssumeNotSent ? 'network' : 'outcome-unknown', operation: spec.operation, cause: error });
}
