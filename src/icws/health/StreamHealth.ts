// The message channel's signs of life: messages, heartbeats (keep-alive comments on a stream, poll
// answers), gaps between them longer than the expected interval, and reconnects with their reason.
import { Emitter } from '../events';
import type { HttpExchange } from '../httpTypes';
import { DisposableOwner, toDisposable } from '../lifecycle';
import type { MessageChannel } from '../MessageChannel';
import { MAX_LISTED, type Reconnect, type StreamGap, type StreamSnapshot } from './healthTypes';

const MESSAGES_TEMPLATE = '/icws/{sessionId}/messaging/messages';
/** Heartbeat intervals kept to learn the usual one from (their median). */
const LEARN_FROM = 9;
/** Slack on top of 1.5 intervals before silence counts: timers and a busy machine are late. */
const SLACK_MS = 250;
/** Poll exchanges a stream line links to. */
const RECENT_POLLS = 5;

/**
 * Watches one channel. The cost per message is a counter and a clock read; silence is found by one
 * timer that wakes at the earliest moment it could be too long, not by a timer per message.
 */
export class StreamHealth extends DisposableOwner {
  private messages = 0;
  private heartbeats = 0;
  private lastMessageAt?: number;
  private lastHeartbeatAt?: number;
  /** The last sign of life of either kind (or when watching began). */
  private lastSignAt = Date.now();
  private readonly intervals: number[] = [];
  /** The median of `intervals`, kept up to date as heartbeats come (read for every message). */
  private learned?: number;
  private gapCount = 0;
  private readonly gaps: StreamGap[] = [];
  private reconnectCount = 0;
  private readonly reconnects: Reconnect[] = [];
  private silentSince?: number;
  private silenceTimer?: ReturnType<typeof setTimeout>;
  private streamExchanges: number[] = [];
  private readonly silenceEmitter = this.register(new Emitter<boolean>());
  /** The channel became silent too long (true), or spoke again (false). */
  readonly onDidChangeSilence = this.silenceEmitter.event;

  constructor(
    private readonly channel: MessageChannel,
    /** Something changed that a view shows (called often: the caller coalesces). */
    private readonly changed: () => void,
  ) {
    super();
    this.register(channel.onMessage(() => this.messageCame()));
    this.register(channel.onHeartbeat(() => this.heartbeatCame()));
    this.register(channel.onDidInterrupt((reason) => this.interrupted(reason)));
    this.register(
      channel.onDidChangeState((state) => {
        if (state === 'open') this.reopened();
        if (state === 'stopped') this.clearSilence();
        // Silence before the channel first starts is not the server's.
        if (state === 'connecting' && this.messages + this.heartbeats === 0) this.lastSignAt = Date.now();
        this.changed();
      }),
    );
    this.register(toDisposable(() => clearTimeout(this.silenceTimer)));
    this.armSilenceTimer();
  }

  /** The channel's own exchanges (its stream or polls), for the lines to link to. */
  noteExchange(exchange: HttpExchange): void {
    if (exchange.template !== MESSAGES_TEMPLATE) return;
    if (this.channel.mode === 'sse') this.streamExchanges = [exchange.id];
    else {
      this.streamExchanges.push(exchange.id);
      if (this.streamExchanges.length > RECENT_POLLS) this.streamExchanges.shift();
    }
  }

  get isSilent(): boolean {
    return this.silentSince !== undefined;
  }

  get heartbeatIntervalMs(): number {
    return this.learned ?? this.channel.expectedSilenceMs;
  }

  get allowedSilenceMs(): number {
    return Math.round(this.heartbeatIntervalMs * 1.5 + SLACK_MS);
  }

