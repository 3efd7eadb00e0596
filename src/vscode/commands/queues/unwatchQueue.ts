import * as vscode from 'vscode';
import { type QueueId, QueueType } from '../../../icws';
import { QueueNode } from '../../tree/InteractionsTreeProvider';
import { defineCommand } from '../CommandContext';

export const unwatchQueue = defineCommand('icws.unwatchQueue', (context) => async (argument?: QueueNode | QueueId) => {
  let queue: QueueId | undefined = argument instanceof QueueNode ? argument.watched.queue : argument;
  if (!queue) {
    const picked = await vscode.window.showQuickPick(
      context.watcher.queues.map((watched) => ({ label: watched.label, queue: watched.queue })),
      { title: 'ICWS: Unwatch Queue' },
    );
    queue = picked?.queue;
  }
  if (!queue || typeof queue.queueName !== 'string' || !(queue.queueType in QueueType)) return false;
  await context.watcher.unwatch(queue);
  return true;
});
