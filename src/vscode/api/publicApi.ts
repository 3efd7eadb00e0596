import * as vscode from 'vscode';
import type { SessionService, ConnectionStatus } from '../session/SessionService';

/** One interaction as other extensions see it: a frozen copy, never a live object. */
export interface InteractionSnapshot {
  readonly interactionId: string;
  /** The watched queue's subscription id. */
  readonly subscriptionId: string;
  /** The profile name of the session that sees it ("agent1 @ cic-dev"): with several sessions, one interaction may be listed once per session. */
  readonly session: string;
  /** Attribute names in lower case, as the cache keeps them. */
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * What `activate()` returns, readable by every other extension: events and read-only snapshots,
 * never the session, its credentials or any internal object (see "Security" in the README).
 */
export interface IcwsPublicApi {
  readonly apiVersion: 1;
  /** "connected" while any session is connected. */
  readonly status: ConnectionStatus;
  readonly onDidChangeStatus: vscode.Event<ConnectionStatus>;
  /** Interactions in the watched queues of every live session now. */
  interactions(): readonly InteractionSnapshot[];
  /** Fired after the watched interactions changed (call `interactions()` for the new state). */
  readonly onDidChangeInteractions: vscode.Event<void>;
}

/** Builds the API from closures only, so nothing reachable from it leads back to the session. */
export function createPublicApi(sessions: SessionService, disposables: vscode.Disposable[]): IcwsPublicApi {
  const changed = new vscode.EventEmitter<void>();
  disposables.push(
    changed,
    sessions.forward((session) => session.queues.cache.onDidChange)(() => changed.fire()),
    sessions.onDidAddSession(() => changed.fire()),
    sessions.onDidRemoveSession(() => changed.fire()),
  );
  const api: IcwsPublicApi = {
    apiVersion: 1,
    get status() {
      return sessions.status;
    },
    onDidChangeStatus: (listener, thisArg, bucket) => sessions.onDidChangeStatus(listener, thisArg, bucket),
    interactions: () =>
      Object.freeze(
        sessions.sessions.flatMap((session) => {
          const name = sessions.profileOf(session)?.name ?? session.identity.userId;
          return session.queues.cache.allInteractions().map((item) => Object.freeze({ interactionId: item.id, subscriptionId: item.subscriptionId, session: name, attributes: Object.freeze({ ...item.attributes }) }));
        }),
      ),
    onDidChangeInteractions: (listener, thisArg, bucket) => changed.event(listener, thisArg, bucket),
  };
  return Object.freeze(api);
}
