import { retryUntilDone } from './Backoff';
import type { FeatureSet } from './features';
import { REQUIRES } from './features';
import type { IcwsHttp } from './http';
import { IcwsError, isFinalFailure } from './IcwsError';
import type { IcwsLog } from './log';
import type { MessageChannel } from './MessageChannel';
import { QueueCache } from './QueueCache';
import { type QueueId, QueueType, type QueueSubscriptionParameters, SubscriptionState } from './wire';

const SUBSCRIPTION = '/icws/{sessionId}/messaging/subscriptions/queues/{subscriptionId}';

export interface QueueSubscriptionSpec {
  /** Client-chosen id; the server echoes it in every queueContentsMessage. */
  subscriptionId: string;
  queues: QueueId[];
  attributeNames: string[];
}

/** The attributes a live view needs; callers may add their own. */
export const DEFAULT_ATTRIBUTES = [
  'Eic_State',
  'Eic_CallStateString',
  'Eic_CallDirection',
  'Eic_ObjectType',
  'Eic_RemoteName',
  'Eic_RemoteAddress',
  'Eic_LocalName',
  'Eic_LocalUserId',
  'Eic_CallIdKey',
  'Eic_WorkgroupName',
  'Eic_InitiationTime',
  'Eic_ConnectTime',
  'Eic_Muted',
  'Eic_Capabilities',
  'Eic_ConferenceId',
  'Eic_ConsultCallId',
  'Eic_Recorders',
  'Eic_RecordersSupv',
  'Eic_RecordingPaused',
  'Eic_SecurePause',
  'Eic_SecurePauseEndTime',
  'Eic_Private',
  'Eic_Monitors',
  'Eic_Coaches',
  'Eic_ConferenceMembers',
] as const;

/**
 * A session's queue subscriptions and the cache they feed. Re-issues every subscription after the
 * message channel had a gap, or when the server reports one faulted, so the cache is rebuilt from
 * a fresh snapshot instead of trusting deltas that may have been lost.
 */
export class QueueSubscriptions {
  readonly cache = new QueueCache();
  private readonly active = new Map<string, QueueSubscriptionSpec>();
  /** When each active subscription was first made (Date.now()); a re-issue keeps it. */
  private readonly since = new Map<string, number>();
  /** Subscriptions being re-issued now, and whether another gap came while they were. */
  private readonly resubscribing = new Map<string, { again: boolean }>();

  constructor(
    private readonly http: IcwsHttp,
    private readonly features: FeatureSet,
    channel: MessageChannel,
    private readonly log: IcwsLog,
  ) {
    channel.onMessage((decoded) => {
      switch (decoded.kind) {
        case 'queueContents':
          // Messages for a subscription we dropped can still be in flight: ignore them.
          if (this.active.has(decoded.message.subscriptionId)) this.cache.apply(decoded.message);
          if (decoded.skippedItems > 0) this.log.warn(`ICWS queue message for ${decoded.message.subscriptionId}: ${decoded.skippedItems} malformed item(s) skipped`);
          break;
        case 'morphed':
          this.cache.applyMorph(decoded.message);
          break;
        case 'queueSubscriptionState':
          if (decoded.message.state === SubscriptionState.Faulted && this.active.has(decoded.message.subscriptionId)) {
            this.log.warn(`ICWS queue subscription ${decoded.message.subscriptionId} faulted; subscribing again`);
            void this.resubscribe(decoded.message.subscriptionId);
          }
          break;
      }
    });
    channel.onDidReconnect(() => void this.resubscribeAll());
  }

  /** Creates or replaces a subscription (PUT). The first message for it is a full snapshot. */
  async subscribe(spec: QueueSubscriptionSpec): Promise<void> {
    const operation = `subscribing to ${describeQueues(spec.queues)}`;
    this.features.require(REQUIRES.queueSubscriptions, operation);
    validateSpec(spec, operation);
    this.active.set(spec.subscriptionId, spec);
    const made = Date.now();
    try {
      await this.put(spec, operation);
      if (this.active.get(spec.subscriptionId) === spec) this.since.set(spec.subscriptionId, made);
    } catch (error) {
      this.active.delete(spec.subscriptionId);
      this.since.delete(spec.subscriptionId);
      throw error;
    }
  }

  async unsubscribe(subscriptionId: string): Promise<void> {
    if (!this.active.delete(subscriptionId)) return;
    this.since.delete(subscriptionId);
    this.cache.forget(subscriptionId);
    await this.http.request({ method: 'DELETE', template: SUBSCRIPTION, params: { subscriptionId }, operation: `unsubscribing ${subscriptionId}` });
  }

  /** How many subscriptions are being re-issued now (0 once a session has ended). */
  get resubscriptionsRunning(): number {
    return this.resubscribing.size;
  }

  specs(): QueueSubscriptionSpec[] {
    return [...this.active.values()];
  }

  /** When the subscription was made (Date.now()), once the server accepted it. */
  subscribedAt(subscriptionId: string): number | undefined {
    return this.since.get(subscriptionId);
  }

  async resubscribeAll(): Promise<void> {
    await Promise.all([...this.active.keys()].map((id) => this.resubscribe(id)));
  }

  /**
   * Subscribes again until it works (a PUT creates or replaces, so repeating it is safe), backing
   * off between tries; gives up when the subscription was dropped, the server refuses it for
   * good, or the session ends (its signal ends the wait at once). One loop per subscription: a gap
   * while it runs makes it PUT once more after its current try.
   */
  private async resubscribe(subscriptionId: string): Promise<void> {
    const running = this.resubscribing.get(subscriptionId);
    if (running) {
      running.again = true;
      return;
    }
    const loop = { again: false };
    this.resubscribing.set(subscriptionId, loop);
    try {
      do {
        loop.again = false;
        const attempt = async () => {
          const spec = this.active.get(subscriptionId);
          if (spec) await this.put(spec, `subscribing again to ${describeQueues(spec.queues)}`);
        };
        if (!(await retryUntilDone(attempt, this.http.lifetime, { isFinal: isFinalFailure, onFailure: (error) => this.log.warn(messageOf(error)) }))) return;
      } while (loop.again && this.active.has(subscriptionId));
    } finally {
      this.resubscribing.delete(subscriptionId);
    }
  }


  private async put(spec: QueueSubscriptionSpec, operation: string): Promise<void> {
    const body: QueueSubscriptionParameters = { queueIds: spec.queues, attributeNames: spec.attributeNames };
    await this.http.request({ method: 'PUT', template: SUBSCRIPTION, params: { subscriptionId: spec.subscriptionId }, body, operation });
  }
}

export function describeQueue(queue: QueueId): string {
  const kind = QueueType[queue.queueType]?.toLowerCase() ?? `type ${queue.queueType}`;
  return `${kind} queue ${queue.queueName}`;
}

function describeQueues(queues: QueueId[]): string {
  return queues.map(describeQueue).join(', ');
}

function validateSpec(spec: QueueSubscriptionSpec, operation: string): void {
  const problem =
    !spec.subscriptionId ? 'a subscription id is required'
    : spec.queues.length === 0 ? 'at least one queue is required'
    : spec.queues.some((q) => !(q.queueType in QueueType) || !q.queueName?.trim()) ? 'each queue needs a known queue type and a name'
    : spec.attributeNames.length === 0 ? 'at least one attribute name is required'
    : undefined;
  if (problem) throw new IcwsError({ kind: 'invalid-argument', operation, reason: problem });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
