// The one message channel between the Traffic panel and its page, typed on both sides. Messages
// from the page are validated before use (pageMessages.ts): the page renders untrusted data and is
// treated as untrusted in turn. (Type-only imports here: the page's bundle takes no code from the client.)
import type { TrafficEntry, TrafficRow, TrafficStats } from '../../traffic';

import type { PackedRows } from './rowCodec';

export type { PackedRows, TrafficRow, TrafficStats };

export interface SessionBox {
  connected: boolean;
  server: string;
  user: string;
  subscriptions: string[];
}

export interface EntryDetails {
  seq: number;
  entry: TrafficEntry;
  /** Its Name in the table (`consult …4567`), the details' title first. */
  name: string;
  /** Whether the operation has a page on the public ICWS help site (the page asks to open it). */
  hasDocs: boolean;
  /** Whether a session is up to replay the call with. */
  canReplay: boolean;
  /** For a request: the messages it caused. For a message: the request that caused it. */
  related: TrafficRow[];
  cause?: TrafficRow;
}

export type ToTrafficPage =
  // The session box's counts travel with the rows they count, so the two are drawn together.
  | { type: 'reset'; rows: PackedRows; capacity: number; filter: string; stats: TrafficStats }
  | { type: 'append'; rows: PackedRows; capacity: number; stats: TrafficStats }
  /** The column set the person chose, kept by the extension (it outlives a reload of the window). */
  | { type: 'columns'; choices: Record<string, boolean> }
  | ({ type: 'details' } & EntryDetails)
  | ({ type: 'session' } & SessionBox)
  | { type: 'sessionId'; value: string }
  /** Select a row the extension added (a replayed call). */
  | { type: 'reveal'; seq: number };

/** What the page may say; checked by pageMessages.ts (its own bundle, loaded with the panel). */
export type FromTrafficPage = import('./pageMessages').FromTrafficPage;
