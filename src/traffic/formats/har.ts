// The timeline as HAR 1.2 (the HTTP Archive format every browser's DevTools opens and saves), and
// back. Calls are HAR entries; what HAR has no field for is kept in `_`-prefixed custom fields,
// as the format allows: each call's ICWS template, operation and got phases in `_icws`, and the
// messages (which are not HTTP exchanges) in `log._icwsMessages`. An archive saved here opens back
// to the same timeline.
//
// A HAR saved by a browser (a developer's own ICWS web app) opens too: its ICWS requests become
// calls, with their secrets masked on the way in, and the messages in polled
// `/messaging/messages` answers become messages.

import { splitCookiesString } from 'set-cookie-parser';
import type { ExchangePhases, HttpExchange, HttpMethod } from '../../icws/httpTypes';
import { MAX_ENTRY_DEPTH, nestedTooDeep, nestsDeeperThan, parseAnswer } from '../../icws/jsonDepth';
import { shortMessageType } from '../../icws/messages';
import { Redactor, SESSION_ID_PLACEHOLDER } from '../../icws/redact';
import { pathOf } from '../../icws/urls';
import * as z from '../../icws/zod';
import type { TrafficEntry } from '../entry';
import { trafficEntrySchema } from './entrySchema';

export const HAR_CREATOR = { name: 'ICWS Interactions', version: '0.1.0' };

interface HarHeader {
  name: string;
  value: string;
}

/** Renders the timeline (already redacted) as a HAR 1.2 document. */
export function toHar(entries: readonly TrafficEntry[], creator = HAR_CREATOR): string {
  const calls: unknown[] = [];
  const messages: unknown[] = [];
  for (const entry of entries) {
    if (entry.kind === 'call') calls.push(harEntry(entry.exchange, entry.seq));
    else messages.push({ seq: entry.seq, time: new Date(entry.time).toISOString(), type: entry.type, subscriptionId: entry.subscriptionId, message: entry.message, bytes: entry.bytes, ...(entry.sessionName ? { _session: entry.sessionName } : {}) });
  }
  return `${JSON.stringify({ log: { version: '1.2', creator, pages: [], entries: calls, _icwsMessages: messages } }, null, 2)}\n`;
}

function harEntry(x: HttpExchange, seq: number): unknown {
  const phases = x.phases ?? {};
  const requestText = x.requestBody === undefined ? undefined : JSON.stringify(x.requestBody);
  const responseText = x.responseBody === undefined ? undefined : JSON.stringify(x.responseBody);
  const requestType = headerValue(x.requestHeaders, 'content-type') ?? 'application/json';
  return {
    startedDateTime: new Date(x.startedAt).toISOString(),
    time: x.durationMs,
    request: {
      method: x.method,
      url: x.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(x.requestHeaders),
      queryString: queryOf(x.url),
      ...(requestText === undefined ? {} : { postData: { mimeType: requestType, text: requestText } }),
      headersSize: -1,
      bodySize: x.requestBytes,
    },
    response: {
      status: x.status ?? 0,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(x.responseHeaders ?? {}),
      content: { size: x.responseBytes, mimeType: headerValue(x.responseHeaders ?? {}, 'content-type') ?? 'application/json', ...(responseText === undefined ? {} : { text: responseText }) },
      redirectURL: '',
      headersSize: -1,
      bodySize: x.responseBytes,
    },
    cache: {},
    // HAR's names for got's phases; -1 is HAR's "does not apply" (a reused socket has no DNS).
    timings: {
      blocked: phases.wait ?? -1,
      dns: phases.dns ?? -1,
      connect: phases.connect === undefined ? -1 : phases.connect + (phases.tls ?? 0),
      ssl: phases.tls ?? -1,
      send: phases.send ?? 0,
      wait: phases.firstByte ?? 0,
      receive: phases.download ?? 0,
    },
    ...(x.error === undefined ? {} : { _error: x.error }),
    _icws: { seq, id: x.id, template: x.template, operation: x.operation, phases: x.phases },
    ...(x.sessionName ? { _session: x.sessionName } : {}),
  };
}

function harHeaders(headers: Record<string, string>): HarHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function queryOf(url: string): HarHeader[] {
  const question = url.indexOf('?');
  if (question < 0) return [];
  return [...new URLSearchParams(url.slice(question + 1))].map(([name, value]) => ({ name, value }));
}

// ---- reading -------------------------------------------------------------------------------------

