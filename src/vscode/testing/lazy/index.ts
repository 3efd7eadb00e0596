// Test Explorer's runner, its own bundle (dist/testing.js), loaded with the first run: runs the
// notebooks of a request headless (the same runner as icws-test), against a fresh simulator (the
// scenario and seed the notebook's metadata names) or the extension's live sessions, and reports
// each test with its failures at the expectation's line in the notebook cell.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCatalog } from '../../../icws/catalog/loadCatalog';
import type { IcwsSession } from '../../../icws/IcwsSession';
import { sessionByName } from '../../../icws/sessionByName';
import { type NotebookFile, readNotebookFile } from '../../../icws/notebook/notebookFile';
import { readDirectives } from '../../../icws/notebook/cellDirectives';
import { type CellResult, type NotebookSessionProvider, runNotebook } from '../../../testing/runNotebook';
import { SimulatorPool } from '../../../testing/simulatorPool';
import { notebookTests } from '../../../testing/testTitles';
import { LoginSessions, SetUpError, simulatorPasswords, startTestSimulator } from '../../../testing/testSessions';
import type { NotebookSessions } from '../../notebooks/lazy/notebookSessions';
import { isSimulator, sessionName } from '../../notebooks/lazy/notebookSessions';
import { plainText } from '../../display/untrustedText';
import { needsConfirmation } from '../../../icws/profile';
import { confirmStateChange } from '../../session/productionGuard';
import { DebugRecorder, type DebugTraffic, type OutputObserver, testSessionName } from './debugRun';

export type { DebugTraffic, OutputObserver } from './debugRun';

export type TestRunMode = 'simulator' | 'session';
/** A profile's kind: a run, or a debug run (debugRun.ts). */
export type RunKind = 'run' | 'debug';

// "Save as Test…" (a Traffic command) converts with these, from this bundle.
export { flowRequests, isSavedScenario, savedTestName, testFromTraffic } from '../../../testing/trafficToTest';
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
  /** A debug run: its traffic in the output (and Traffic), stopped at the first failure (debugRun.ts). */
  kind?: RunKind;
  traffic?: DebugTraffic;
  observeOutput?: OutputObserver;
}

