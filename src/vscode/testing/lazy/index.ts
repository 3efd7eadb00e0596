// Test Explorer's runner, its own bundle (dist/testing.js), loaded with the first run: runs the
// notebooks of a request headless (the same runner as icws-test), against a fresh simulator (the
// scenario and seed the notebook's metadata names) or the extension's live sessions, and reports
// each test with its failures at the expectation's line in the notebook cell.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCatalog } from '../../../icws/catalog/loadCatalog';
import type { IcwsSession } from '../../../icws/IcwsSession';
import { sessionByName } from '../../../icws/sessionByName';
import { readNotebookFile } from '../../../icws/notebook/notebookFile';
import { type CellResult, type NotebookSessionProvider, runNotebook } from '../../../testing/runNotebook';
import { SimulatorPool } from '../../../testing/simulatorPool';
import { notebookTests } from '../../../testing/testTitles';
import { LoginSessions, SetUpError, simulatorPasswords, startTestSimulator } from '../../../testing/testSessions';
import type { NotebookSessions } from '../../notebooks/lazy/notebookSessions';
import { isSimulator, sessionName } from '../../notebooks/lazy/notebookSessions';
import { plainText } from '../../display/untrustedText';
import { needsConfirmation } from '../../../icws/profile';
import { confirmStateChange } from '../../session/productionGuard';

export type TestRunMode = 'simulator' | 'session';

// "Save as Test…" (a Traffic command) converts with these, from this bundle.
export { testFromTraffic } from '../../../testing/trafficToTest';
export { writeNotebookFile } from '../../../icws/notebook/notebookFile';

/** A notebook file's tests (request cells with expectations), by index and title; throws naming the field of a file that is not a notebook. */
export function listTests(text: string): { index: number; title: string }[] {
  return notebookTests(readNotebookFile(text));
}

export interface RunObserver {
  (event: { item: vscode.TestItem; verdict: CellResult['verdict'] | 'errored'; messages: vscode.TestMessage[] }): void;
}

export interface RunTestsOptions {
  controller: vscode.TestController;
  request: vscode.TestRunRequest;
  mode: TestRunMode;
  token: vscode.CancellationToken;
  sessions: NotebookSessions;
  readTests(item: vscode.TestItem): Promise<void>;
  observe?: RunObserver;
}

