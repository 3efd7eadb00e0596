import * as vscode from 'vscode';
import { DisposableOwner, type IcwsSession } from '../../icws';
import { SessionHealth, USER_STATUS_SUBSCRIPTION } from '../../icws/health';
import type { MyStatus } from '../session/MyStatus';
import type { QueueWatcher } from '../session/QueueWatcher';
import type { SessionService } from '../session/SessionService';

/**
 * One health model per live session, followed through the session service (added, removed),
 * with the session's subscription owners registered as the ones to ask what they need. Changes
 * are announced only while someone observes (the view is visible); silence always.
 */
export class SessionHealthService extends DisposableOwner implements vscode.Disposable {
  private readonly models = new Map<IcwsSession, SessionHealth>();
  private observed = false;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<IcwsSession | undefined>());
  /** A session's health changed (coalesced), or a session came or went (undefined). */
  readonly onDidChange = this.changeEmitter.event;
  private readonly silenceEmitter = this.register(new vscode.EventEmitter<IcwsSession>());
  /** A session's stream became silent too long, or spoke again. */
  readonly onDidChangeSilence = this.silenceEmitter.event;

  constructor(
    readonly sessions: SessionService,
    private readonly watcher: QueueWatcher,
    private readonly myStatus: MyStatus,
  ) {
    super();
    for (const session of sessions.sessions) this.add(session);
    this.register(sessions.onDidAddSession((session) => this.add(session)));
    this.register(sessions.onDidRemoveSession((session) => this.remove(session)));
    this.register({ dispose: () => [...this.models.keys()].forEach((session) => this.remove(session)) });
  }

  get live(): readonly IcwsSession[] {
    return [...this.models.keys()];
  }

  healthOf(session: IcwsSession): SessionHealth | undefined {
    return this.models.get(session);
  }

  /** What a person calls the session: its profile's name. */
  nameOf(session: IcwsSession): string {
    return this.sessions.profileOf(session)?.name ?? `${session.identity.userId} @ ${session.server}`;
  }

  setObserved(observed: boolean): void {
    this.observed = observed;
    for (const model of this.models.values()) model.setObserved(observed);
  }

  private add(session: IcwsSession): void {
    if (this.models.has(session)) return;
    const model = new SessionHealth(session);
    // The owners say which subscriptions they need on this session; anything else is a leak.
    // The queue watcher keeps the current session's queues (the one it syncs).
    model.addHolder({ name: 'Interactions view', holds: () => this.watcher.queuesOf(session).map((queue) => queue.subscriptionId) });
    model.addHolder({ name: 'My status', holds: () => (this.myStatus.session === session ? [USER_STATUS_SUBSCRIPTION] : []) });
    model.onDidChange(() => this.changeEmitter.fire(session));
    model.onDidChangeSilence(() => this.silenceEmitter.fire(session));
    model.setObserved(this.observed);
    this.models.set(session, model);
    this.changeEmitter.fire(undefined);
  }

  private remove(session: IcwsSession): void {
    const model = this.models.get(session);
    if (!model) return;
    this.models.delete(session);
    const wasSilent = model.isSilent;
    model.dispose();
    if (wasSilent) this.silenceEmitter.fire(session);
    this.changeEmitter.fire(undefined);
  }
}
