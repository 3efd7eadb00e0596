import * as vscode from 'vscode';
import type { LastChanges } from '../session/LastChanges';
import type { SessionService } from '../session/SessionService';

export const INTERACTION_SCHEME = 'icws-interaction';

/**
 * Read-only JSON documents of interactions (`icws-interaction:/1001234567.json`) that follow live
 * changes, and follow an interaction to its new id when it is replaced.
 */
export class InteractionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly open = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  private cacheListeners: { dispose(): void }[] = [];

  constructor(
    private readonly sessions: SessionService,
    private readonly lastChanges: LastChanges,
  ) {
    this.disposables.push(
      sessions.onDidChangeSession((session) => {
        this.cacheListeners.forEach((listener) => listener.dispose());
        this.cacheListeners = session
          ? [
              session.queues.cache.onDidChange((change) => {
                for (const id of [...change.added, ...change.changed, ...change.removed]) this.refresh(id);
                if (change.replaced) for (const uri of this.open.values()) this.changeEmitter.fire(uri);
              }),
              session.queues.cache.onDidMorph(({ from }) => this.refresh(from)),
            ]
          : [];
        for (const uri of this.open.values()) this.changeEmitter.fire(uri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === INTERACTION_SCHEME) this.open.delete(idOf(document.uri));
      }),
    );
  }

  static uriFor(interactionId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: INTERACTION_SCHEME, path: `/${interactionId}.json` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const requested = idOf(uri);
    this.open.set(requested, uri);
    const session = this.sessions.session;
    if (!session) return JSON.stringify({ interactionId: requested, note: 'Not connected to an ICWS server.' }, null, 2);
    const cache = session.queues.cache;
    const currentId = cache.currentId(requested);
    const item = cache.find(currentId);
    const view: Record<string, unknown> = { interactionId: currentId };
    if (currentId !== requested) view.replaces = requested;
    if (!item) {
      view.note = 'This interaction is not in any watched queue now.';
    } else {
      view.subscriptions = cache.subscriptionIds().filter((id) => cache.get(id, currentId));
      if (item.conferenceParentId) view.conferenceParentId = item.conferenceParentId;
      view.attributes = sortKeys(cache.attributesForDisplay(item));
      const changed = this.lastChanges.of(currentId);
      if (changed.length) view.changedInLastMessage = changed.map((name) => cache.displayName(name)).sort();
    }
    return `${JSON.stringify(view, null, 2)}\n`;
  }

  private refresh(interactionId: string): void {
    const cache = this.sessions.session?.queues.cache;
    for (const [requested, uri] of this.open) {
      if (requested === interactionId || cache?.currentId(requested) === interactionId) this.changeEmitter.fire(uri);
    }
  }

  dispose(): void {
    this.cacheListeners.forEach((listener) => listener.dispose());
    this.disposables.forEach((disposable) => disposable.dispose());
    this.changeEmitter.dispose();
  }
}

function idOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.json$/, '');
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
