// Is this session alive and complete? One model per session, fed only by the session's own events:
// its message channel (stream), its subscription owners (subscriptions), its transport
// (requests) and its feature versions. Plain Node: the VS Code view renders its snapshots.
import { Coalescer } from '../Coalescer';
import { Emitter } from '../events';
import type { HttpExchange } from '../httpTypes';
import type { IcwsSession } from '../IcwsSession';
import { DisposableOwner } from '../lifecycle';
import { featureSnapshot } from './featureHealth';
import type { SessionHealthSnapshot } from './healthTypes';
import { RequestHealth } from './RequestHealth';
import { StreamHealth } from './StreamHealth';
import { type SubscriptionHolder, SubscriptionHealth } from './SubscriptionHealth';

/** A view hears of changes at most this often (4 times a second). */
export const HEALTH_UPDATE_MS = 250;

export class SessionHealth extends DisposableOwner {
  private readonly stream: StreamHealth;
  private readonly subscriptions: SubscriptionHealth;
  private readonly requests = new RequestHealth();
  /** The exchanges of this session (Traffic holds the same objects: a link finds its entries by them). */
  private readonly exchanges = new WeakSet<HttpExchange>();
  private observed = false;
  private readonly changeEmitter = this.register(new Emitter<void>());
  /** Something shown changed; at most every `HEALTH_UPDATE_MS`, and only while observed. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly updates = this.register(new Coalescer<void>(HEALTH_UPDATE_MS, () => undefined, () => this.changeEmitter.fire()));

  constructor(readonly session: IcwsSession) {
    super();
    this.stream = this.register(new StreamHealth(session.messages, () => this.changed()));
    this.subscriptions = new SubscriptionHealth(session.queues, session.status);
    this.register(
      session.messages.onMessage((decoded) => {
        this.subscriptions.noteMessage(decoded, Date.now());
      }),
    );
    this.register(session.http.onRequestStart((exchange) => this.requestStarted(exchange)));
    this.register(session.http.onExchange((exchange) => this.exchangeRecorded(exchange)));
    this.register(session.onDidEnd(() => this.requests.clearInFlight()));
  }

  /** The channel became silent for longer than its heartbeat interval (true), or spoke again. */
  get onDidChangeSilence() {
    return this.stream.onDidChangeSilence;
  }

  get isSilent(): boolean {
    return this.stream.isSilent;
  }

  /** Whether someone looks: changes are announced only then (counters are kept always). */
  setObserved(observed: boolean): void {
    this.observed = observed;
    if (observed) this.changed();
    else this.updates.discard();
  }

  /** A part of the client that needs subscriptions of this session; asked at each snapshot. */
  addHolder(holder: SubscriptionHolder) {
    return this.register(this.subscriptions.addHolder(holder));
  }

  /** Whether an exchange (as Traffic recorded it) is one of this session's. */
  owns(exchange: HttpExchange): boolean {
    return this.exchanges.has(exchange);
  }

  snapshot(now = Date.now()): SessionHealthSnapshot {
    return {
      takenAt: now,
      stream: this.stream.snapshot(now),
      subscriptions: this.subscriptions.snapshot(),
      requests: this.requests.snapshot(now),
      features: featureSnapshot(this.session.features),
    };
  }

  private requestStarted(exchange: HttpExchange): void {
    this.requests.started(exchange);
    this.changed();
  }

  private exchangeRecorded(exchange: HttpExchange): void {
    this.exchanges.add(exchange);
    this.requests.finished(exchange);
    this.subscriptions.noteExchange(exchange);
    this.stream.noteExchange(exchange);
    this.changed();
  }

  private changed(): void {
    if (this.observed && !this.isDisposed) this.updates.add(noChange);
  }
}

function noChange(): void {}
