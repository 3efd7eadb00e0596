import got, { type Got, type Headers, RequestError } from 'got';
import { SessionCookies } from './SessionCookies';
import { parse as parseSetCookie, splitCookiesString } from 'set-cookie-parser';
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

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Errors that mean the request never left this machine, so even a POST is known not to have landed. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'ERR_TLS_CERT_ALTNAME_INVALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED']);

/**
 * The HTTP transport for one ICWS server: base URL, session credentials, cookie jar and tracing.
 * It never retries: a state-changing request that may have landed must not be sent twice.
 */
export class IcwsHttp {
  readonly redactor: Redactor;
  readonly cookieJar = new SessionCookies();
  private readonly client: Got;
  private readonly exchangeEmitter = new Emitter<HttpExchange>();
  readonly onExchange = this.exchangeEmitter.event;
  private nextExchangeId = 1;
  private session?: { sessionId: string; csrfToken: string };
  readonly baseUrl: string;

  constructor(readonly options: HttpOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.redactor = options.redactor ?? new Redactor();
    this.client = got.extend({
      throwHttpErrors: false,
      retry: { limit: 0 },
      followRedirect: false,
      responseType: 'text',
      timeout: { request: options.requestTimeoutMs ?? 30_000 },
      https: options.certificateAuthority ? { certificateAuthority: options.certificateAuthority } : {},
      cookieJar: this.cookieJar,
    });
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
    const url = this.url(spec.template, spec.params);
    const headers: Record<string, string> = {
      accept: 'application/vnd.inin.icws+json, application/json',
      ...this.sessionHeaders(),
      ...spec.headers,
    };
    const requestText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (requestText !== undefined) headers['content-type'] = ICWS_MEDIA_TYPE;
    const exchange = this.startExchange(spec, url, headers, requestText);
    const started = performance.now();
    let response;
    try {
      response = await this.client(url, {
        method: spec.method,
        headers,
        body: requestText,
        searchParams: spec.searchParams,
      });
    } catch (error) {
      exchange.durationMs = performance.now() - started;
      exchange.error = this.redactor.text(error instanceof Error ? error.message : String(error));
      this.exchangeEmitter.fire(exchange);
      throw transportError(spec, error);
    }
    exchange.durationMs = performance.now() - started;
    exchange.status = response.statusCode;
    this.learnSecrets(response.headers);
    exchange.responseHeaders = this.redactor.headers(response.headers);
    exchange.responseBytes = Buffer.byteLength(response.body);
    const body = parseBody(response.body);
    exchange.responseBody = this.redactor.json(body.ok ? body.value : response.body);
    this.exchangeEmitter.fire(exchange);
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw IcwsError.fromResponse(spec.operation, response.statusCode, body.ok ? body.value : undefined);
    }
    if (!body.ok) {
      throw new IcwsError({ kind: 'http', operation: spec.operation, status: response.statusCode, serverMessage: 'the server sent a body that is not JSON' });
    }
    return { status: response.statusCode, headers: response.headers, body: body.value as T };
  }

  /** Opens a streaming GET (server-sent events); the caller reads and closes the stream. */
  openStream(spec: RequestSpec) {
    const url = this.url(spec.template, spec.params);
    const headers = { ...this.sessionHeaders(), ...spec.headers };
    const exchange = this.startExchange(spec, url, headers, undefined);
    const started = performance.now();
    const stream = this.client.stream(url, { method: 'GET', headers, timeout: {} });
    const finish = (status?: number, error?: unknown) => {
      exchange.durationMs = performance.now() - started;
      if (status !== undefined) exchange.status = status;
      if (error) exchange.error = this.redactor.text(error instanceof Error ? error.message : String(error));
      this.exchangeEmitter.fire(exchange);
    };
    stream.once('response', (response: { statusCode: number; headers: Headers }) => {
      exchange.responseHeaders = this.redactor.headers(response.headers);
      finish(response.statusCode);
    });
    stream.once('error', (error: unknown) => {
      if (exchange.status === undefined) finish(undefined, error);
    });
    return stream;
  }

  /** A login answer carries new credentials: mask them before anything is recorded. */
  private learnSecrets(headers: Headers): void {
    this.redactor.addSessionId(headerText(headers[HEADER.sessionId.toLowerCase()]));
    this.redactor.addSecret(headerText(headers[HEADER.csrfToken.toLowerCase()]));
    for (const cookie of parseSetCookie(splitCookiesString([headers['set-cookie'] ?? []].flat()), { decodeValues: false })) this.redactor.addSecret(cookie.value);
  }

  private startExchange(spec: RequestSpec, url: string, headers: Record<string, string>, requestText: string | undefined): HttpExchange {
    const search = spec.searchParams ? `?${new URLSearchParams(spec.searchParams)}` : '';
    return {
      id: this.nextExchangeId++,
      startedAt: Date.now(),
      method: spec.method,
      url: this.redactor.text(url + search),
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
  const code = error instanceof RequestError ? error.code : undefined;
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