export async function runTests({ controller, request, mode, token, sessions, readTests, observe, kind, traffic, observeOutput }: RunTestsOptions): Promise<void> {
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
    // The live sessions this run may change: asked about once; one that comes alive later is asked about when a cell first needs it.
    const approved = new Set<IcwsSession>();
    const notebooks = [...chosen];
    for (const [at, [notebookItem, tests]] of notebooks.entries()) {
      if (token.isCancellationRequested) break;
      const uri = notebookItem.uri!;
      const file = readNotebookFile(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
      tests.forEach((item) => run.enqueued(item));
      const document = await vscode.workspace.openNotebookDocument(uri);
      const recorder = kind === 'debug' ? new DebugRecorder(run, document, traffic, mode === 'simulator' ? (userId) => testSessionName(path.basename(uri.fsPath), userId) : undefined, observeOutput) : undefined;
      let provider: NotebookSessionProvider & { close?(): Promise<void> };
      let simulatorUrl: string | undefined;
      try {
        if (mode === 'simulator') {
          const folder = path.dirname(uri.fsPath);
          const simulator = await simulators.get({ ...(file.metadata?.scenario ? { scenarioFile: path.resolve(folder, file.metadata.scenario) } : {}), ...(file.metadata?.seed !== undefined ? { seed: file.metadata.seed } : {}) });
          simulatorUrl = simulator.url;
          provider = new LoginSessions({ server: simulator.url, defaultUser: 'agent1', password: simulatorPasswords(simulator), ...(recorder ? { onExchange: (exchange, userId) => recorder.exchange(exchange, userId) } : {}) });
        } else {
          // A notebook written for the simulator (the starter) never runs on a production profile, as in the notebook editor.
          const simulatorOnly = file.metadata?.simulatorOnly === true ? path.basename(uri.fsPath) : undefined;
          const production = simulatorOnly && productionProfileUsed(file, sessions);
          if (simulatorOnly && production) throw new SetUpError(simulatorOnlyProblem(simulatorOnly, production));
          provider = liveSessions(sessions, approved, simulatorOnly);
          if (!asked && !(await mayChangeServers(sessions, sessions.sessions.filter((session) => session.isUp), approved))) {
            recorder?.dispose();
            break;
          }
          asked = true;
        }
      } catch (error) {
        const message = new vscode.TestMessage(plainText(error instanceof SetUpError ? error.message : String(error), 1000));
        tests.forEach((item) => report(item, 'errored', [message]));
        recorder?.dispose();
        continue;
      }
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      try {
        await runNotebook(file, {
          sessions: recorder ? recorder.follow(provider) : provider,
          catalog: loadCatalog(),
          signal: abort.signal,
          onCell: (event) => {
            const item = tests.get(event.kind === 'start' ? event.index : event.result.index);
            if (event.kind === 'start') recorder?.cellStarted(event.index, file.cells[event.index]?.source ?? '', item);
            else recorder?.cellEnded(event.result);
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
        if (recorder?.firstFailure) {
          // A debug run stops at its first failure: the notebooks after it are skipped.
          for (const [, rest] of notebooks.slice(at + 1)) rest.forEach((item) => report(item, 'skipped'));
          // A run stopped by the user is not shown as a failure to look into.
          if (!token.isCancellationRequested) {
            await recorder.showFailure();
            if (simulatorUrl) await keepSimulatorUp(simulatorUrl, path.basename(uri.fsPath), token, (line) => recorder.write(line, undefined));
          }
          break;
        }
      } finally {
        recorder?.dispose();
        cancelled.dispose();
        await provider.close?.();
      }
    }
  } finally {
    await simulators.stopAll();
    run.end();
  }
}

/**
 * After a debug run's failure its simulator (and the run's sessions on it) stay up, so the state
 * the test left can be looked at and its requests replayed, until the user stops the run: Test
 * Explorer's Stop, or the notification's (a cancellable progress, so it closes either way).
 */
async function keepSimulatorUp(url: string, notebookName: string, token: vscode.CancellationToken, write: (line: string) => void): Promise<void> {
  write(`The simulator at ${url} stays up with this run's sessions: connect to it (ICWS: Connect) to look around or replay requests. Stop the debug run (Test Explorer's Stop, or Cancel on the notification) to end it.`);
  // A cancellable progress offers only "Cancel": the title says that it is what stops the simulator.
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: plainText(`ICWS tests: ${notebookName} failed. Its simulator (${url}) stays up for you to look around; Cancel stops it and ends the debug run.`, 400), cancellable: true }, (_progress, stop) =>
    new Promise<void>((resolve) => {
      if (token.isCancellationRequested || stop.isCancellationRequested) return resolve();
      const listeners = [token, stop].map((each) =>
        each.onCancellationRequested(() => {
          listeners.forEach((listener) => listener.dispose());
          resolve();
        }),
      );
    }),
  );
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
function liveSessions(sessions: NotebookSessions, approved: Set<IcwsSession>, simulatorOnly: string | undefined): NotebookSessionProvider {
  const find = (name: string | undefined): IcwsSession => {
    if (!name) {
      if (!sessions.session) throw new SetUpError('not connected: connect first (ICWS: Connect), or run against the simulator');
      return sessions.session;
    }
    const live = sessions.sessions.filter((session) => session.isUp);
    const found = sessionByName(name, live, (session) => ({ profileName: sessions.profileOf(session)?.name, userId: session.identity.userId }));
    if (!found.session) throw new SetUpError(found.problem);
    return found.session;
  };
  return {
    session: async (name) => {
      const session = find(name);
      const profile = sessions.profileOf(session);
      if (simulatorOnly && profile?.production) throw new SetUpError(simulatorOnlyProblem(simulatorOnly, profile.name));
      if (!approved.has(session) && !(await mayChangeServers(sessions, [session], approved))) {
        throw new SetUpError(`not run: ${sessionName(sessions, session)} connected during the run, and running tests on it was not confirmed`);
      }
      return session;
    },
  };
}

/** The production profile a notebook's cells would run on (the current session's, or one a `@session` names), if any. */
function productionProfileUsed(file: NotebookFile, sessions: NotebookSessions): string | undefined {
  const live = sessions.sessions.filter((session) => session.isUp);
  const named = file.cells.flatMap((cell) => {
    const name = cell.kind === 'request' ? readDirectives(cell.source).directives.session : undefined;
    return name ? [sessionByName(name, live, (session) => ({ profileName: sessions.profileOf(session)?.name, userId: session.identity.userId })).session] : [];
  });
  return [sessions.session, ...named].map((session) => session && sessions.profileOf(session)).find((profile) => profile?.production)?.name;
}

function simulatorOnlyProblem(notebookName: string, profileName: string): string {
  return `${notebookName} is written for the simulator: it does not run on ${profileName}, a production profile`;
}

/** Running tests on live sessions changes them: asked once per run on anything but a simulator. */
async function mayChangeServers(sessions: NotebookSessions, live: readonly IcwsSession[], approved: Set<IcwsSession>): Promise<boolean> {
  const asking: IcwsSession[] = [];
  for (const session of live) {
    const profile = sessions.profileOf(session);
    // A production profile asks through the production guard, naming it, even where the server
    // says it is the simulator; the others that are not simulators are asked together below.
    if (needsConfirmation(profile)) {
      if (!(await confirmStateChange(profile, 'Run ICWS tests, which send state-changing requests'))) return false;
    } else if (!isSimulator(sessions, session)) asking.push(session);
  }
  if (asking.length) {
    const run = 'Run';
    const names = asking.map((session) => sessionName(sessions, session)).join(', ');
    const answer = await vscode.window.showWarningMessage(plainText(`Run ICWS tests on ${names}?`, 300), { modal: true, detail: plainText(`The tests send state-changing requests (status, calls, transfers) to ${asking.map((session) => session.server).join(', ')}: not a simulator.`, 500) }, run);
    if (answer !== run) return false;
  }
  live.forEach((session) => approved.add(session));
  return true;
}
