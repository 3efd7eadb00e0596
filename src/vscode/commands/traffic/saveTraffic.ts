import * as vscode from 'vscode';
import { trafficCommand } from './trafficCommand';
import type { TrafficCommandContext } from './TrafficCommandContext';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** "Save Traffic…": the timeline as JSON lines (a target named `.har` gets a HAR archive). Without a target, a save dialog asks. */
export const saveTraffic = trafficCommand(TRAFFIC_COMMAND.save, (context, target) => {
  const uri = target instanceof vscode.Uri ? target : undefined;
  return saveTimeline(context, uri?.path.endsWith('.har') ? 'har' : 'jsonl', uri);
});

/** Writes the timeline (already redacted) as JSON lines or as a HAR 1.2 archive; the file written, or undefined when the dialog was cancelled. */
export async function saveTimeline(context: TrafficCommandContext, format: 'jsonl' | 'har', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const asHar = format === 'har';
  const uri = target ?? (await vscode.window.showSaveDialog({ filters: asHar ? { 'HTTP Archive (HAR)': ['har'] } : { 'ICWS traffic': ['jsonl'] }, saveLabel: asHar ? 'Export HAR' : 'Save Traffic' }));
  if (!uri) return undefined;
  const formats = context.formats();
  const entries = context.recording.timeline.entries();
  const text = asHar ? formats.toHar(entries, { name: 'ICWS Interactions', version: context.version }) : formats.toJsonLines(entries);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}
