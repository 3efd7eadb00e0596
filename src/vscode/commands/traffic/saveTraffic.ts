import * as os from 'node:os';
import * as vscode from 'vscode';
import type { TrafficEntry } from '../../../traffic';
import { plainText } from '../../display/untrustedText';
import { trafficCommand } from './trafficCommand';
import type { TrafficCommandContext } from './TrafficCommandContext';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** "Save Traffic…": the timeline as JSON lines (a target named `.har` gets a HAR archive). Without a target, a save dialog asks. */
export const saveTraffic = trafficCommand(TRAFFIC_COMMAND.save, (context, target) => {
  const uri = target instanceof vscode.Uri ? target : undefined;
  return saveTimeline(context, uri?.path.endsWith('.har') ? 'har' : 'jsonl', uri);
});

/** Which entries a file gets: the whole timeline, or only those the panel's filter shows. */
export type SavedEntries = 'all' | 'shown';

/**
 * Writes the timeline (already redacted) as JSON lines or as a HAR 1.2 archive, and says how many
 * entries it holds (with Reveal); the file written, or undefined when the dialog was cancelled.
 */
export async function saveTimeline(context: TrafficCommandContext, format: 'jsonl' | 'har', target?: vscode.Uri, which: SavedEntries = 'all'): Promise<vscode.Uri | undefined> {
  const asHar = format === 'har';
  const { timeline } = context.recording;
  const entries = which === 'shown' ? timeline.filter(context.panel.shownFilter) : timeline.entries();
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), defaultFileName(context, entries, format)),
      filters: asHar ? { 'HTTP Archive (HAR)': ['har'] } : { 'ICWS traffic': ['jsonl'] },
      saveLabel: asHar ? 'Export HAR' : 'Save Traffic',
    }));
  if (!uri) return undefined;
  const formats = context.formats();
  const text = asHar ? formats.toHar(entries, { name: 'ICWS Interactions', version: context.version }) : formats.toJsonLines(entries);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const what = `${entries.length.toLocaleString('en-US')} ${entries.length === 1 ? 'entry' : 'entries'}${which === 'shown' ? ` (those the filter "${context.panel.shownFilter}" shows)` : ''}`;
  const reveal = 'Reveal';
  void vscode.window.showInformationMessage(plainText(`ICWS Traffic: ${asHar ? 'exported' : 'saved'} ${what} to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}.`, 1_000), reveal).then((answer) => {
    if (answer === reveal) void vscode.commands.executeCommand('revealFileInOS', uri);
  });
  return uri;
}

/** `icws-<server>-<date>.har`: the server of the session (or of the first request), and today's date. */
export function defaultFileName(context: TrafficCommandContext, entries: readonly TrafficEntry[], format: 'jsonl' | 'har'): string {
  const firstCall = entries.find((entry) => entry.kind === 'call');
  const url = context.recording.session?.server ?? (firstCall?.kind === 'call' ? firstCall.exchange.url : undefined);
  let server = 'traffic';
  try {
    if (url) server = new URL(url).hostname;
  } catch {
    // A loaded file's URL that does not parse: the generic name.
  }
  const now = new Date();
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  // A host name is letters, digits, dots and dashes; anything else (from a file) becomes a dash.
  return `icws-${server.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 100)}-${date}.${format}`;
}
