// One entry of the traffic timeline: an HTTP call the client made, or a message the server sent.
// Everything in an entry is already redacted. What is said about a single entry lives here: its
// one-line summary, the text a filter searches, the interactions it is about.

import type { HttpExchange } from '../icws/httpTypes';
import { pathOf } from '../icws/urls';

export type TrafficEntry =
  | { kind: 'call'; seq: number; time: number; exchange: HttpExchange }
  | { kind: 'message'; seq: number; time: number; type: string; subscriptionId?: string; message: unknown; bytes: number; sessionName?: string };

/** An entry that is an HTTP call (the ones that can be copied as code, replayed, opened in a notebook). */
export type CallEntry = Extract<TrafficEntry, { kind: 'call' }>;

/** One line a person reads in the timeline. */
export function summarize(entry: TrafficEntry): string {
  if (entry.kind === 'message') return `${entry.type}${entry.subscriptionId ? ` ${entry.subscriptionId}` : ''}`;
  // (The session's name is searched by `session:`, not by words: every entry of a session would match it.)
  const { exchange } = entry;
  const outcome = exchange.status ?? `failed: ${exchange.error ?? 'no answer'}`;
  return `${exchange.method} ${pathOf(exchange.url)} ${outcome} ${Math.round(exchange.durationMs)} ms`;
}

/** The lower-case text a filter searches: the summary, the template and the bodies. */
export function searchText(entry: TrafficEntry): string {
  const detail = entry.kind === 'call' ? `${entry.exchange.template} ${JSON.stringify(entry.exchange.requestBody ?? '')} ${JSON.stringify(entry.exchange.responseBody ?? '')}` : JSON.stringify(entry.message);
  return `${summarize(entry)} ${detail}`.toLowerCase();
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
