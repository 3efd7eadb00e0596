// Queue subscriptions on the simulator: a full snapshot on PUT, then deltas. Changes are
// collected per subscription and sent together once per tick, so a burst of changes to one
// interaction becomes one message, and the client is never told about an interaction it
// never saw leave.

import { type QueueContentsMessage, type QueueInteraction, URN } from '../icws/wire';
import { type CallCenter, type InteractionChange, type SimInteraction } from './CallCenter';
import type { SimSession } from './SimSession';

interface QueueFeed {
  session: SimSession;
  subscriptionId: string;
  queueKeys: ReadonlySet<string>;
  /** Lower-case requested attribute names. */
  attributeNames: readonly string[];
  /** The same names as a set: checked for every change on the hot path. */
  wanted: ReadonlySet<string>;
  /** Interactions the client has been told are on the subscription's queues. */
  known: Set<string>;
  /** Interactions touched since the last message, with the requested attributes that changed. */
  pending: Map<string, Set<string>>;
}

export class QueueFeeds {
  private readonly feeds = new Map<string, QueueFeed>();
  private readonly byQueue = new Map<string, Set<QueueFeed>>();
  private readonly dirty = new Set<QueueFeed>();
  private flushScheduled = false;

  constructor(private readonly callCenter: CallCenter) {
    callCenter.onChange((change) => this.onInteractionChange(change));
  }

  /** Creates or replaces a subscription and sends its snapshot (`isDelta: false`). */
  subscribe(session: SimSession, subscriptionId: string, queueKeys: string[], attributeNames: string[]): void {
    this.unsubscribe(session, subscriptionId);
    const feed: QueueFeed = {
      session,
      subscriptionId,
      queueKeys: new Set(queueKeys),
      attributeNames: [...new Set(attributeNames.map((name) => name.toLowerCase()))],
      wanted: new Set(attributeNames.map((name) => name.toLowerCase())),
      known: new Set(),
      pending: new Map(),
    };
    this.feeds.set(feedKey(session, subscriptionId), feed);
    for (const key of feed.queueKeys) {
      let set = this.byQueue.get(key);
      if (!set) this.byQueue.set(key, (set = new Set()));
      set.add(feed);
    }
    const added: QueueInteraction[] = [];
    for (const interaction of this.callCenter.all()) {
      if (!isVisible(feed, interaction)) continue;
      feed.known.add(interaction.id);
      added.push(describe(interaction, feed.attributeNames, false));
    }
    const snapshot: QueueContentsMessage = { __type: URN.queueContentsMessage, isDelta: false, subscriptionId, interactionsAdded: added };
    session.send(snapshot);
  }

  unsubscribe(session: SimSession, subscriptionId: string): boolean {
    const key = feedKey(session, subscriptionId);
    const feed = this.feeds.get(key);
    if (!feed) return false;
    this.feeds.delete(key);
    this.dirty.delete(feed);
    for (const queue of feed.queueKeys) this.byQueue.get(queue)?.delete(feed);
    return true;
  }

  dropSession(session: SimSession): void {
    for (const feed of [...this.feeds.values()]) if (feed.session === session) this.unsubscribe(session, feed.subscriptionId);
  }

  /** Sessions whose subscriptions currently hold `interactionId`. */
  sessionsHolding(interactionId: string): SimSession[] {
    const sessions = new Set<SimSession>();
    for (const feed of this.feeds.values()) if (feed.known.has(interactionId)) sessions.add(feed.session);
    return [...sessions];
  }

  count(): number {
    return this.feeds.size;
  }

  /** Sends what is pending now instead of at the end of the tick. */
  flush(): void {
    this.flushScheduled = false;
    const feeds = [...this.dirty];
    this.dirty.clear();
    for (const feed of feeds) this.flushFeed(feed);
  }

  private onInteractionChange(change: InteractionChange): void {
    const { interaction } = change;
    const touched = new Set<QueueFeed>();
    for (const key of change.queuesBefore) this.byQueue.get(key)?.forEach((feed) => touched.add(feed));
    for (const key of interaction.queues) this.byQueue.get(key)?.forEach((feed) => touched.add(feed));
    for (const feed of touched) {
      let attributes = feed.pending.get(interaction.id);
      if (!attributes) feed.pending.set(interaction.id, (attributes = new Set()));
      for (const name of change.changed) if (feed.wanted.has(name)) attributes.add(name);
      this.dirty.add(feed);
    }
    if (touched.size > 0 && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flushFeed(feed: QueueFeed): void {
    const added: QueueInteraction[] = [];
    const changed: QueueInteraction[] = [];
    const removed: string[] = [];
    for (const [id, changedNames] of feed.pending) {
      const interaction = this.callCenter.find(id);
      const visible = interaction !== undefined && isVisible(feed, interaction);
      const known = feed.known.has(id);
      if (visible && !known) {
        feed.known.add(id);
        added.push(describe(interaction, feed.attributeNames, false));
      } else if (visible && known && changedNames.size > 0) {
        changed.push(describe(interaction, [...changedNames], true));
      } else if (!visible && known) {
        feed.known.delete(id);
        removed.push(id);
      }
    }
    feed.pending.clear();
    if (added.length + changed.length + removed.length === 0) return;
    const message: QueueContentsMessage = { __type: URN.queueContentsMessage, isDelta: true, subscriptionId: feed.subscriptionId };
    if (added.length) message.interactionsAdded = added;
    if (changed.length) message.interactionsChanged = changed;
    if (removed.length) message.interactionsRemoved = removed;
    feed.session.send(message);
  }
}

function feedKey(session: SimSession, subscriptionId: string): string {
  return `${session.id}\u0000${subscriptionId}`;
}

function isVisible(feed: QueueFeed, interaction: SimInteraction): boolean {
  for (const key of interaction.queues) if (feed.queueKeys.has(key)) return true;
  return false;
}

/**
 * The requested attributes, spelled as the server stores them. A snapshot or addition carries
 * only attributes that have values; a change carries cleared ones as "" so the client can drop them.
 */
function describe(interaction: SimInteraction, names: readonly string[], includeEmpty: boolean): QueueInteraction {
  const attributes: Record<string, string> = {};
  for (const name of names) {
    const attribute = interaction.attributes.get(name);
    if (attribute && (includeEmpty || attribute.value !== '')) attributes[attribute.name] = attribute.value;
    else if (includeEmpty && !attribute) attributes[name] = '';
  }
  return { interactionId: interaction.id, attributes };
}
