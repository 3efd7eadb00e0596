import { fetchFor } from '../../../traffic';
import { copyToClipboard, entryCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** A recorded call as a `fetch` for a browser console; the session's variables only in a call to the current session's server. */
export const copyAsFetch = entryCommand({
  id: TRAFFIC_COMMAND.copyAsFetch,
  accepts: 'call',
  title: 'Copy as fetch',
  run: (context, call) => copyToClipboard(fetchFor(call.exchange, { sessionOrigin: context.recording.session?.http.baseUrl }), 'as fetch'),
});
