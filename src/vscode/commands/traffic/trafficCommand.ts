// The shared shape of the traffic commands, one file each beside this one. A command on one entry
// takes the entry's seq (the panel's buttons pass it); without one (the palette) it works on the
// panel's selected entry when that fits, else asks with a pick of recent entries.
import * as vscode from 'vscode';
import { type CallEntry, summarize, type TrafficEntry } from '../../../traffic';
import { plainText } from '../../display/untrustedText';
import type { TrafficCommandContext } from './TrafficCommandContext';

export interface TrafficCommand {
  readonly id: string;
  run(context: TrafficCommandContext, ...args: unknown[]): Promise<unknown>;
}

/** A command on the whole timeline (show, save, open, clear), given VS Code's arguments as they come. */
export function trafficCommand(id: string, run: (context: TrafficCommandContext, ...args: unknown[]) => Promise<unknown>): TrafficCommand {
  return { id, run };
}

interface EntryKinds {
  call: CallEntry;
  any: TrafficEntry;
}

/** How many entries the pick offers, newest first. */
const PICK_RECENT = 100;

/** A command on one entry: `accepts` says which ones it can work on (a call, or any entry). */
export function entryCommand<K extends keyof EntryKinds>(spec: { id: string; accepts: K; title: string; run(context: TrafficCommandContext, entry: EntryKinds[K]): Promise<unknown> }): TrafficCommand {
  const fits = (entry: TrafficEntry | undefined): entry is EntryKinds[K] => entry !== undefined && (spec.accepts === 'any' || entry.kind === 'call');
  return {
    id: spec.id,
    async run(context, argument) {
      let entry: TrafficEntry | undefined;
      if (typeof argument === 'number') {
        entry = context.recording.find(argument);
        if (!fits(entry)) {
          void vscode.window.showWarningMessage(`ICWS Traffic: entry ${argument} is ${entry ? 'not a request' : 'not in the timeline (any more)'}.`);
          return undefined;
        }
      } else {
        const selected = context.panel.selectedSeq === undefined ? undefined : context.recording.find(context.panel.selectedSeq);
        entry = fits(selected) ? selected : await pickEntry(context, fits, spec.title, spec.accepts === 'call' ? 'request' : 'entry');
      }
      return fits(entry) ? spec.run(context, entry) : undefined;
    },
  };
}

async function pickEntry(context: TrafficCommandContext, fits: (entry: TrafficEntry) => boolean, title: string, noun: string): Promise<TrafficEntry | undefined> {
  const entries = context.recording.timeline.entries();
  const items: (vscode.QuickPickItem & { entry: TrafficEntry })[] = [];
  for (let i = entries.length - 1; i >= 0 && items.length < PICK_RECENT; i--) {
    const entry = entries[i]!;
    // Paths and types may come from a loaded file: shown as plain text.
    if (fits(entry)) items.push({ label: plainText(summarize(entry), 200), description: `#${entry.seq} · ${new Date(entry.time).toLocaleTimeString()}`, entry });
  }
  if (!items.length) {
    void vscode.window.showInformationMessage(`ICWS Traffic: no recorded ${noun} yet.`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: `ICWS Traffic: ${title}`, placeHolder: `Which ${noun}? (the most recent first)`, matchOnDescription: true }))?.entry;
}

/** Puts text on the clipboard and says so briefly. */
export async function copyToClipboard(text: string, what: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`ICWS: copied ${what}`, 3_000);
  return text;
}
