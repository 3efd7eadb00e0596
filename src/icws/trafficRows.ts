// What the Traffic panel shows of each entry (one short row, columns a person sorts by) and how
// entries relate: the interactions an entry is about, the messages a request caused, the request
// behind a message. Plain data in, plain data out, so the page and the tests share it.

import type { TrafficEntry } from './TrafficRecorder';

/** One line of the timeline; details are fetched when a row is selected. */
export interface TrafficRow {
  seq: number;
  time: number;
  kind: 'call' | 'message';
  /** Calls: the HTTP method. Messages: the short message type. */
  method: string;
  /** Calls: the URL path (session id masked). Messages: the subscription id, if any. */
  path: string;
  /** Calls: the HTTP status, 0 when no answer came. Messages: absent. */
  status?: number;
  /** Calls: the whole exchange, in ms. */
  durationMs?: number;
  /** Bytes sent and received (calls), or the message's size. */
  bytes: number;
  /** The interactions the entry is about, first ones first (at most a few). */
  interactionIds: string[];
}

const MAX_IDS_IN_ROW = 5;
/** How long after a request its messages still count as caused by it. */
export const RELATED_WINDOW_MS = 10_000;
const MAX_RELATED = 50;

export function rowOf(entry: TrafficEntry): TrafficRow {
  const interactionIds = interactionIdsOf(entry).slice(0, MAX_IDS_IN_ROW);
  if (entry.kind === 'message') {
    return { seq: entry.seq, time: entry.time, kind: 'message', method: entry.type, path: entry.subscriptionId ?? '', bytes: entry.bytes, interactionIds };
  }
  const x = entry.exchange;
  return { seq: entry.seq, time: entry.time, kind: 'call', method: x.method, path: pathOf(x.url), status: x.status ?? 0, durationMs: x.durationMs, bytes: x.requestBytes + x.responseBytes, interactionIds };
}

/** The URL without its origin (a reverse-proxy prefix stays). */
export function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/i, '') || '/';
}

/**
 * The interaction ids an entry mentions: a call's `/interactions/{id}` segments and the ids in its
 * bodies (`consultInteractionId`, …); a message's added, changed and removed interactions.
 */
export function interactionIdsOf(entry: TrafficEntry): string[] {
  const found = new Set<string>();
  if (entry.kind === 'call') {
    for (const match of entry.exchange.url.matchAll(/\/interactions\/(\d+)/g)) found.add(match[1]!);
    collectIds(entry.exchange.requestBody, found, undefined);
    collectIds(entry.exchange.responseBody, found, undefined);
  } else {
    collectIds(entry.message, found, undefined);
  }
  return [...found];
}

/** Walks a JSON value for `…interactionId` properties and the strings of `interactionsRemoved`-like lists. */
function collectIds(value: unknown, into: Set<string>, key: string | undefined): void {
  if (typeof value === 'string') {
    if (key && /interactionids?$|^interactionsremoved$|^interactions$/i.test(key) && /^\d+$/.test(value)) into.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into, key);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) collectIds(item, into, name);
  }
}

export interface Relations {
  /** For a message: the state-changing request about the same interaction that came shortly before it. */
  cause?: TrafficEntry;
  /** For a request: the messages about its interactions that followed it. */
  messages: TrafficEntry[];
}

/**
 * How `entry` relates to the rest of the timeline (`entries` oldest first). A request relates to
 * the messages about its interactions in the next ten seconds, up to the next state-changing
 * request about them; a message to the latest state-changing request about its interactions
 * within ten seconds before it (a GET changes nothing, so causes nothing).
 */
export function relationsOf(entry: TrafficEntry, entries: readonly TrafficEntry[]): Relations {
  const mine = interactionIdsOf(entry);
  const at = indexOfSeq(entries, entry.seq);
  if (!mine.length || at < 0) return { messages: [] };
  const shares = (other: TrafficEntry) => interactionIdsOf(other).some((id) => mine.includes(id));
  const changesState = (other: TrafficEntry) => other.kind === 'call' && other.exchange.method !== 'GET';
  if (entry.kind === 'message') {
    for (let i = at - 1; i >= 0; i--) {
      const other = entries[i]!;
      if (entry.time - other.time > RELATED_WINDOW_MS) break;
      if (changesState(other) && shares(other)) return { cause: other, messages: [] };
    }
    return { messages: [] };
  }
  const messages: TrafficEntry[] = [];
  for (let i = at + 1; i < entries.length && messages.length < MAX_RELATED; i++) {
    const other = entries[i]!;
    if (other.time - entry.time > RELATED_WINDOW_MS) break;
    if (!shares(other)) continue;
    if (changesState(other)) break;
    if (other.kind === 'message') messages.push(other);
  }
  return { messages };
}

/** Entries are in seq order, so a binary search finds one. */
export function indexOfSeq(entries: readonly TrafficEntry[], seq: number): number {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = entries[middle]!.seq;
    if (value === seq) return middle;
    if (value < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

const DOCS_ROOT = 'https://help.genesys.com/developer/cic/docs/icws/webhelp/';

/**
 * The public ICWS documentation page of an operation: one page per path template, all methods on
 * it, `{name}` written `(name)`. Only templates of the ICWS API have one.
 */
export function documentationUrl(template: string): string | undefined {
  if (!/^\/icws(\/(\{\w+\}|[\w-]+))+$/.test(template)) return undefined;
  return `${DOCS_ROOT}${template.slice(1).replace(/\{(\w+)\}/g, '($1)')}/index.htm`;
}
