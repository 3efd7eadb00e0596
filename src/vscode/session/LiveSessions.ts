// The sessions that are live now, and their events forwarded from one place: a consumer subscribes
// once and hears every live session, the ones to come too, and nothing from a session that has
// gone. No `vscode` import, so the models that follow sessions are tested in plain Node.
import { type Disposable, DisposableOwner, DisposableStore, Emitter, type Event } from '../../icws';

/** A forwarded event: which session it came from, and what it said. */
export interface FromSession<S, T> {
  readonly session: S;
  readonly value: T;
}

/** What a consumer follows sessions by. The session service and `LiveSessions` both offer it. */
export interface SessionEvents<S> {
  /** The live sessions, oldest first (today at most one). */
  readonly sessions: readonly S[];
  /** Fires after a session became live (its messages start right after). */
  readonly onDidAddSession: Event<S>;
  /** Fires after a session left: ended, logged out, or replaced. Its forwarded events are detached by then. */
  readonly onDidRemoveSession: Event<S>;
  /** One event of every live session, attached as each comes and detached as it goes. */
  forward<T>(select: (session: S) => Event<T>): Event<FromSession<S, T>>;
}

export class LiveSessions<S> extends DisposableOwner implements SessionEvents<S> {
  private readonly live = new Map<S, DisposableStore>();
  private readonly addEmitter = this.register(new Emitter<S>());
  private readonly removeEmitter = this.register(new Emitter<S>());
  readonly onDidAddSession = this.addEmitter.event;
  readonly onDidRemoveSession = this.removeEmitter.event;

  get sessions(): readonly S[] {
    return [...this.live.keys()];
  }

  has(session: S): boolean {
    return this.live.has(session);
  }

  /**
   * Makes a session live, owning `owned` (its owner's own listeners on it) until it is removed;
   * what `track` ties to it later lasts as long.
   */
  add(session: S, owned: readonly Disposable[] = []): void {
    if (this.isDisposed || this.live.has(session)) {
      owned.forEach((child) => child.dispose());
      return;
    }
    const scope = new DisposableStore();
    owned.forEach((child) => scope.add(child));
    this.live.set(session, scope);
    this.addEmitter.fire(session);
  }

  /**
   * Ties a disposable to a live session: released when the session is removed or this is
   * disposed; at once when the session is not live.
   */
  track<T extends Disposable>(session: S, child: T): T {
    const scope = this.live.get(session);
    if (scope) scope.add(child);
    else child.dispose();
    return child;
  }

  /** The session is gone: everything tracked for it is released, then the removal is announced. */
  remove(session: S): void {
    const scope = this.live.get(session);
    if (!scope) return;
    this.live.delete(session);
    scope.dispose();
    this.removeEmitter.fire(session);
  }

  forward<T>(select: (session: S) => Event<T>): Event<FromSession<S, T>> {
    return (listener) => {
      const attached = new Map<S, Disposable>();
      const attach = (session: S) => {
        // Tracked with the session too, so a removal detaches it before anyone hears of it.
        const subscription = this.track(session, select(session)((value) => listener({ session, value })));
        attached.set(session, subscription);
      };
      for (const session of this.live.keys()) attach(session);
      const added = this.onDidAddSession(attach);
      const removed = this.onDidRemoveSession((session) => attached.delete(session));
      return {
        dispose: () => {
          added.dispose();
          removed.dispose();
          for (const subscription of attached.values()) subscription.dispose();
          attached.clear();
        },
      };
    };
  }

  override dispose(): void {
    for (const scope of this.live.values()) scope.dispose();
    this.live.clear();
    super.dispose();
  }
}
