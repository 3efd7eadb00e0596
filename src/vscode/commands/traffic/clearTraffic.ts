import { trafficCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** Forgets the recorded traffic (the counts in the session box stay). */
export const clearTraffic = trafficCommand(TRAFFIC_COMMAND.clear, async (context) => context.recording.timeline.clear());
