import * as vscode from 'vscode';
import { DisposableOwner, type IcwsSession } from '../../icws';
import type { LastChanges } from '../session/LastChanges';
import type { SessionService } from '../session/SessionService';

export const INTERACTION_SCHEME = 'icws-interaction';

/**
 * Read-only JSON documents of interactions (`icws-interaction:/1001234567.json?session=<profile id>`)
 * that follow live changes in their session, and follow an interaction to its new id when it is
 * replaced. A URI without a session shows the first session's (as before profiles).
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
    // Each document shows its own session's interaction; another session's changes are not its.
    this.register(
      sessions.forward((session) => session.queues.cache.onDidChange)(({ session, value: change }) => {
        for (const id of [...change.added, ...change.changed, ...change.removed]) this.refresh(session, id);
        if (change.replaced) this.refreshAll();
      }),
    );
    this.register(sessions.forward((session) => session.queues.cache.onDidMorph)(({ session, value }) => this.refresh(session, value.from)));
    this.register(sessions.onDidAddSession(() => this.refreshAll()));
    this.register(sessions.onDidRemoveSession(() => this.refreshAll()));
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === INTERACTION_SCHEME) this.open.delete(document.uri.toString());
      }),
    );
  }

  static uriFor(interactionId: string, profileId?: string): vscode.Uri {
    return vscode.Uri.from({ scheme: INTERACTION_SCHEME, path: `/${interactionId}.json`, ...(profileId ? { query: new URLSearchParams({ session: profileId }).toString() } : {}) });
  }

  /** The session a document's URI names (its profile id), or the first session for a URI without one. */
  private sessionOf(uri: vscode.Uri): IcwsSession | undefined {
    const profileId = new URLSearchParams(uri.query).get('session');
    return profileId ? this.sessions.sessionOf(profileId) : this.sessions.session;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const requested = idOf(uri);
    this.open.set(uri.toString(), uri);
    const session = this.sessionOf(uri);
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
      const changed = this.lastChanges.of(currentId, session);
      if (changed.length) view.changedInLastMessage = changed.map((name) => cache.displayName(name)).sort();
    }
    return `${JSON.stringify(view, null, 2)}\n`;
  }

  private refresh(session: IcwsSession, interactionId: string): void {
    for (const uri of this.open.values()) {
      if (this.sessionOf(uri) !== session) continue;
      const requested = idOf(uri);
      if (requested === interactionId || session.queues.cache.currentId(requested) === interactionId) this.changeEmitter.fire(uri);
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