const millis = z.number();
const harHeader = z.object({ name: z.string(), value: z.string() });
const harEntrySchema = z.object({
  startedDateTime: z.string(),
  time: millis,
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.array(harHeader),
    postData: z.optional(z.object({ mimeType: z.optional(z.string()), text: z.optional(z.string()) })),
    bodySize: z.optional(z.number()),
  }),
  response: z.object({
    status: z.int(),
    headers: z.array(harHeader),
    content: z.object({ size: z.optional(z.number()), text: z.optional(z.string()), encoding: z.optional(z.string()) }),
    bodySize: z.optional(z.number()),
  }),
  timings: z.optional(z.record(z.string(), z.optional(z.number()))),
  _error: z.optional(z.string()),
  _session: z.optional(z.string()),
  _icws: z.optional(z.object({ seq: z.optional(z.int()), id: z.optional(z.int()), template: z.string(), operation: z.string(), phases: z.optional(z.record(z.string(), z.number())) })),
});
const harMessageSchema = z.object({ seq: z.optional(z.int()), time: z.string(), type: z.string(), subscriptionId: z.optional(z.string()), message: z.unknown(), bytes: z.int(), _session: z.optional(z.string()) });
const harSchema = z.object({
  log: z.object({ version: z.string(), entries: z.array(z.unknown()), _icwsMessages: z.optional(z.array(z.unknown())) }),
});

/** A HAR file that cannot be read: says where. */
export class HarFileError extends Error {
  constructor(
    readonly where: string,
    problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'HarFileError';
  }
}

export interface HarImport {
  entries: TrafficEntry[];
  /** Entries that were not ICWS requests (pages, scripts, CORS preflights), left out. */
  skipped: number;
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'DELETE']);

/**
 * Reads a HAR document into timeline entries, oldest first (seq numbers are placeholders; the
 * timeline numbers them anew). Only ICWS requests are kept. Secrets in a browser's capture (the
 * session id, CSRF token, cookies, passwords) are masked as the client masks its own.
 */
export function fromHar(text: string): HarImport {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new HarFileError('file', 'not JSON');
  }
  const parsed = harSchema.safeParse(document);
  if (!parsed.success) throw new HarFileError(pathText('', parsed.error.issues[0]?.path), parsed.error.issues[0]?.message ?? 'not a HAR document');
  const { log } = parsed.data;
  const harEntries = log.entries.map((raw, index) => {
    const where = `log.entries[${index}]`;
    refuseTooDeep(raw, where);
    const item = harEntrySchema.safeParse(raw);
    if (!item.success) throw new HarFileError(pathText(where, item.error.issues[0]?.path), item.error.issues[0]?.message ?? 'not a HAR entry');
    return { where, data: item.data };
  });
  // Every secret of the capture is learned before any entry is masked: one may show in an entry
  // earlier than the one that reveals it.
  const redactor = new Redactor();
  for (const { where, data } of harEntries) if (isIcwsEntry(data)) learnSecrets(data, redactor, where);
  /** Entries with the position they had in the timeline they were saved from, if any. */
  const entries: { entry: TrafficEntry; seq?: number }[] = [];
  let skipped = 0;
  for (const { where, data } of harEntries) {
    if (!isIcwsEntry(data)) {
      skipped++;
      continue;
    }
    const exchange = exchangeOf(data, redactor, where);
    entries.push({ entry: checked({ kind: 'call', seq: 0, time: exchange.startedAt, exchange }, where), seq: data._icws?.seq });
    if (!log._icwsMessages) entries.push(...polledMessages(exchange).map((entry) => ({ entry })));
  }
  (log._icwsMessages ?? []).forEach((raw, index) => {
    const where = `log._icwsMessages[${index}]`;
    refuseTooDeep(raw, where);
    const item = harMessageSchema.safeParse(raw);
    if (!item.success) throw new HarFileError(pathText(where, item.error.issues[0]?.path), item.error.issues[0]?.message ?? 'not a message');
    const time = dateOf(item.data.time, `${where}.time`);
    const message = checked({ kind: 'message', seq: 0, time, type: item.data.type, subscriptionId: item.data.subscriptionId, message: redactor.json(item.data.message), bytes: item.data.bytes, ...(item.data._session ? { sessionName: item.data._session } : {}) }, where);
    entries.push({ entry: message, seq: item.data.seq });
  });
  // An archive saved here keeps its order (a call is recorded when it ends, after the messages
  // that came while it ran); a browser's is ordered by time. Stable either way.
  const bySeq = entries.every(({ seq }) => seq !== undefined);
  const ordered = entries.map((item, order) => ({ ...item, order })).sort((a, b) => (bySeq ? a.seq! - b.seq! : a.entry.time - b.entry.time) || a.order - b.order);
  return { entries: ordered.map(({ entry }, index) => ({ ...entry, seq: index + 1 })), skipped };
}

