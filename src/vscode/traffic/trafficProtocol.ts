// The one message channel between the Traffic view and its page, typed on both sides. Messages
// from the page are validated before use: the page renders untrusted data and is treated as
// untrusted in turn. (Type-only imports here: the page's bundle takes no code from the client.)
import { z } from '../../icws/zod';
import type { TrafficEntry, TrafficStats } from '../../icws';

/** One line of the timeline (details are fetched when a row is selected). */
export interface TrafficRow {
  seq: number;
  time: number;
  kind: 'call' | 'message';
  summary: string;
  /** Calls: the HTTP status, or 0 when no answer came. */
  status?: number;
  /** Messages: `type subscription`, to highlight its siblings. */
  group?: string;
  subscriptionId?: string;
}

export interface SessionBox {
  connected: boolean;
  server: string;
  user: string;
  subscriptions: string[];
  stats: TrafficStats;
}

export type ToTrafficPage =
  | { type: 'reset'; rows: TrafficRow[]; capacity: number; filter: string }
  | { type: 'append'; rows: TrafficRow[]; capacity: number }
  | { type: 'details'; seq: number; entry: TrafficEntry; curl?: string; timing?: string }
  | ({ type: 'session' } & SessionBox)
  | { type: 'sessionId'; value: string };

const seq = z.int();
export const fromTrafficPageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('select'), seq }),
  z.object({ type: z.literal('copyJson'), seq }),
  z.object({ type: z.literal('copyCurl'), seq }),
  z.object({ type: z.literal('reveal'), interactionId: z.string().check(z.regex(/^\d{1,20}$/)) }),
  z.object({ type: z.literal('revealSessionId') }),
  z.object({ type: z.literal('save') }),
  z.object({ type: z.literal('open') }),
  z.object({ type: z.literal('clear') }),
  z.object({ type: z.literal('filter'), text: z.string().check(z.maxLength(1_000)) }),
]);

export type FromTrafficPage = z.infer<typeof fromTrafficPageSchema>;
