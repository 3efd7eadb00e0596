// The subscriptions one session holds on the server, as their owners in the client know them (the
// queue subscriptions and the user-status watch), with what came for each and who still needs it.
import type { Disposable } from '../events';
import type { HttpExchange } from '../httpTypes';
import { toDisposable } from '../lifecycle';
import type { DecodedMessage } from '../messages';
import { describeQueue, type QueueSubscriptions } from '../QueueSubscriptions';
import type { UserStatusOperations } from '../UserStatusOperations';
import type { SubscriptionSnapshot } from './healthTypes';

/** The user-status watch's name in the list: ICWS has one such subscription per session. */
export const USER_STATUS_SUBSCRIPTION = 'user-statuses';

/** A part of the client that needs subscriptions of this session (a view, a status follower). */
export interface SubscriptionHolder {
  readonly name: string;
  /** The subscription ids it needs now (`user-statuses` for the user-status watch). */
  holds(): readonly string[];
}

const QUEUE_SUBSCRIPTION = /\/messaging\/subscriptions\/queues\/([^/?#]+)/;
const USER_STATUS_TEMPLATE = '/icws/{sessionId}/messaging/subscriptions/status/user-statuses';
/** Exchanges kept per subscription. */
const KEPT_EXCHANGES = 10;
const MAX_KNOWN_IDS = 1_000;

interface Traffic {
  messages: number;
  lastMessageAt?: number;
  exchangeIds: number[];
}

export class SubscriptionHealth {
  private readonly traffic = new Map<string, Traffic>();
  private readonly holders = new Set<SubscriptionHolder>();

  constructor(
    private readonly queues: QueueSubscriptions,
    private readonly status: UserStatusOperations,
  ) {}

  /** Adds an owner to ask; without any, no subscription is called unneeded. */
  addHolder(holder: SubscriptionHolder): Disposable {
    this.holders.add(holder);
    return toDisposable(() => this.holders.delete(holder));
  }

  /** Counts a message for its subscription: a lookup and two stores. */
  noteMessage(decoded: DecodedMessage, now: number): void {
    let id: string | undefined;
    if (decoded.kind === 'queueContents' || decoded.kind === 'queueSubscriptionState') id = decoded.message.subscriptionId;
    else if (decoded.kind === 'userStatus') id = USER_STATUS_SUBSCRIPTION;
    if (id === undefined) return;
    const traffic = this.trafficOf(id);
    if (!traffic) return;
    traffic.messages++;
    traffic.lastMessageAt = now;
  }

  /** Keeps the exchanges that made, changed or removed a subscription. */
  noteExchange(exchange: HttpExchange): void {
    if (exchange.method !== 'PUT' && exchange.method !== 'DELETE') return;
    const queue = QUEUE_SUBSCRIPTION.exec(exchange.url);
    const id = queue ? safeDecode(queue[1]!) : exchange.template === USER_STATUS_TEMPLATE ? USER_STATUS_SUBSCRIPTION : undefined;
    const ids = id === undefined ? undefined : this.trafficOf(id)?.exchangeIds;
    if (!ids) return;
    ids.push(exchange.id);
    if (ids.length > KEPT_EXCHANGES) ids.shift();
  }

  snapshot(): SubscriptionSnapshot[] {
    const held = this.heldBy();
    const list: (SubscriptionSnapshot & { keys: string[] })[] = [];
    for (const spec of this.queues.specs()) {
      list.push(this.line('queue', spec.subscriptionId, spec.queues.map(describeQueue).join(', '), this.queues.subscribedAt(spec.subscriptionId), spec.queues.map((q) => `queue:${q.queueType}:${q.queueName.toLowerCase()}`), held));
    }
    const watching = this.status.watching;
    if (watching.userIds.length) list.push(this.line('user-status', USER_STATUS_SUBSCRIPTION, `users ${watching.userIds.join(', ')}`, watching.since, [], held));
    // Two subscriptions that watch the same queue: each message comes twice, and one of them is
    // usually left over from a view that forgot to unsubscribe.
    for (const each of list) each.duplicateOf = list.filter((other) => other !== each && other.keys.some((key) => each.keys.includes(key))).map((other) => other.subscriptionId);
    return list.map(({ keys: _keys, ...line }) => line);
  }

  private line(kind: SubscriptionSnapshot['kind'], subscriptionId: string, watches: string, subscribedAt: number | undefined, keys: string[], held: Map<string, string[]> | undefined): SubscriptionSnapshot & { keys: string[] } {
    const traffic = this.traffic.get(subscriptionId);
    const heldBy = held?.get(subscriptionId) ?? [];
    return { kind, subscriptionId, watches, subscribedAt, messages: traffic?.messages ?? 0, lastMessageAt: traffic?.lastMessageAt, duplicateOf: [], unneeded: held ? heldBy.length === 0 : undefined, heldBy, exchangeIds: [...(traffic?.exchangeIds ?? [])], keys };
  }

  /** Asks each owner what it needs: subscription id → the owners' names. Undefined when none answers. */
  private heldBy(): Map<string, string[]> | undefined {
    if (this.holders.size === 0) return undefined;
    const held = new Map<string, string[]>();
    for (const holder of this.holders) {
      for (const id of holder.holds()) held.set(id, [...(held.get(id) ?? []), holder.name]);
    }
    return held;
  }

  /** Undefined for a new id once many are known: a server naming endless ids must not grow this. */
  private trafficOf(id: string): Traffic | undefined {
    let traffic = this.traffic.get(id);
    if (!traffic && this.traffic.size < MAX_KNOWN_IDS) this.traffic.set(id, (traffic = { messages: 0, exchangeIds: [] }));
    return traffic;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
