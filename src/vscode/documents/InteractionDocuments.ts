import * as vscode from 'vscode';
import { DisposableOwner, type IcwsSession } from '../../icws';
import type { LastChanges } from '../session/LastChanges';
import type { SessionService } from '../session/SessionService';

export const INTERACTION_SCHEME = 'icws-interaction';

/**
 * Read-only JSON documents of interactions (`icws-interaction:/1001234567.json`) that follow live
 * changes, and follow an interaction to its new id when it is replaced.
 */
export class InteractionDocuments extends DisposableOwner implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly open = new Map<string, vscode.Uri>();

  constructor(
    private readonly sessions: SessionService,
    private readonly lastChanges: LastChanges,
  ) {
    super();
    // The documents show the current session's interactions; another session's changes are not theirs.
    const isShown = (session: IcwsSession) => session === this.sessions.session;
    this.register(
      sessions.forward((session) => session.queues.cache.onDidChange)(({ session, value: change }) => {
        if (!isShown(session)) return;
        for (const id of [...change.added, ...change.changed, ...change.removed]) this.refresh(id);
        if (change.replaced) this.refreshAll();
      }),
    );
    this.register(sessions.forward((session) => session.queues.cache.onDidMorph)(({ session, value }) => isShown(session) && this.refresh(value.from)));
    this.register(sessions.onDidAddSession(() => this.refreshAll()));
    this.register(sessions.onDidRemoveSession(() => this.refreshAll()));
    this.register(
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

  private refreshAll(): void {
    for (const uri of this.open.values()) this.changeEmitter.fire(uri);
  }
}

function idOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.json$/, '');
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
