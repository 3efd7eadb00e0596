import { copyToClipboard, entryCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** A recorded call's exchange, or a message, as JSON (already redacted). */
export const copyAsJson = entryCommand({
  id: TRAFFIC_COMMAND.copyAsJson,
  accepts: 'any',
  title: 'Copy as JSON',
  run: async (_context, entry) => copyToClipboard(JSON.stringify(entry.kind === 'call' ? entry.exchange : entry.message, null, 2), 'as JSON'),
});