  snapshot(now = Date.now()): StreamSnapshot {
    const learned = this.learned;
    const ongoing = this.silentSince !== undefined ? [{ from: this.lastSignAt, ms: now - this.lastSignAt, exchangeIds: [...this.streamExchanges] }] : [];
    return {
      mode: this.channel.mode,
      state: this.channel.state,
      connectedSince: this.channel.openSince,
      lastMessageAt: this.lastMessageAt,
      lastHeartbeatAt: this.lastHeartbeatAt,
      messages: this.messages,
      heartbeats: this.heartbeats,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      intervalLearned: learned !== undefined,
      allowedSilenceMs: this.allowedSilenceMs,
      silentSince: this.silentSince,
      gapCount: this.gapCount + ongoing.length,
      gaps: [...ongoing, ...this.gaps].slice(0, MAX_LISTED),
      reconnectCount: this.reconnectCount,
      reconnects: [...this.reconnects],
      exchangeIds: [...this.streamExchanges],
    };
  }

  private messageCame(): void {
    this.messages++;
    this.lastMessageAt = this.signOfLife();
    this.changed();
  }

  private heartbeatCame(): void {
    this.heartbeats++;
    const now = Date.now();
    const before = this.learned;
    if (this.lastHeartbeatAt !== undefined) {
      this.intervals.push(now - this.lastHeartbeatAt);
      if (this.intervals.length > LEARN_FROM) this.intervals.shift();
      this.learned = median(this.intervals);
    }
    this.lastHeartbeatAt = now;
    this.signOfLife(now);
    // A shorter interval brings closer the moment silence is too long (heartbeats are rare: cheap).
    if (this.learned !== before) this.armSilenceTimer();
    this.changed();
  }

  /** Closes a gap that ran longer than allowed, and ends a silence; returns the time. */
  private signOfLife(now = Date.now()): number {
    const silence = now - this.lastSignAt;
    if (silence > this.allowedSilenceMs && this.channel.state !== 'stopped') this.recordGap({ from: this.lastSignAt, to: now, ms: silence, exchangeIds: [...this.streamExchanges] });
    this.lastSignAt = now;
    this.clearSilence();
    return now;
  }

  private recordGap(gap: StreamGap): void {
    this.gapCount++;
    this.gaps.unshift(gap);
    if (this.gaps.length > MAX_LISTED) this.gaps.pop();
  }

  private interrupted(reason: string): void {
    this.reconnectCount++;
    this.reconnects.unshift({ at: Date.now(), reason, exchangeIds: [...this.streamExchanges] });
    if (this.reconnects.length > MAX_LISTED) this.reconnects.pop();
    this.changed();
  }

  private reopened(): void {
    const pending = this.reconnects[0];
    if (pending && pending.reopenedAt === undefined) pending.reopenedAt = Date.now();
  }

  private clearSilence(): void {
    if (this.silentSince === undefined) return;
    this.silentSince = undefined;
    this.silenceEmitter.fire(false);
  }

  /** Wakes when the silence could first be too long; sleeps again when a sign of life came since. */
  private armSilenceTimer(): void {
    clearTimeout(this.silenceTimer);
    if (this.isDisposed) return;
    const due = this.lastSignAt + this.allowedSilenceMs - Date.now();
    this.silenceTimer = setTimeout(() => this.checkSilence(), Math.max(50, due + 1));
    this.silenceTimer.unref?.();
  }

  private checkSilence(): void {
    const now = Date.now();
    const running = this.channel.state !== 'stopped' && this.channel.state !== 'idle';
    if (running && this.silentSince === undefined && now - this.lastSignAt > this.allowedSilenceMs) {
      this.silentSince = this.lastSignAt;
      this.silenceEmitter.fire(true);
      this.changed();
    }
    // While silent, nothing is due until a sign of life; check now and then for a stopped channel.
    if (this.silentSince !== undefined) {
      this.silenceTimer = setTimeout(() => this.checkSilence(), Math.max(250, this.allowedSilenceMs));
      this.silenceTimer.unref?.();
    } else this.armSilenceTimer();
  }
}

/** The middle value, once there are at least two to learn from. */
function median(values: readonly number[]): number | undefined {
  if (values.length < 2) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
