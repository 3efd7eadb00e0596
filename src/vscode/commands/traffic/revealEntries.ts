import * as vscode from 'vscode';
import { summarize, type TrafficEntry } from '../../../traffic';
import { plainText } from '../../display/untrustedText';
import { trafficCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/**
 * Shows Traffic entries by their seqs (another view's line links to them, e.g. Session Health):
 * the panel with the one entry selected, or with several a pick of them, newest first. Returns
 * the entry selected.
 */
export const revealEntries = trafficCommand(TRAFFIC_COMMAND.revealEntries, async (context, argument) => {
  const seqs = Array.isArray(argument) ? argument.filter((seq): seq is number => Number.isInteger(seq)) : typeof argument === 'number' ? [argument] : [];
  const found = seqs.map((seq) => context.recording.find(seq)).filter((entry): entry is TrafficEntry => entry !== undefined);
  if (!found.length) {
    void vscode.window.showInformationMessage(`ICWS Traffic: ${seqs.length ? 'those entries are no longer in the timeline (it keeps the most recent ones).' : 'no entries were named.'}`);
    return undefined;
  }
  const newestFirst = found.sort((a, b) => b.seq - a.seq);
  const entry = newestFirst.length === 1 ? newestFirst[0] : (await vscode.window.showQuickPick(newestFirst.map((each) => ({ label: plainText(summarize(each), 200), description: `#${each.seq} · ${new Date(each.time).toLocaleTimeString()}`, entry: each })), { title: 'ICWS Traffic: Show Entry', placeHolder: `${newestFirst.length} entries (the most recent first)` }))?.entry;
  if (!entry) return undefined;
  await context.panel.show();
  context.panel.reveal(entry.seq);
  return entry;
});
