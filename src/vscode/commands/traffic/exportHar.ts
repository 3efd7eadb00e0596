import * as vscode from 'vscode';
import { saveTimeline, type SavedEntries } from './saveTraffic';
import { trafficCommand } from './trafficCommand';
import type { TrafficCommandContext } from './TrafficCommandContext';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/**
 * "Export Traffic as HAR…": the timeline as a HAR 1.2 archive, to the target given or where a save
 * dialog says. While the panel's filter hides entries, it asks first: all of them, or the shown ones.
 */
export const exportHar = trafficCommand(TRAFFIC_COMMAND.exportHar, async (context, target) => {
  if (target instanceof vscode.Uri) return saveTimeline(context, 'har', target);
  const which = await chooseEntries(context);
  return which && saveTimeline(context, 'har', undefined, which);
});

/** "Export Filtered Traffic as HAR…": only the entries the panel's filter shows (all, with no filter). */
export const exportShownHar = trafficCommand(TRAFFIC_COMMAND.exportShownHar, (context, target) => saveTimeline(context, 'har', target instanceof vscode.Uri ? target : undefined, 'shown'));

async function chooseEntries(context: TrafficCommandContext): Promise<SavedEntries | undefined> {
  const filter = context.panel.shownFilter.trim();
  if (!filter) return 'all';
  const { timeline } = context.recording;
  const shown = timeline.filterRows(filter).length;
  const items: (vscode.QuickPickItem & { which: SavedEntries })[] = [
    { label: `The ${shown.toLocaleString('en-US')} shown`, description: `those the filter keeps: ${filter}`, which: 'shown' },
    { label: `All ${timeline.size.toLocaleString('en-US')} entries`, description: 'the whole timeline', which: 'all' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'ICWS Traffic: Export HAR', placeHolder: 'A filter hides some entries. Which ones go into the archive?' }))?.which;
}
