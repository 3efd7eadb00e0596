// "Save as Test…": the Traffic timeline (a whole capture, already redacted), or the entries
// selected in the panel when several are, becomes a notebook of its requests with expectations
// drawn from what happened, and a scenario file beside it that reproduces the inbound calls it saw;
// the notebook's metadata names the scenario, so Test Explorer and icws-test run it against the
// simulator. The conversion (src/testing/trafficToTest.ts) comes from the test runner's bundle,
// loaded here on first use. Arguments (tests, keybindings): an array of entry seqs, and/or the
// notebook's Uri (then no dialog).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TRAFFIC_COMMAND } from './trafficCommandIds';
import { trafficCommand } from './trafficCommand';

type TestingModule = typeof import('../../testing/lazy');

export const SAVE_AS_TEST_COMMAND = TRAFFIC_COMMAND.saveAsTest;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const saveAsTest = trafficCommand(SAVE_AS_TEST_COMMAND, async (context, ...args) => {
  const given = args.find((arg): arg is unknown[] => Array.isArray(arg));
  if (given && !given.every((seq) => Number.isSafeInteger(seq))) {
    void vscode.window.showErrorMessage('ICWS Save as Test: the entries must be a list of entry numbers (seqs), such as [12, 15].');
    return undefined;
  }
  // The panel's selection counts when it holds several entries; one selected row is just the focus.
  const chosen = (given as number[] | undefined) ?? (context.panel.selectedSeqs.length > 1 ? [...context.panel.selectedSeqs] : undefined);
  const entries = context.recording.timeline.entries();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testing = require(path.join(__dirname, 'testing.js')) as TestingModule;
  const requests = testing.flowRequests(entries);
  // Else what the panel shows: while its filter hides entries (a debug run's failure opens it
  // filtered to the run's session), the shown requests, not every session's whole timeline.
  const filter = chosen ? '' : context.panel.shownFilter.trim();
  let selected: Set<number> | undefined;
  if (filter) {
    const shown = new Set(context.recording.timeline.filterRows(filter).map((row) => row.seq));
    selected = new Set(requests.filter((entry) => shown.has(entry.seq)).map((entry) => entry.seq));
    if (!selected.size) {
      void vscode.window.showInformationMessage(`ICWS Save as Test: the Traffic filter "${filter}" shows no request to save (${plural(shown.size, 'entry', 'entries')} shown). Clear the filter to save the whole timeline.`);
      return undefined;
    }
  } else if (chosen) {
    selected = new Set(chosen);
    const present = entries.filter((entry) => selected!.has(entry.seq)).length;
    if (!present) {
      void vscode.window.showWarningMessage(`ICWS Save as Test: ${plural(chosen.length, 'entry', 'entries')} (${chosen.slice(0, 5).join(', ')}${chosen.length > 5 ? ', …' : ''}) ${chosen.length === 1 ? 'is' : 'are'} not in the Traffic timeline (any more).`);
      return undefined;
    }
    if (!requests.some((entry) => selected!.has(entry.seq))) {
      void vscode.window.showInformationMessage(`ICWS Save as Test: the ${plural(present, 'selected entry holds', 'selected entries hold')} no request (only messages or the session's own requests). Select the requests to save with Ctrl/Cmd+click, or one entry to save the whole timeline.`);
      return undefined;
    }
  } else if (!requests.length) {
    void vscode.window.showInformationMessage('ICWS Traffic has no requests to save as a test yet.');
    return undefined;
  }
  const title = filter ? `Save the ${plural(selected!.size, 'request', 'requests')} the filter shows (${filter}) as a test` : selected ? `Save ${plural(selected.size, 'selected entry', 'selected entries')} as a test` : `Save the whole timeline (${plural(requests.length, 'request', 'requests')}) as a test`;
  const target = args.find((arg): arg is vscode.Uri => arg instanceof vscode.Uri);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target ?? (await vscode.window.showSaveDialog({ title, filters: { 'ICWS notebook': ['icws-notebook'] }, saveLabel: 'Save as Test', ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `icws-test-${new Date().toISOString().slice(0, 10)}.icws-notebook`) } : {}) }));
  if (!uri) return undefined;
  const scenarioUri = await scenarioFileBeside(uri, testing.isSavedScenario);
  if (!scenarioUri) {
    void vscode.window.showErrorMessage(`ICWS Save as Test: no free name for the scenario beside ${path.basename(uri.path)}; nothing was written.`);
    return undefined;
  }
  const { notebook, scenario } = testing.testFromTraffic(entries, { name: testing.savedTestName(new Date()), ...(selected ? { selected, chosenBy: filter ? 'filter' : 'selection' } : {}) });
  notebook.metadata = { scenario: path.basename(scenarioUri.path) };
  await vscode.workspace.fs.writeFile(scenarioUri, Buffer.from(`${JSON.stringify(scenario, null, 2)}\n`, 'utf8'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(testing.writeNotebookFile(notebook), 'utf8'));
  await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(uri));
  return uri;
});

/**
 * The scenario file beside the notebook: `<notebook>.icws-scenario.json` when it is free or one Save
 * as Test wrote (saving the test again replaces it); a scenario of someone else's is kept, and the
 * next name taken (`<notebook>-2.icws-scenario.json`). The save dialog asked only about the notebook.
 */
async function scenarioFileBeside(notebook: vscode.Uri, replaceable: (text: string) => boolean): Promise<vscode.Uri | undefined> {
  const base = path.basename(notebook.path).replace(/\.icws-notebook$/, '');
  for (let n = 1; n <= 100; n++) {
    const candidate = vscode.Uri.joinPath(notebook, '..', `${base}${n === 1 ? '' : `-${n}`}.icws-scenario.json`);
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(candidate)).toString('utf8');
    } catch {
      return candidate; // not there (anything else, a folder say, fails the write with its reason)
    }
    if (replaceable(text)) return candidate;
  }
  return undefined;
}
