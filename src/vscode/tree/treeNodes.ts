// The Interactions view's nodes: plain data the model keeps per id and the provider draws.
import type { QueueCache, QueueId } from '../../icws';

/** A queue the tree shows, and the subscription that feeds it. */
export interface WatchedQueue {
  queue: QueueId;
  subscriptionId: string;
  label: string;
  /** Set when the server refused the subscription. */
  error?: string;
}

/** A live session's root, shown only while several sessions are live. */
export class SessionNode {
  readonly kind = 'session';
  constructor(readonly session: CacheHolder) {}
}

export class QueueNode {
  readonly kind = 'queue';
  constructor(
    readonly session: CacheHolder,
    public watched: WatchedQueue,
  ) {}
}

export class InteractionNode {
  readonly kind = 'interaction';
  constructor(
    /** The session whose cache holds the row: commands on the row act in it. */
    readonly session: CacheHolder,
    readonly subscriptionId: string,
    readonly interactionId: string,
    /** Consult legs sit under it. A row that gains or loses them is a new node (see interactionNode). */
    readonly hasChildren = false,
  ) {}
}

/** Stands for the rows of a busy queue past the display limit. */
export class MoreNode {
  readonly kind = 'more';
  constructor(
    readonly session: CacheHolder,
    readonly subscriptionId: string,
    public hidden: number,
    public shown: number,
  ) {}
}

export type TreeNode = SessionNode | QueueNode | InteractionNode | MoreNode;

/** What to redraw: the nodes named, or everything (a new session, other watched queues, another row limit). */
export type InteractionsChange = { readonly all: true } | { readonly all: false; readonly nodes: readonly TreeNode[] };

/** What the model needs of a session: its cache. */
export interface CacheHolder {
  readonly queues: { readonly cache: QueueCache };
}
