import { curlFor } from '../../../traffic';
import { copyToClipboard, entryCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** A recorded call as a curl command line; the session's variables only in a call to the current session's server. */
export const copyAsCurl = entryCommand({
  id: TRAFFIC_COMMAND.copyAsCurl,
  accepts: 'call',
  title: 'Copy as curl',
  run: (context, call) => copyToClipboard(curlFor(call.exchange, { sessionOrigin: context.recording.session?.http.baseUrl }), 'as curl'),
});
