import * as vscode from 'vscode';
import { type ActionContext, type CachedInteraction, consultRole, type IcwsSession } from '../../icws';
import type { CommandContext } from './CommandContext';

/**
 * Sessions whose server refused monitoring (HTTP 403). Whether a user has the supervisor right
 * shows only when the server answers; a new session learns it again.
 */
const monitorDenied = new WeakSet<IcwsSession>();

/** After a 403: the menus (through `icws.monitorDenied`) and the pick lists stop offering monitoring. */
export function denyMonitoring(session: IcwsSession): void {
  monitorDenied.add(session);
  void vscode.commands.executeCommand('setContext', 'icws.monitorDenied', true);
}

/** What `allowedActions` needs beyond the attributes, for an interaction of this session. */
export function actionContextFor(context: CommandContext, session: IcwsSession, item: CachedInteraction): ActionContext {
  return { ...consultRole(item, context.consults.find(item.id, session.queues.cache, context.sessions.profileOf(session)?.id)), me: session.identity.userId, monitorDenied: monitorDenied.has(session) };
}
