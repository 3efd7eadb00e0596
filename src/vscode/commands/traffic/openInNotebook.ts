import { cellSourceFor } from '../../../icws/notebook/requestCell';
import { entryCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** A recorded call as a notebook cell, to change and send from there. */
export const openInNotebook = entryCommand({
  id: TRAFFIC_COMMAND.openInNotebook,
  accepts: 'call',
  title: 'Open in Notebook',
  run: async (context, call) => context.openInNotebook(cellSourceFor(call.exchange)),
});
