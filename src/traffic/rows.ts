// What the Traffic panel shows of each entry: one short row, columns a person sorts by. Plain
// data in, plain data out, so the page and the tests share it.

import { pathOf } from '../icws/urls';
import { interactionIdsOf, type TrafficEntry } from './entry';

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

export function rowOf(entry: TrafficEntry): TrafficRow {
  const interactionIds = interactionIdsOf(entry).slice(0, MAX_IDS_IN_ROW);
  if (entry.kind === 'message') {
    return { seq: entry.seq, time: entry.time, kind: 'message', method: entry.type, path: entry.subscriptionId ?? '', bytes: entry.bytes, interactionIds };
  }
  const x = entry.exchange;
  return { seq: entry.seq, time: entry.time, kind: 'call', method: x.method, path: pathOf(x.url), status: x.status ?? 0, durationMs: x.durationMs, bytes: x.requestBytes + x.responseBytes, interactionIds };
}
