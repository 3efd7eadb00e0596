import * as vscode from 'vscode';
import { DEFAULT_ATTRIBUTES, describeQueue, DisposableOwner, type IcwsSession, type QueueId, QueueType } from '../../icws';
import type { IcwsLogChannel } from '../log/IcwsLogChannel';
import type { WatchedQueue } from '../tree/InteractionsModel';
import { messageOf, type SessionService } from './SessionService';
import type { IcwsSettings } from './settings';

/** Defined beside the tree model that groups by it. */
export type { WatchedQueue };

/**
 * Keeps one queue subscription per watched queue (so the tree can group by queue), following
 * the settings and the session: subscribes on login and when a queue is added, unsubscribes
 * when one is removed.
 */
export class QueueWatcher extends DisposableOwner implements vscode.Disposable {
  /** Each live session's watched queues (the same settings, each session its own subscriptions). */
  private readonly watched = new Map<IcwsSession, WatchedQueue[]>();
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly sessions: SessionService,
    private readonly settings: IcwsSettings,
    private readonly log: IcwsLogChannel,
  ) {
    super();
    this.register(sessions.onDidAddSession((session) => void this.sync(session)));
    this.register(
      sessions.onDidRemoveSession((session) => {
        this.watched.delete(session);
        this.changeEmitter.fire();
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('icws.watchedQueues') || event.affectsConfiguration('icws.watchMyQueue') || event.affectsConfiguration('icws.extraAttributes')) {
          for (const session of this.sessions.sessions) void this.sync(session, event.affectsConfiguration('icws.extraAttributes'));
        }
      }),
    );
  }

  /** The first session's watched queues (with one session, the session's). */
  get queues(): readonly WatchedQueue[] {
    const session = this.sessions.session;
    return session ? this.queuesOf(session) : [];
  }

  queuesOf(session: IcwsSession): readonly WatchedQueue[] {
    return this.watched.get(session) ?? [];
  }

  /** The queues the settings ask for now, "my queue" first. */
  wantedQueues(session: IcwsSession): QueueId[] {
    const queues: QueueId[] = [];
    if (this.settings.watchMyQueue) queues.push({ queueType: QueueType.User, queueName: session.identity.userId });
    for (const queue of this.settings.watchedQueues) if (!queues.some((q) => sameQueue(q, queue))) queues.push(queue);
    return queues;
  }

  /** Watches a queue in every session (the setting is shared); `session` subscribes first, so a refusal is reported. */
  async watch(queue: QueueId, session: IcwsSession = this.sessions.requireSession()): Promise<void> {
    if (queue.queueType === QueueType.User && queue.queueName.toLowerCase() === session.identity.userId.toLowerCase()) {
      await this.settings.setWatchMyQueue(true);
      return;
    }
    const others = this.settings.watchedQueues;
    if (others.some((q) => sameQueue(q, queue))) return;
    // Subscribe first: a queue the server refuses is reported, not saved.
    await session.queues.subscribe({ subscriptionId: subscriptionIdFor(queue), queues: [queue], attributeNames: this.attributeNames() });
    await this.settings.setWatchedQueues([...others, queue]);
  }

  async unwatch(queue: QueueId, session: IcwsSession | undefined = this.sessions.session): Promise<void> {
    if (session && queue.queueType === QueueType.User && queue.queueName.toLowerCase() === session.identity.userId.toLowerCase()) {
      await this.settings.setWatchMyQueue(false);
      return;
    }
    await this.settings.setWatchedQueues(this.settings.watchedQueues.filter((q) => !sameQueue(q, queue)));
  }

  /** Subscribes again to every watched queue: each sends a fresh snapshot. */
  async refresh(): Promise<void> {
    await Promise.all(this.sessions.sessions.map((session) => this.sync(session, true)));
  }

  private attributeNames(): string[] {
    return [...new Set([...DEFAULT_ATTRIBUTES, ...this.settings.extraAttributes])];
  }

  private async sync(session: IcwsSession, resubscribeAll = false): Promise<void> {
    if (!session.isUp) return;
    const wanted = this.wantedQueues(session);
    const wantedIds = new Set(wanted.map(subscriptionIdFor));
    for (const spec of session.queues.specs()) {
      if (!wantedIds.has(spec.subscriptionId)) await session.queues.unsubscribe(spec.subscriptionId).catch((error) => this.log.warn(messageOf(error)));
    }
    const active = new Set(session.queues.specs().map((spec) => spec.subscriptionId));
    const previous = new Map((this.watched.get(session) ?? []).map((w) => [w.subscriptionId, w]));
    const watched = wanted.map((queue) => ({ queue, subscriptionId: subscriptionIdFor(queue), label: labelFor(queue, session), error: previous.get(subscriptionIdFor(queue))?.error }));
    if (!this.sessions.sessions.includes(session)) return;
    this.watched.set(session, watched);
    this.changeEmitter.fire();
    await Promise.all(
      watched.map(async (watched) => {
        if (active.has(watched.subscriptionId) && !resubscribeAll && !watched.error) return;
        try {
          await session.queues.subscribe({ subscriptionId: watched.subscriptionId, queues: [watched.queue], attributeNames: this.attributeNames() });
          watched.error = undefined;
        } catch (error) {
          watched.error = messageOf(error);
          this.log.warn(watched.error);
        }
      }),
    );
    this.changeEmitter.fire();
  }
}

export function subscriptionIdFor(queue: QueueId): string {
  return `icws-vscode-${queue.queueType}-${queue.queueName.toLowerCase()}`;
}

export function sameQueue(a: QueueId, b: QueueId): boolean {
  return a.queueType === b.queueType && a.queueName.toLowerCase() === b.queueName.toLowerCase();
}

function labelFor(queue: QueueId, session: IcwsSession): string {
  if (queue.queueType === QueueType.User && queue.queueName.toLowerCase() === session.identity.userId.toLowerCase()) return 'My Interactions';
  const text = describeQueue(queue);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
