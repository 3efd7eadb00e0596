// ICWS notebooks (*.icws-notebook). Only this thin part is in the extension's bundle: the
// serializer registration, a listener and a command. The serializer's work, the kernel,
// completion, hover, diagnostics and the operation catalog come from lazy/ (its own bundle,
// dist/notebooks.js), loaded when the first ICWS notebook opens or "ICWS: New Notebook" runs,
// never at activation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../../icws/lifecycle';
import type { NotebookFeatures, NotebookSessions } from './lazy';

type FeaturesModule = typeof import('./lazy');

/** Kept equal to the contributed notebook type (package.json "notebooks"). */
const NOTEBOOK_TYPE = 'icws-notebook';

export class IcwsNotebooks extends DisposableOwner implements vscode.Disposable {
  private loaded?: NotebookFeatures;

  constructor(
    private readonly extensionPath: string,
    private readonly sessions: NotebookSessions,
  ) {
    super();
    const serializer: vscode.NotebookSerializer = {
      deserializeNotebook: (content, token) => this.features().serializer.deserializeNotebook(content, token),
      serializeNotebook: (data, token) => this.features().serializer.serializeNotebook(data, token),
    };
    this.register(vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, serializer));
    this.register(vscode.workspace.onDidOpenNotebookDocument((notebook) => this.opened(notebook)));
    this.register(vscode.commands.registerCommand('icws.newNotebook', () => this.features().openStarter()));
    // Registered last, so released first: the loaded features go before the registrations.
    this.register(toDisposable(() => this.loaded?.dispose()));
    vscode.workspace.notebookDocuments.forEach((notebook) => this.opened(notebook));
  }

  /** Whether the notebook features (and the catalog) have been loaded. */
  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }

  features(): NotebookFeatures {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(this.extensionPath, 'dist', 'notebooks.js')) as FeaturesModule;
      this.loaded = module.startNotebookFeatures(this.sessions);
    }
    return this.loaded;
  }

  /** A new notebook holding one request cell (from the Traffic panel), ready to change and run. */
  openRequest(source: string): Thenable<vscode.NotebookEditor> {
    return this.features().openCells([
      { kind: 'markdown', source: 'A request from the ICWS Traffic panel: change it and run it with the current session.' },
      { kind: 'request', source },
    ]);
  }

  private opened(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType === NOTEBOOK_TYPE) this.features().prefer(notebook);
  }
}
