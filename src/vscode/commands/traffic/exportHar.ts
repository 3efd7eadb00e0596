import * as vscode from 'vscode';
import { saveTimeline } from './saveTraffic';
import { trafficCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** "Export Traffic as HAR…": the timeline as a HAR 1.2 archive, to the target given or where a save dialog says. */
export const exportHar = trafficCommand(TRAFFIC_COMMAND.exportHar, (context, target) => saveTimeline(context, 'har', target instanceof vscode.Uri ? target : undefined));