export async function runTests({ controller, request, mode, token, sessions, readTests, observe }: RunTestsOptions): Promise<void> {
  const run = controller.createTestRun(request);
  const simulators = new SimulatorPool(startTestSimulator);
  const report = (item: vscode.TestItem, verdict: CellResult['verdict'] | 'errored', messages: vscode.TestMessage[] = [], durationMs?: number) => {
    if (verdict === 'passed') run.passed(item, durationMs);
    else if (verdict === 'failed') run.failed(item, messages, durationMs);
    else if (verdict === 'errored') run.errored(item, messages);
    else run.skipped(item);
    observe?.({ item, verdict, messages });
  };
  try {
    const chosen = await testsByNotebook(controller, request, readTests);
    let asked = false;
    for (const [notebookItem, tests] of chosen) {
      if (token.isCancellationRequested) break;
      const uri = notebookItem.uri!;
      const file = readNotebookFile(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
      tests.forEach((item) => run.enqueued(item));
      let provider: NotebookSessionProvider & { close?(): Promise<void> };
      try {
        if (mode === 'simulator') {
          const folder = path.dirname(uri.fsPath);
          const simulator = await simulators.get({ ...(file.metadata?.scenario ? { scenarioFile: path.resolve(folder, file.metadata.scenario) } : {}), ...(file.metadata?.seed !== undefined ? { seed: file.metadata.seed } : {}) });
          provider = new LoginSessions({ server: simulator.url, defaultUser: 'agent1', password: simulatorPasswords(simulator) });
        } else {
          provider = liveSessions(sessions);
          if (!asked && !(await mayChangeServers(sessions))) break;
          asked = true;
        }
      } catch (error) {
        const message = new vscode.TestMessage(plainText(error instanceof SetUpError ? error.message : String(error), 1000));
        tests.forEach((item) => report(item, 'errored', [message]));
        continue;
      }
      const document = await vscode.workspace.openNotebookDocument(uri);
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      try {
        await runNotebook(file, {
          sessions: provider,
          catalog: loadCatalog(),
          signal: abort.signal,
          onCell: (event) => {
            const item = tests.get(event.kind === 'start' ? event.index : event.result.index);
            if (!item) return;
            if (event.kind === 'start') return run.started(item);
            const { result } = event;
            const cell = result.index < document.cellCount ? document.cellAt(result.index) : undefined;
            const messages = result.failures.map((failure) => {
              const message = new vscode.TestMessage(plainText(failure.message, 2000));
              if (cell) message.location = new vscode.Location(cell.document.uri, new vscode.Range(failure.line, 0, failure.line, 0));
              return message;
            });
            report(item, result.verdict, messages, result.durationMs);
          },
        });
      } finally {
        cancelled.dispose();
        await provider.close?.();
      }
    }
  } finally {
    await simulators.stopAll();
    run.end();
  }
}

/** The tests a request names, by notebook and cell index: a notebook runs whole (earlier cells set up later ones), only these are reported. */
async function testsByNotebook(controller: vscode.TestController, request: vscode.TestRunRequest, readTests: (item: vscode.TestItem) => Promise<void>): Promise<Map<vscode.TestItem, Map<number, vscode.TestItem>>> {
  const chosen = new Map<vscode.TestItem, Map<number, vscode.TestItem>>();
  const excluded = new Set(request.exclude ?? []);
  const roots: vscode.TestItem[] = [];
  if (request.include) roots.push(...request.include);
  else controller.items.forEach((item) => roots.push(item));
  for (const item of roots) {
    if (excluded.has(item)) continue;
    const notebook = item.parent ?? item;
    if (!item.parent && item.children.size === 0) await readTests(item);
    const tests = chosen.get(notebook) ?? new Map<number, vscode.TestItem>();
    chosen.set(notebook, tests);
    const cells: vscode.TestItem[] = [];
    if (item.parent) cells.push(item);
    else item.children.forEach((child) => cells.push(child));
    for (const cell of cells) if (!excluded.has(cell)) tests.set(Number(cell.id.slice(cell.id.lastIndexOf('#') + 1)), cell);
  }
  return chosen;
}

/** The extension's live sessions: the current one for cells without `@session`. */
function liveSessions(sessions: NotebookSessions): NotebookSessionProvider {
  return {
    session: async (name) => {
      const live = sessions.sessions.filter((session) => session.isUp);
      if (!name) {
        if (!sessions.session) throw new SetUpError('not connected: connect first (ICWS: Connect), or run against the simulator');
        return sessions.session;
      }
      const found = sessionByName(name, live, (session) => ({ profileName: sessions.profileOf(session)?.name, userId: session.identity.userId }));
      if (!found.session) throw new SetUpError(found.problem);
      return found.session;
    },
  };
}

/** Running tests on live sessions changes them: asked once per run on anything but a simulator. */
async function mayChangeServers(sessions: NotebookSessions): Promise<boolean> {
  const live = sessions.sessions.filter((session) => session.isUp);
  const asking: IcwsSession[] = [];
  for (const session of live) {
    const profile = sessions.profileOf(session);
    // A production profile asks through the production guard, naming it, even where the server
    // says it is the simulator; the others that are not simulators are asked together below.
    if (needsConfirmation(profile)) {
      if (!(await confirmStateChange(profile, 'Run ICWS tests, which send state-changing requests'))) return false;
    } else if (!isSimulator(sessions, session)) asking.push(session);
  }
  if (asking.length === 0) return true;
  const run = 'Run';
  const names = asking.map((session) => sessionName(sessions, session)).join(', ');
  const answer = await vscode.window.showWarningMessage(plainText(`Run ICWS tests on ${names}?`, 300), { modal: true, detail: plainText(`The tests send state-changing requests (status, calls, transfers) to ${asking.map((session) => session.server).join(', ')}: not a simulator.`, 500) }, run);
  return answer === run;
}
