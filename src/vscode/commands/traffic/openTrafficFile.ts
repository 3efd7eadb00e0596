import * as vscode from 'vscode';
import { plainText } from '../../display/untrustedText';
import { trafficCommand } from './trafficCommand';
import type { TrafficCommandContext } from './TrafficCommandContext';
import { OPEN_WITH_DIALOG, TRAFFIC_COMMAND } from './trafficCommandIds';

const FILE_FILTERS = { 'ICWS traffic': ['jsonl'], 'HTTP Archive (HAR)': ['har'] };

/** Larger captures than this are refused rather than read into memory. */
const MAX_TRAFFIC_FILE_BYTES = 200 * 1_048_576;

/**
 * "ICWS: Open Traffic File or HAR…": the file given (Explorer's context menu), else the .jsonl or
 * .har file in the active editor, else a file dialog (always a dialog from the panel's Open
 * button). Shows the panel once the timeline is loaded; returns how many entries it holds.
 */
export const openTrafficFile = trafficCommand(TRAFFIC_COMMAND.openFile, async (context, argument) => {
  const active = vscode.window.activeTextEditor?.document.uri;
  const uri = argument instanceof vscode.Uri ? argument : argument !== OPEN_WITH_DIALOG && active && /\.(jsonl|har)$/.test(active.path) ? active : undefined;
  const loaded = await loadTimeline(context, uri);
  if (loaded !== undefined) await context.panel.show();
  return loaded;
});

/**
 * Loads a saved timeline (JSON lines, or a HAR from here or from a browser) in place of the live
 * one; new traffic is appended after it. A file that cannot be read is refused whole, with where
 * and why, and the timeline kept.
 */
async function loadTimeline(context: TrafficCommandContext, source: vscode.Uri | undefined): Promise<number | undefined> {
  const uri = source ?? (await vscode.window.showOpenDialog({ filters: FILE_FILTERS, canSelectMany: false }))?.[0];
  if (!uri) return undefined;
  const { timeline } = context.recording;
  let skipped = 0;
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_TRAFFIC_FILE_BYTES) throw new Error(`the file has ${(size / 1_048_576).toFixed(0)} MB; at most ${MAX_TRAFFIC_FILE_BYTES / 1_048_576} MB can be opened`);
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const formats = context.formats();
    if (isHar(uri, text)) {
      const archive = formats.fromHar(text);
      skipped = archive.skipped;
      timeline.restore(archive.entries.slice(-timeline.capacity));
    } else {
      timeline.restore(formats.readTrafficLines(text).slice(-timeline.capacity));
    }
  } catch (error) {
    void vscode.window.showErrorMessage(plainText(`ICWS Traffic: ${uri.fsPath} was not opened: ${error instanceof Error ? error.message : String(error)}. The timeline is unchanged.`, 1_000));
    return undefined;
  }
  if (skipped) void vscode.window.showInformationMessage(`ICWS Traffic: ${skipped} ${skipped === 1 ? 'request that is' : 'requests that are'} not ICWS (pages, scripts, CORS preflights) left out.`);
  return timeline.size;
}

/** A HAR by its name, or by its first bytes when the name says neither. */
function isHar(uri: vscode.Uri, text: string): boolean {
  if (uri.path.endsWith('.har')) return true;
  if (uri.path.endsWith('.jsonl')) return false;
  return /^\s*\{\s*"log"\s*:/.test(text);
}
