// The one message channel between the Traffic panel and its page, typed on both sides. Messages
// from the page are validated before use: the page renders untrusted data and is treated as
// untrusted in turn. (Type-only imports here: the page's bundle takes no code from the client.)
import * as z from '../../icws/zod';
import type { TrafficEntry, TrafficRow, TrafficStats } from '../../traffic';

import type { PackedRow } from './rowCodec';

export type { PackedRow, TrafficRow };

export interface SessionBox {
  connected: boolean;
  server: string;
  user: string;
  subscriptions: string[];
  stats: TrafficStats;
}

export interface EntryDetails {
  seq: number;
  entry: TrafficEntry;
  /** Whether the operation has a page on the public ICWS help site (the page asks to open it). */
  hasDocs: boolean;
  /** Whether a session is up to replay the call with. */
  canReplay: boolean;
  /** For a request: the messages it caused. For a message: the request that caused it. */
  related: TrafficRow[];
  cause?: TrafficRow;
}

export type ToTrafficPage =
  | { type: 'reset'; rows: PackedRow[]; capacity: number; filter: string }
  | { type: 'append'; rows: PackedRow[]; capacity: number }
  | ({ type: 'details' } & EntryDetails)
  | ({ type: 'session' } & SessionBox)
  | { type: 'sessionId'; value: string }
  /** Select a row the extension added (a replayed call). */
  | { type: 'reveal'; seq: number };

const seq = z.int();
export const fromTrafficPageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('select'), seq }),
  z.object({ type: z.literal('copy'), seq, as: z.enum(['json', 'curl', 'fetch']) }),
  z.object({ type: z.literal('replay'), seq }),
  z.object({ type: z.literal('toNotebook'), seq }),
  z.object({ type: z.literal('openDocs'), seq }),
  z.object({ type: z.literal('reveal'), interactionId: z.string().check(z.regex(/^\d{1,20}$/)) }),
  z.object({ type: z.literal('revealSessionId') }),
  z.object({ type: z.literal('save'), format: z.enum(['jsonl', 'har']) }),
  z.object({ type: z.literal('open') }),
  z.object({ type: z.literal('clear') }),
  z.object({ type: z.literal('filter'), text: z.string().check(z.maxLength(1_000)) }),
]);

export type FromTrafficPage = z.infer<typeof fromTrafficPageSchema>;
