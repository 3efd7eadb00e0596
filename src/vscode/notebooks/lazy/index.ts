// ICWS notebooks' heavier half, its own bundle (dist/notebooks.js) loaded when the first ICWS
// notebook opens: the kernel, completion, hover and diagnostics, and the catalog they read.
import * as vscode from 'vscode';
import { type IcwsCatalog, loadCatalog } from '../../../icws/catalog';
import { IcwsNotebookController } from './NotebookController';
import { registerRequestLanguage } from './requestLanguage';
import { STARTER_CELLS } from './starterNotebook';
import type { NotebookCellData, NotebookMetadata } from '../../../icws/notebook/notebookFile';
import { IcwsNotebookSerializer, NOTEBOOK_TYPE, toCellData } from './IcwsNotebookSerializer';
import type { NotebookSessions } from './notebookSessions';
import { registerExpectationLanguage } from './expectationLanguage';

export type { NotebookSessions } from './notebookSessions';

export interface NotebookFeatures extends vscode.Disposable {
  readonly serializer: vscode.NotebookSerializer;
  prefer(notebook: vscode.NotebookDocument): void;
  openStarter(): Promise<vscode.NotebookEditor>;
  /** A new notebook with these cells (a request from the Traffic panel, say). */
  openCells(cells: NotebookCellData[]): Promise<vscode.NotebookEditor>;
  readonly catalog: IcwsCatalog;
  /** Settles when the last run of cells has ended. */
  whenIdle(): Promise<void>;
}

/** The catalog file is found beside this bundle, in dist/. */
export function startNotebookFeatures(sessions: NotebookSessions): NotebookFeatures {
  let catalog: IcwsCatalog | undefined;
  const loaded = () => (catalog ??= loadCatalog());
  const session = () => sessions.session;
  const controller = new IcwsNotebookController(sessions, loaded);
  const language = registerRequestLanguage(loaded, () => session()?.features);
  const expectations = registerExpectationLanguage(loaded);
  const open = async (cells: NotebookCellData[], metadata?: NotebookMetadata) => {
    const data = new vscode.NotebookData(cells.map(toCellData));
    if (metadata) data.metadata = { icwsTest: metadata };
    const document = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
    controller.prefer(document);
    return vscode.window.showNotebookDocument(document);
  };
  return {
    serializer: new IcwsNotebookSerializer(() => session()?.http.redactor),
    get catalog() {
      return loaded();
    },
    prefer: (notebook) => controller.prefer(notebook),
    whenIdle: () => controller.whenIdle(),
    // The starter places a call and consults: it is for the simulator, never a production server.
    openStarter: () => open(STARTER_CELLS, { simulatorOnly: true }),
    openCells: (cells) => open(cells),
    dispose: () => {
      controller.dispose();
      language.dispose();
      expectations.dispose();
    },
  };
}
