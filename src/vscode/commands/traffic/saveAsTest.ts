// "Save as Test…": the Traffic timeline (a whole capture, already redacted) becomes a notebook of
// its requests with expectations drawn from what happened, and a scenario file beside it that
// reproduces the inbound calls it saw; the notebook's metadata names the scenario, so Test
// Explorer and icws-test run it against the simulator. The conversion (src/testing/trafficToTest.ts)
// comes from the test runner's bundle, loaded here on first use.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { trafficCommand } from './trafficCommand';

type TestingModule = typeof import('../../testing/lazy');

export const SAVE_AS_TEST_COMMAND = 'icws.traffic.saveAsTest';

export const saveAsTest = trafficCommand(SAVE_AS_TEST_COMMAND, async (context, target) => {
  const entries = context.recording.timeline.entries();
  if (!entries.some((entry) => entry.kind === 'call')) {
    void vscode.window.showInformationMessage('ICWS Traffic has no requests to save as a test yet.');
    return undefined;
  }
  const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({ filters: { 'ICWS notebook': ['icws-notebook'] }, saveLabel: 'Save as Test' });
  if (!uri) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testing = require(path.join(__dirname, 'testing.js')) as TestingModule;
  const scenarioName = `${path.basename(uri.path).replace(/\.icws-notebook$/, '')}.icws-scenario.json`;
  const { notebook, scenario } = testing.testFromTraffic(entries, { name: `Saved from ICWS Traffic (${new Date().toISOString().slice(0, 16).replace('T', ' ')})` });
  notebook.metadata = { scenario: scenarioName };
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, '..', scenarioName), Buffer.from(`${JSON.stringify(scenario, null, 2)}\n`, 'utf8'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(testing.writeNotebookFile(notebook), 'utf8'));
  await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(uri));
  return uri;
});
