import type { QueueId } from '../../../icws';
import { defineCommand, showError } from '../CommandContext';
import { askQueue } from '../pickers';

export const watchQueue = defineCommand('icws.watchQueue', (context) => async (queueArgument?: QueueId) => {
  const queue = queueArgument ?? (await askQueue('ICWS: Watch Queue'));
  if (!queue) return false;
  try {
    await context.watcher.watch(queue);
    return true;
  } catch (error) {
    showError(error, context.log);
    return false;
  }
});
