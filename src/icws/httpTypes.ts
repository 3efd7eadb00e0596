// The transport's vocabulary: what a request is (RequestSpec), what comes back (HttpResult,
// EventStream), and the redacted record of one exchange that the log and Traffic show.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Redactor } from './redact';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** How long each phase of one exchange took, in ms (from got's timings; absent on a reused socket). */
export interface ExchangePhases {
  /** Waiting for a socket. */
  wait?: number;
  dns?: number;
  /** TCP connect. */
  connect?: number;
  tls?: number;
  /** Sending the request. */
  send?: number;
  /** From the request sent to the first byte of the answer. */
  firstByte?: number;
  download?: number;
  total?: number;
}

const PHASE_LABELS: [keyof ExchangePhases, string][] = [
  ['wait', 'socket'],
  ['dns', 'DNS'],
  ['connect', 'connect'],
  ['tls', 'TLS'],
  ['send', 'send'],
  ['firstByte', 'first byte'],
  ['download', 'download'],
  ['total', 'total'],
];

/** `DNS 0.4 ms · connect 0.3 ms · first byte 2.1 ms · total 2.9 ms` (phases a reused socket skips are left out). */
export function describePhases(phases: ExchangePhases): string {
  return PHASE_LABELS.filter(([key]) => typeof phases[key] === 'number')
    .map(([key, label]) => `${label} ${phases[key]!.toFixed(1)} ms`)
    .join(' · ');
}

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
  phases?: ExchangePhases;
  /** Set when no HTTP answer came back. */
  error?: string;
  /** The profile name of the session that sent it ("agent1 @ cic-dev"), set by whoever forwards it. */
  sessionName?: string;
}

/** Per-phase limits, in ms. A phase that overruns fails the request with a message naming it. */
export interface PhaseTimeouts {
  lookup: number;
  connect: number;
  tls: number;
  /** Writing the request out. */
  send: number;
  /** From the request sent to the response headers. */
  responseHeaders: number;
  /** The whole exchange, body included (not for event streams). */
  total: number;
  /** An event stream's headers; after them the channel's silence timer takes over. */
  streamHeaders: number;
}

export const DEFAULT_TIMEOUTS: PhaseTimeouts = { lookup: 10_000, connect: 10_000, tls: 10_000, send: 10_000, responseHeaders: 30_000, total: 60_000, streamHeaders: 15_000 };

export interface HttpOptions {
  /** e.g. `https://cic01.example.local:8019` (a reverse-proxy path prefix is kept). */
  baseUrl: string;
  /** Sent as Accept-Language on login; fixes the session's language. */
  language: string;
  timeouts?: Partial<PhaseTimeouts>;
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
  /** Ends the request early (the session's own signal always does). */
  signal?: AbortSignal;
  /** Answer error statuses (4xx, 5xx) as results rather than errors: a notebook shows them as they came. */
  answerAnyStatus?: boolean;
  /**
   * The answer is a list held to the depth bound item by item (the messages poll: its items are
   * dequeued already, so one bad item must not cost the others): an item nested too deep is left
   * out of `body` and counted in `itemsTooDeep`.
   */
  eachItemBounded?: boolean;
}

export type Headers = IncomingHttpHeaders;

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  body: T;
  /** Items of an `eachItemBounded` list left out for nesting too deep. */
  itemsTooDeep?: number;
}

/** An open event stream: its status and headers, the body to read, and how to close it. */
export interface EventStream {
  status: number;
  headers: Headers;
  body: Readable;
  close(): void;
}
