// What the health of one session looks like at one moment: plain data a view renders. Every
// part keeps the ids of the exchanges behind it (the session's own `HttpExchange.id`s), so a view
// can link to their Traffic entries.
import type { ChannelState, MessagingMode } from '../MessageChannel';

/** A stretch of silence on the message channel longer than it should have been. */
export interface StreamGap {
  /** The last sign of life before it (Date.now()). */
  from: number;
  /** The first sign of life after it; undefined while the silence goes on. */
  to?: number;
  ms: number;
  /** The stream or poll exchanges that were open around it. */
  exchangeIds: number[];
}

export interface Reconnect {
  at: number;
  reason: string;
  /** When the channel was open again; undefined while it is still retrying. */
  reopenedAt?: number;
  exchangeIds: number[];
}

export interface StreamSnapshot {
  mode: MessagingMode;
  state: ChannelState;
  connectedSince?: number;
  lastMessageAt?: number;
  lastHeartbeatAt?: number;
  messages: number;
  heartbeats: number;
  /** The interval between heartbeats: learned from the last ones, else what the channel expects. */
  heartbeatIntervalMs: number;
  /** Whether the interval was measured (else it is the channel's own expectation). */
  intervalLearned: boolean;
  /** Silence longer than this is a gap (the interval with slack for timers and load). */
  allowedSilenceMs: number;
  /** Since when the channel has been silent too long, when it is now. */
  silentSince?: number;
  gapCount: number;
  /** The most recent gaps, newest first (at most `MAX_LISTED`). */
  gaps: StreamGap[];
  reconnectCount: number;
  /** The most recent reconnects, newest first. */
  reconnects: Reconnect[];
  /** The exchange of the open stream, or the most recent polls. */
  exchangeIds: number[];
}

export type SubscriptionKind = 'queue' | 'user-status';

export interface SubscriptionSnapshot {
  kind: SubscriptionKind;
  subscriptionId: string;
  /** What it watches, in words (`user queue agent1`, `users agent1, agent2`). */
  watches: string;
  subscribedAt?: number;
  messages: number;
  lastMessageAt?: number;
  /** Other subscriptions of this session that watch the same queue or user. */
  duplicateOf: string[];
  /** True when the owners were asked and none needs it; undefined when no owner answers for this session. */
  unneeded?: boolean;
  /** Who said they need it. */
  heldBy: string[];
  /** The PUT and DELETE exchanges that made or changed it. */
  exchangeIds: number[];
}

export interface OperationTiming {
  /** `METHOD /path-template` without the `/icws/{sessionId}` prefix. */
  operation: string;
  count: number;
  p50Ms: number;
  p95Ms: number;
  /** The slowest of the recent ones. */
  exchangeIds: number[];
}

export interface FailureCount {
  /** The HTTP status, or `no answer`. */
  status: number | 'no answer';
  count: number;
  exchangeIds: number[];
}

export interface RequestSnapshot {
  inFlight: number;
  inFlightExchangeIds: number[];
  /** Failures in the last minute, by status, most frequent first. */
  failedLastMinute: FailureCount[];
  /** By operation, slowest p95 first. */
  timings: OperationTiming[];
}

export interface FeatureSnapshot {
  featureId: string;
  version: number;
  /** What of the extension it enables (its requirements met). */
  enables: string[];
  /** What the extension would do with a newer version, and which version it needs. */
  lacks: { what: string; version: number }[];
}

export interface SessionHealthSnapshot {
  takenAt: number;
  stream: StreamSnapshot;
  subscriptions: SubscriptionSnapshot[];
  requests: RequestSnapshot;
  features: FeatureSnapshot[];
}

/** How many gaps and reconnects a snapshot lists (all are counted). */
export const MAX_LISTED = 20;
