import * as vscode from 'vscode';
import { type CachedInteraction, checkQueueName, checkTarget, type Destination, type IcwsSession, type QueueId, QueueType, REQUIRES } from '../../icws';
import { InteractionNode } from '../tree/InteractionsTreeProvider';
import { interactionDescription, interactionLabel } from '../tree/presentation';
import { pickWorkgroup } from './workgroupPick';

/**
 * The interaction a command acts on: a tree node, an id, `{ interactionId }`, or (from the
 * palette with nothing given) the user's pick among the interactions `filter` keeps.
 */
export async function resolveInteraction(session: IcwsSession, argument: unknown, placeHolder: string, filter?: (item: CachedInteraction) => boolean): Promise<string | undefined> {
  if (argument instanceof InteractionNode) return argument.interactionId;
  if (typeof argument === 'string' && argument.trim()) return session.queues.cache.currentId(argument.trim());
  if (argument && typeof argument === 'object' && typeof (argument as { interactionId?: unknown }).interactionId === 'string') {
    return session.queues.cache.currentId((argument as { interactionId: string }).interactionId);
  }
  const items = session.queues.cache
    .allInteractions()
    .filter((item) => !filter || filter(item))
    .map((item) => ({ label: interactionLabel(item), description: interactionDescription(item), detail: `Interaction ${item.id}`, id: item.id }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No live interaction to act on in the watched queues.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.id;
}

/** `{ target }` or `{ queueID }` passed as a command argument, checked like typed input. */
export function destinationFromArgument(argument: unknown): Destination | undefined {
  if (!argument || typeof argument !== 'object') return undefined;
  const { target, queueID } = argument as { target?: unknown; queueID?: unknown };
  if (typeof target === 'string' && queueID === undefined) return { target };
  if (target === undefined && queueID && typeof queueID === 'object') return { queueID: queueID as QueueId };
  // Both or neither: let the client reject it with its own message.
  return argument as Destination;
}

const QUEUE_TYPES: { label: string; type: QueueType; prompt: string }[] = [
  { label: '$(organization) Workgroup queue', type: QueueType.Workgroup, prompt: 'Workgroup name, e.g. Support' },
  { label: '$(person) User queue', type: QueueType.User, prompt: 'User ID, e.g. agent2' },
  { label: '$(device-desktop) Station queue', type: QueueType.Station, prompt: 'Station or extension, e.g. 7002' },
];

/** Asks "to a number or user" or "to a queue", then for the target. */
export async function askDestination(session: IcwsSession, action: 'transfer' | 'consult' | 'park'): Promise<Destination | undefined> {
  const queueAllowed = action !== 'consult' || session.features.supports(REQUIRES.consultToQueue);
  const choices: (vscode.QuickPickItem & { kind_: 'target' | 'queue' })[] = [
    { label: '$(call-outgoing) To a number or user', description: 'phone number, extension or user ID', kind_: 'target' },
  ];
  if (queueAllowed) choices.push({ label: '$(organization) To a queue', description: 'workgroup, user or station queue', kind_: 'queue' });
  else choices.push({ label: '$(circle-slash) To a queue', description: `needs ICWS "interactions" ${REQUIRES.consultToQueue.version}; this server has ${session.features.version('interactions')}`, kind_: 'target' });
  const title = action === 'transfer' ? 'Blind Transfer' : action === 'park' ? 'Park' : 'Consult Transfer';
  const picked = await vscode.window.showQuickPick(choices, { title, placeHolder: 'Where to?' });
  if (!picked) return undefined;
  if (picked.kind_ === 'queue') {
    const queueID = await askQueue(title, QUEUE_TYPES, session);
    return queueID ? { queueID } : undefined;
  }
  const target = await vscode.window.showInputBox({ title, prompt: 'Number, extension or user ID', placeHolder: '7002, agent2 or +1 317 555 0100', validateInput: checkTarget, ignoreFocusOut: true });
  return target === undefined ? undefined : { target: target.trim() };
}

/** Asks which kind of queue, then its name; with a session, a workgroup is picked from the server's list (typing still allowed). */
export async function askQueue(title: string, types = QUEUE_TYPES, session?: IcwsSession): Promise<QueueId | undefined> {
  const type = await vscode.window.showQuickPick(types, { title, placeHolder: 'Which kind of queue?' });
  if (!type) return undefined;
  if (session && type.type === QueueType.Workgroup) {
    const workgroup = await pickWorkgroup(session, title);
    return workgroup === undefined ? undefined : { queueType: QueueType.Workgroup, queueName: workgroup };
  }
  const name = await vscode.window.showInputBox({ title, prompt: type.prompt, validateInput: checkQueueName, ignoreFocusOut: true });
  return name === undefined ? undefined : { queueType: type.type, queueName: name.trim() };
}
