import type * as vscode from 'vscode';
import { DisposableOwner, type IcwsSession, type QueueCacheChange } from '../../icws';
import type { SessionEvents } from './LiveSessions';

/**
 * Which attributes the last message about each interaction changed (a delta carries only what
 * changed), for tooltips and the JSON document. Kept here, in the view layer that shows it, so
 * the cache's hot path carries no display state. Bounded: removed interactions are forgotten, and
 * a session's record with the session.
 */
export class LastChanges extends DisposableOwner implements vscode.Disposable {
  private readonly changed = new Map<IcwsSession, Map<string, string[]>>();

  constructor(private readonly sessions: SessionEvents<IcwsSession> & { readonly session: IcwsSession | undefined }) {
    super();
    this.register(sessions.forward((session) => session.queues.cache.onDidChange)(({ session, value }) => this.record(session, value)));
    this.register(sessions.onDidRemoveSession((session) => this.changed.delete(session)));
  }

  /** Lower-case names, in the order the message listed them; of the current session unless one is named. */
  of(interactionId: string, session = this.sessions.session): string[] {
    return (session && this.changed.get(session)?.get(interactionId)) || [];
  }

  private record(session: IcwsSession, change: QueueCacheChange): void {
    let changed = this.changed.get(session);
    if (!changed) this.changed.set(session, (changed = new Map()));
    for (const id of change.removed) changed.delete(id);
    if (!change.message?.isDelta) return;
    for (const wire of change.message.interactionsChanged ?? []) {
      if (wire.attributes) changed.set(wire.interactionId, Object.keys(wire.attributes).map((name) => name.toLowerCase()));
    }
  }
}
