import * as vscode from 'vscode';
import type { IcwsSession, StatusMessage, UserStatusUpdate } from '../../../icws';
import { plainText } from '../../display/untrustedText';
import { statusIcon } from '../../session/MyStatus';
import { confirmStateChange } from '../../session/productionGuard';
import { type CommandContext, defineCommand, showError } from '../CommandContext';
import { withSession } from '../interactionCommand';

/**
 * `icws.setStatus`: my agent status, from a quick pick of the server's selectable statuses grouped
 * as the server groups them, or with arguments: `icws.setStatus("At Lunch")`,
 * `icws.setStatus({ "statusId": "At Lunch", "notes": "back at 1" })`.
 */
export const setStatus = defineCommand('icws.setStatus', (context) => async (argument?: unknown): Promise<boolean> =>
  (await withSession(context, (session) => setStatusIn(context, session, argument), argument)) ?? false,
);

async function setStatusIn(context: CommandContext, session: IcwsSession, argument: unknown): Promise<boolean> {
  try {
    const me = session.identity.userId;
    const update = statusFromArgument(argument) ?? (await askStatus(await session.status.statusMessages(), context.myStatus.of(session)?.status.statusId, (message) => context.statusIcons.iconFor(session, message)));
    if (!update) return false;
    if (!(await confirmStateChange(context.sessions.profileOf(session), `Set the status of ${me} to "${update.statusId}"`))) return false;
    const outcome = await context.operations.run(`status:${me}`, 'setting status', () => session.status.setUserStatus(me, update));
    if (!outcome) void vscode.window.setStatusBarMessage('ICWS: a status change is already in progress', 3_000);
    return outcome !== undefined;
  } catch (error) {
    showError(error, context.log);
    return false;
  }
}

function statusFromArgument(argument: unknown): UserStatusUpdate | undefined {
  if (typeof argument === 'string' && argument.trim()) return { statusId: argument.trim() };
  if (argument && typeof argument === 'object' && typeof (argument as { statusId?: unknown }).statusId === 'string') {
    const { statusId, notes, forwardNumber } = argument as { statusId: string; notes?: unknown; forwardNumber?: unknown };
    return { statusId, ...(typeof notes === 'string' ? { notes } : {}), ...(typeof forwardNumber === 'string' ? { forwardNumber } : {}) };
  }
  return undefined;
}

type StatusItem = vscode.QuickPickItem & { statusId?: string };

async function askStatus(messages: StatusMessage[], currentId: string | undefined, iconFor: (message: StatusMessage) => Promise<vscode.Uri | undefined>): Promise<UserStatusUpdate | undefined> {
  const items: StatusItem[] = [];
  let group: string | undefined;
  const selectable = messages.filter((m) => m.isSelectableStatus);
  // The server's icons where it has them (fetched once, in parallel); codicons otherwise.
  const icons = await Promise.all(selectable.map((message) => iconFor(message)));
  for (const [index, message] of selectable.entries()) {
    if (message.groupTag !== group) {
      group = message.groupTag;
      items.push({ label: plainText(group, 60), kind: vscode.QuickPickItemKind.Separator });
    }
    const icon = icons[index];
    items.push({
      label: icon ? plainText(message.messageText, 80) : `$(${statusIcon(message)}) ${plainText(message.messageText, 80)}`,
      ...(icon ? { iconPath: icon } : {}),
      description: [message.statusId === currentId ? 'current' : '', message.isAcdStatus ? 'takes ACD calls' : ''].filter(Boolean).join(' · '),
      statusId: message.statusId,
    });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'ICWS: Set Status', placeHolder: 'My status (an agent who is not in an ACD status gets no ACD calls)', matchOnDescription: true });
  return picked?.statusId ? { statusId: picked.statusId } : undefined;
}
