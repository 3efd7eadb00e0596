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
  /**
   * What tells this row from its neighbours, first (as DevTools' Name column): calls, the path after
   * `/icws/{sessionId}/` with the operation first and interaction ids shortened (`consult …4567`);
   * messages, their type.
   */
  name: string;
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
  /** The profile name of the session it came from ("agent1 @ cic-dev"), when known. */
  session?: string;
}

const MAX_IDS_IN_ROW = 5;

export function rowOf(entry: TrafficEntry): TrafficRow {
  const interactionIds = interactionIdsOf(entry).slice(0, MAX_IDS_IN_ROW);
  let row: TrafficRow;
  if (entry.kind === 'message') {
    row = { seq: entry.seq, time: entry.time, kind: 'message', method: entry.type, name: entry.type, path: entry.subscriptionId ?? '', bytes: entry.bytes, interactionIds };
    if (entry.sessionName) row.session = entry.sessionName;
    return row;
  }
  const x = entry.exchange;
  const path = pathOf(x.url);
  row = { seq: entry.seq, time: entry.time, kind: 'call', method: x.method, name: callName(path), path, status: x.status ?? 0, durationMs: x.durationMs, bytes: x.requestBytes + x.responseBytes, interactionIds };
  if (x.sessionName) row.session = x.sessionName;
  return row;
}

/** Digits of an interaction id a name keeps: enough to tell a call's legs apart, short enough to leave the operation room. */
const ID_TAIL = 4;

/**
 * A call's short name: the path after `/icws/{sessionId}/` (or `/icws/`), an interaction's
 * operation before its id (`consult …4567`, `interactions/…4567` for the interaction itself), and
 * any query after it.
 */
export function callName(path: string): string {
  const question = path.indexOf('?');
  const bare = question < 0 ? path : path.slice(0, question);
  const query = question < 0 ? '' : path.slice(question);
  const rest = bare.replace(/^.*?\/icws\/(?:\{sessionId\}\/)?/, '') || bare;
  const short = (id: string) => (id.length > ID_TAIL + 1 ? `…${id.slice(-ID_TAIL)}` : id);
  const interaction = /^interactions\/(\d+)(?:\/(.+))?$/.exec(rest);
  if (interaction) return `${interaction[2] ? `${interaction[2]} ` : 'interactions/'}${short(interaction[1]!)}${query}`;
  return `${rest.replace(/\/interactions\/(\d+)/g, (_all, id: string) => `/interactions/${short(id)}`)}${query}`;
}
