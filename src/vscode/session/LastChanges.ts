import type * as vscode from 'vscode';
import type { QueueCacheChange } from '../../icws';
import type { SessionService } from './SessionService';

/**
 * Which attributes the last message about each interaction changed (a delta carries only what
 * changed), for tooltips and the JSON document. Kept here, in the view layer that shows it, so
 * the cache's hot path carries no display state. Bounded: removed interactions are forgotten.
 */
export class LastChanges implements vscode.Disposable {
  private readonly changed = new Map<string, string[]>();
  private cacheListener?: { dispose(): void };
  private readonly sessionListener: vscode.Disposable;

  constructor(sessions: SessionService) {
    this.sessionListener = sessions.onDidChangeSession((session) => {
      this.cacheListener?.dispose();
      this.changed.clear();
      this.cacheListener = session?.queues.cache.onDidChange((change) => this.record(change));
    });
  }

  /** Lower-case names, in the order the message listed them. */
  of(interactionId: string): string[] {
    return this.changed.get(interactionId) ?? [];
  }

  private record(change: QueueCacheChange): void {
    for (const id of change.removed) this.changed.delete(id);
    if (!change.message?.isDelta) return;
    for (const wire of change.message.interactionsChanged ?? []) {
      if (wire.attributes) this.changed.set(wire.interactionId, Object.keys(wire.attributes).map((name) => name.toLowerCase()));
    }
  }

  dispose(): void {
    this.cacheListener?.dispose();
    this.sessionListener.dispose();
  }
}
