import { Emitter } from './events';
import type { InteractionMorphedMessage, QueueContentsMessage, QueueInteraction } from './wire';

/** One interaction as a queue subscription last described it. */
export interface CachedInteraction {
  readonly id: string;
  readonly subscriptionId: string;
  /** Attribute values keyed by lower-case name: ICWS attribute names are case-insensitive. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly conferenceParentId?: string;
}

/** What one applied message changed, so a view can update only those interactions. */
export interface QueueCacheChange {
  subscriptionId: string;
  /** True when the message was a snapshot (`isDelta: false`) that replaced the subscription's content. */
  replaced: boolean;
  added: string[];
  changed: string[];
  removed: string[];
  /** The message applied (what its deltas carried is what changed: a delta sends only that). */
  message?: QueueContentsMessage;
}

export interface InteractionReplacement {
  from: string;
  to: string;
}

interface MutableInteraction {
  id: string;
  subscriptionId: string;
  attributes: Record<string, string>;
  conferenceParentId?: string;
}

const REMAP_LIMIT = 1_000;

/**
 * The local mirror of queue subscriptions. Applies `queueContentsMessage`s exactly as ICWS defines
 * them: `isDelta: false` replaces a subscription's content, `isDelta: true` merges the attributes
 * present and leaves the others alone. Changes and removals of unknown interactions are ignored.
 */
export class QueueCache {
  private readonly subscriptions = new Map<string, Map<string, MutableInteraction>>();
  /** Attribute names as sent -> lower case (the same few names arrive again and again). */
  private readonly lowerCaseNames = new Map<string, string>();
  /** First-seen spelling of each attribute name, for display. */
  private readonly attributeSpelling = new Map<string, string>();
  /** old interaction id -> the id that replaced it. */
  private readonly replacements = new Map<string, string>();
  private readonly changeEmitter = new Emitter<QueueCacheChange>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly morphEmitter = new Emitter<InteractionReplacement>();
  /** An interaction was replaced by another (consult completion): follow it to its new id. */
  readonly onDidMorph = this.morphEmitter.event;

  apply(message: QueueContentsMessage): QueueCacheChange {
    const subscriptionId = message.subscriptionId;
    const before = this.subscriptions.get(subscriptionId);
    const snapshot = !message.isDelta;
    const items = snapshot ? new Map<string, MutableInteraction>() : (before ?? new Map<string, MutableInteraction>());
    this.subscriptions.set(subscriptionId, items);
    // Ids the subscription held before this message, to tell "added" from "changed".
    const heldBefore = (id: string) => (snapshot ? (before?.has(id) ?? false) : items.has(id));
    const added = new Set<string>();
    const changed = new Set<string>();
    const removed = new Set<string>();

    for (const wire of message.interactionsAdded ?? []) {
      (heldBefore(wire.interactionId) && !added.has(wire.interactionId) ? changed : added).add(wire.interactionId);
      items.set(wire.interactionId, this.createInteraction(subscriptionId, wire));
    }
    for (const wire of message.interactionsChanged ?? []) {
      const item = items.get(wire.interactionId);
      if (item) {
        this.mergeAttributes(item.attributes, wire.attributes);
        if (!added.has(wire.interactionId)) changed.add(wire.interactionId);
      } else if (snapshot) {
        // A snapshot may list content under interactionsChanged too; it is still content.
        (heldBefore(wire.interactionId) ? changed : added).add(wire.interactionId);
        items.set(wire.interactionId, this.createInteraction(subscriptionId, wire));
      }
    }
    for (const id of message.interactionsRemoved ?? []) {
      if (!items.delete(id)) continue;
      added.delete(id);
      changed.delete(id);
      if (!snapshot || before?.has(id)) removed.add(id);
    }
    if (snapshot && before) for (const id of before.keys()) if (!items.has(id)) removed.add(id);

    const change: QueueCacheChange = { subscriptionId, replaced: snapshot, added: [...added], changed: [...changed], removed: [...removed], message };
    this.changeEmitter.fire(change);
    return change;
  }