type HarEntry = z.infer<typeof harEntrySchema>;

/** An archive saved here holds only what the client sent (status icons included); from a browser, only ICWS requests are kept. */
function isIcwsEntry(entry: HarEntry): boolean {
  return METHODS.has(entry.request.method) && (entry.request.url.includes('/icws/') || entry._icws !== undefined);
}

/** A browser's capture holds the real session id and secrets: the redactor learns them, to mask them everywhere. */
function learnSecrets(entry: HarEntry, redactor: Redactor, where: string): void {
  const { request, response } = entry;
  const session = /\/icws\/([^/?#]+)/.exec(request.url)?.[1];
  if (session && session !== SESSION_ID_PLACEHOLDER && !['connection', 'configuration'].includes(session) && !/^%7B/i.test(session)) {
    try {
      redactor.addSessionId(decodeURIComponent(session));
    } catch {
      // The value is not repeated: it may be a real session id.
      throw new HarFileError(`${where}.request.url`, 'the session id segment has a bad percent-escape (a "%" not followed by two hex digits of UTF-8)');
    }
  }
  for (const header of [...request.headers, ...response.headers]) {
    const lower = header.name.toLowerCase();
    if (lower === 'inin-icws-csrf-token') redactor.addSecret(header.value);
    if (lower === 'inin-icws-session-id') redactor.addSessionId(header.value);
    if (lower === 'cookie' || lower === 'set-cookie') for (const value of cookieValuesOf(header.value, lower === 'set-cookie')) redactor.addSecret(value);
  }
  // A login's password, so an answer that repeats it is masked too (in the body it is masked by name).
  const login = request.method === 'POST' && /\/icws\/connection(?:[?#]|$)/.test(request.url) ? safeJson(request.postData?.text) : undefined;
  if (typeof login === 'object' && login !== null && typeof (login as { password?: unknown }).password === 'string') redactor.addPassword((login as { password: string }).password);
}

/**
 * Every cookie value in a `Cookie` or `Set-Cookie` header, in each form it may turn up in: as
 * written, without its quotes, URL-decoded. A name may repeat (each value counts), and a browser
 * joins several headers with newlines (Set-Cookie also with commas). Only a cookie's value is a
 * secret; its attributes (Path=/icws, Max-Age=3600, SameSite=Lax) are not.
 */
function cookieValuesOf(header: string, setCookie: boolean): string[] {
  const lines = header.split(/\r?\n/);
  const pairs = setCookie ? lines.flatMap((line) => splitCookiesString(line)).map((cookie) => cookie.split(';', 1)[0]!) : lines.flatMap((line) => line.split(';'));
  const values = new Set<string>();
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const value = pair.slice(equals + 1).trim();
    const bare = /^".*"$/s.test(value) ? value.slice(1, -1) : value;
    for (const form of [value, bare]) {
      values.add(form);
      try {
        values.add(decodeURIComponent(form));
      } catch {
        // Not URL-encoded: it turns up only as written.
      }
    }
  }
  return [...values];
}

function exchangeOf(entry: HarEntry, redactor: Redactor, where: string): HttpExchange {
  const { request, response } = entry;
  const requestBody = bodyOf(request.postData?.text, `${where}.request.postData.text`);
  const responseBody = response.content.encoding === 'base64' ? undefined : bodyOf(response.content.text, `${where}.response.content.text`);
  const url = redactor.text(request.url);
  const phases = entry._icws ? entry._icws.phases : phasesOf(entry.timings);
  return {
    id: entry._icws?.id ?? 0,
    startedAt: dateOf(entry.startedDateTime, `${where}.startedDateTime`),
    method: request.method as HttpMethod,
    url,
    template: entry._icws?.template ?? templateOf(url),
    operation: entry._icws?.operation ?? `${request.method} ${templateOf(url)}`,
    requestHeaders: redactor.headers(Object.fromEntries(request.headers.map((h) => [h.name, h.value]))),
    ...(requestBody === undefined ? {} : { requestBody: redactor.json(requestBody) }),
    requestBytes: Math.max(0, request.bodySize ?? 0),
    ...(response.status > 0 ? { status: response.status } : {}),
    ...(response.status > 0 ? { responseHeaders: redactor.headers(Object.fromEntries(response.headers.map((h) => [h.name, h.value]))) } : {}),
    ...(responseBody === undefined ? {} : { responseBody: redactor.json(responseBody) }),
    responseBytes: Math.max(0, response.bodySize ?? response.content.size ?? 0),
    durationMs: Math.max(0, entry.time),
    ...(phases ? { phases } : {}),
    ...(entry._error === undefined && response.status > 0 ? {} : { error: entry._error ?? 'no answer' }),
    ...(entry._session ? { sessionName: entry._session } : {}),
  };
}

/** The ICWS template of a path from elsewhere: the session and interaction ids named. */
function templateOf(url: string): string {
  const path = pathOf(url).replace(/[?#].*$/, '');
  const icws = path.slice(path.indexOf('/icws/'));
  return icws.replace(/\/interactions\/\d+/g, '/interactions/{interactionId}');
}

function phasesOf(timings: Record<string, number | undefined> | undefined): ExchangePhases | undefined {
  if (!timings) return undefined;
  const value = (name: string) => (typeof timings[name] === 'number' && timings[name]! >= 0 ? timings[name] : undefined);
  const tls = value('ssl');
  const connect = value('connect');
  const phases: ExchangePhases = {
    wait: value('blocked'),
    dns: value('dns'),
    connect: connect === undefined ? undefined : Math.max(0, connect - (tls ?? 0)),
    tls,
    send: value('send'),
    firstByte: value('wait'),
    download: value('receive'),
  };
  for (const key of Object.keys(phases) as (keyof ExchangePhases)[]) if (phases[key] === undefined) delete phases[key];
  return phases;
}

/** The messages a polled `/messaging/messages` answer carried (a browser's capture has no other record of them). */
function polledMessages(exchange: HttpExchange): TrafficEntry[] {
  if (!exchange.template.endsWith('/messaging/messages') || !Array.isArray(exchange.responseBody)) return [];
  const time = exchange.startedAt + exchange.durationMs;
  return exchange.responseBody.flatMap((message): TrafficEntry[] => {
    if (typeof message !== 'object' || message === null) return [];
    const record = message as Record<string, unknown>;
    const type = typeof record.__type === 'string' ? shortMessageType(record.__type) : '(invalid)';
    const subscriptionId = typeof record.subscriptionId === 'string' ? record.subscriptionId : undefined;
    return [{ kind: 'message', seq: 0, time, type, subscriptionId, message, bytes: Buffer.byteLength(JSON.stringify(message)) }];
  });
}

function bodyOf(text: string | undefined, where: string): unknown {
  if (text === undefined || text === '') return undefined;
  // Held to the bound an answer is held to live (a list's items each on their own), but refused whole.
  const body = parseAnswer(text, true);
  if (!body.ok && body.tooDeep) throw new HarFileError(where, nestedTooDeep());
  if (body.ok && body.leftOut.length) throw new HarFileError(`${where}[${body.leftOut[0]}]`, nestedTooDeep());
  if (body.ok) return body.value;
  // Not JSON (an error page from a proxy, say): kept as the text it was.
  return text.length > 100_000 ? `${text.slice(0, 100_000)}… (${where} cut)` : text;
}

function refuseTooDeep(raw: unknown, where: string): void {
  if (nestsDeeperThan(raw, MAX_ENTRY_DEPTH)) throw new HarFileError(where, nestedTooDeep(MAX_ENTRY_DEPTH));
}

function safeJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function dateOf(text: string, where: string): number {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new HarFileError(where, 'not a date');
  return time;
}

/** The entry, checked as any traffic entry is (the same rules as a JSON-lines file). */
function checked(entry: TrafficEntry, where: string): TrafficEntry {
  const result = trafficEntrySchema.safeParse(entry);
  if (!result.success) throw new HarFileError(pathText(where, result.error.issues[0]?.path), result.error.issues[0]?.message ?? 'not a traffic entry');
  return result.data as TrafficEntry;
}

function pathText(where: string, path: readonly PropertyKey[] | undefined): string {
  const tail = (path ?? []).map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  return where ? `${where}${tail}` : tail.replace(/^\./, '') || 'file';
}
