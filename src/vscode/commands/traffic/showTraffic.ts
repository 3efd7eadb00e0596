import { trafficCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** "ICWS: Show Traffic": the panel, shown. */
export const showTraffic = trafficCommand(TRAFFIC_COMMAND.show, (context) => context.panel.show());