  /**
   * An interaction was replaced by another. Only the old -> new mapping is kept: rows move when
   * the queue subscriptions say so (old id removed, new id added where it is visible), since a
   * row carried over by hand would never be removed if the new interaction is not on the queue.
   */
  applyMorph(message: InteractionMorphedMessage): void {
    this.rememberReplacement(message.interactionID, message.newInteractionID);
    this.morphEmitter.fire({ from: message.interactionID, to: message.newInteractionID });
  }

  /** Follows replacements: the id an interaction has now, given one it had before. */
  currentId(interactionId: string): string {
    let id = interactionId;
    for (let hops = 0; hops < 32 && this.replacements.has(id); hops++) id = this.replacements.get(id)!;
    return id;
  }

  get(subscriptionId: string, interactionId: string): CachedInteraction | undefined {
    return this.subscriptions.get(subscriptionId)?.get(interactionId);
  }

  /** The interaction in whichever subscription has it (following replacements). */
  find(interactionId: string): CachedInteraction | undefined {
    const id = this.currentId(interactionId);
    for (const items of this.subscriptions.values()) {
      const item = items.get(id);
      if (item) return item;
    }
    return undefined;
  }

  interactions(subscriptionId: string): CachedInteraction[] {
    return [...(this.subscriptions.get(subscriptionId)?.values() ?? [])];
  }

  /** Every interaction once, whichever subscriptions hold it. */
  allInteractions(): CachedInteraction[] {
    const seen = new Map<string, CachedInteraction>();
    for (const items of this.subscriptions.values()) for (const item of items.values()) if (!seen.has(item.id)) seen.set(item.id, item);
    return [...seen.values()];
  }

  size(subscriptionId: string): number {
    return this.subscriptions.get(subscriptionId)?.size ?? 0;
  }

  subscriptionIds(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** Drops a subscription's content (it was deleted, or its session ended). */
  forget(subscriptionId: string): void {
    const items = this.subscriptions.get(subscriptionId);
    if (!items) return;
    this.subscriptions.delete(subscriptionId);
    const change: QueueCacheChange = { subscriptionId, replaced: true, added: [], changed: [], removed: [...items.keys()] };
    this.changeEmitter.fire(change);
  }

  /** The attribute name as the server first spelled it. */
  displayName(lowerCaseName: string): string {
    return this.attributeSpelling.get(lowerCaseName) ?? lowerCaseName;
  }

  /** Attributes with their display spelling, e.g. for a raw-JSON view. */
  attributesForDisplay(item: CachedInteraction): Record<string, string> {
    // fromEntries defines each key as its own, so an attribute named "__proto__" is kept.
    return Object.fromEntries(Object.entries(item.attributes).map(([name, value]) => [this.displayName(name), value]));
  }

  private createInteraction(subscriptionId: string, wire: QueueInteraction): MutableInteraction {
    // No prototype: an attribute may be named anything, "__proto__" included.
    const item: MutableInteraction = { id: wire.interactionId, subscriptionId, attributes: Object.create(null) as Record<string, string> };
    if (wire.conferenceParentId) item.conferenceParentId = wire.conferenceParentId;
    this.mergeAttributes(item.attributes, wire.attributes);
    return item;
  }

  private mergeAttributes(target: Record<string, string>, source: Record<string, string>): void {
    for (const name of Object.keys(source)) {
      let lower = this.lowerCaseNames.get(name);
      if (lower === undefined) {
        lower = name.toLowerCase();
        // Bounded: a misbehaving server could send endless distinct names.
        if (this.lowerCaseNames.size < 10_000) this.lowerCaseNames.set(name, lower);
        if (!this.attributeSpelling.has(lower)) this.attributeSpelling.set(lower, name);
      }
      target[lower] = source[name]!;
    }
  }

  private rememberReplacement(from: string, to: string): void {
    if (from === to) return;
    this.replacements.set(from, to);
    // Bounded: a long session sees many consults, and old ids stop mattering.
    if (this.replacements.size > REMAP_LIMIT) this.replacements.delete(this.replacements.keys().next().value!);
  }
}

/** Reads an attribute by any spelling of its name. */
export function attribute(item: CachedInteraction | undefined, name: string): string | undefined {
  return item?.attributes[name.toLowerCase()];
}
