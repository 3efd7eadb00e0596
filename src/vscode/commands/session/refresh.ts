import { defineCommand, showError } from '../CommandContext';

export const refresh = defineCommand('icws.refresh', (context) => async () => {
  try {
    await context.watcher.refresh();
  } catch (error) {
    showError(error, context.log);
  }
});
