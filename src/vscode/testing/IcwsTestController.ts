// ICWS notebooks in Test Explorer: each *.icws-notebook in the workspace is a suite, each request
// cell with expectations a test. Only this thin part is in the extension's bundle: the controller,
// its two run profiles, and finding files when Test Explorer first asks (never at activation).
// Reading a notebook's tests or running them loads dist/testing.js (the file checks, the runner,
// and the simulator for "against the simulator").
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DisposableOwner } from '../../icws/lifecycle';
import type { NotebookSessions } from '../notebooks/lazy/notebookSessions';
import type { DebugTraffic, OutputObserver, RunKind, RunObserver, TestRunMode } from './lazy';

type RunnerModule = typeof import('./lazy');

const NOTEBOOK_GLOB = '**/*.icws-notebook';

export class IcwsTestController extends DisposableOwner implements vscode.Disposable {
  readonly controller: vscode.TestController;
  private runner?: RunnerModule;
  private watching = false;
  private readonly runProfiles: vscode.TestRunProfile[] = [];

  constructor(
    private readonly extensionPath: string,
    private readonly sessions: NotebookSessions,
    /** Where a debug run against the simulator records its sessions' traffic (ICWS Traffic). */
    private readonly traffic?: DebugTraffic,
  ) {
    super();
    this.controller = this.register(vscode.tests.createTestController('icws-tests', 'ICWS Notebooks'));
    this.controller.resolveHandler = (item) => (item ? this.readTests(item) : this.findNotebooks());
    this.controller.refreshHandler = () => this.findNotebooks();
    const profile = (label: string, mode: TestRunMode, kind: RunKind, isDefault: boolean) =>
      this.runProfiles.push(this.register(this.controller.createRunProfile(label, kind === 'debug' ? vscode.TestRunProfileKind.Debug : vscode.TestRunProfileKind.Run, (request, token) => this.run(request, mode, token, undefined, kind), isDefault)));
    profile('Against the simulator', 'simulator', 'run', true);
    profile('Against the connected session', 'session', 'run', false);
    // Debugging a notebook: its traffic in the run's output and in Traffic, stopped at the first failure (docs/testing.md).
    profile('Debug against the simulator', 'simulator', 'debug', true);
    profile('Debug against the connected session', 'session', 'debug', false);
  }

  /** The run and debug profiles (the extension's tests check them). */
  get profiles(): readonly vscode.TestRunProfile[] {
    return this.runProfiles;
  }

  /** Runs a request as a profile would; `observe` sees each result, `observeOutput` each line of output (the extension's tests use them). */
  async run(request: vscode.TestRunRequest, mode: TestRunMode, token: vscode.CancellationToken, observe?: RunObserver, kind: RunKind = 'run', observeOutput?: OutputObserver): Promise<void> {
    await this.loadRunner().runTests({ controller: this.controller, request, mode, token, sessions: this.sessions, readTests: (item) => this.readTests(item), kind, ...(this.traffic ? { traffic: this.traffic } : {}), ...(observe ? { observe } : {}), ...(observeOutput ? { observeOutput } : {}) });
  }

  private loadRunner(): RunnerModule {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (this.runner ??= require(path.join(this.extensionPath, 'dist', 'testing.js')) as RunnerModule);
  }

  /** Finds the workspace's notebooks, and follows files as they come, change and go. */
  async findNotebooks(): Promise<void> {
    if (!this.watching) {
      this.watching = true;
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(NOTEBOOK_GLOB));
      watcher.onDidCreate((uri) => this.addNotebook(uri));
      watcher.onDidChange((uri) => {
        const item = this.controller.items.get(uri.toString());
        if (item) void this.readTests(item);
      });
      watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString()));
    }
    const files = await vscode.workspace.findFiles(NOTEBOOK_GLOB, '**/node_modules/**');
    const found = new Set(files.map((uri) => uri.toString()));
    this.controller.items.forEach((item) => found.has(item.id) || this.controller.items.delete(item.id));
    for (const uri of files) this.addNotebook(uri);
  }

  private addNotebook(uri: vscode.Uri): vscode.TestItem {
    let item = this.controller.items.get(uri.toString());
    if (!item) {
      item = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
      item.canResolveChildren = true;
      this.controller.items.add(item);
    }
    return item;
  }

  /** A notebook's tests: its cells with expectations, by title. */
  async readTests(item: vscode.TestItem): Promise<void> {
    if (!item.uri) return;
    item.busy = true;
    try {
      const tests = this.loadRunner().listTests(Buffer.from(await vscode.workspace.fs.readFile(item.uri)).toString('utf8'));
      item.error = undefined;
      item.children.replace(
        tests.map(({ index, title }) => {
          const child = this.controller.createTestItem(`${item.id}#${index}`, title, item.uri);
          child.sortText = String(index).padStart(5, '0');
          return child;
        }),
      );
    } catch (error) {
      item.error = `Not an ICWS notebook: ${error instanceof Error ? error.message : String(error)}`;
      item.children.replace([]);
    } finally {
      item.busy = false;
    }
  }
}
