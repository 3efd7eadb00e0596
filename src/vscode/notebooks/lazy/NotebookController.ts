// Runs request cells with the extension's live session, through the same client (so each request
// is in the log and the Traffic panel, redacted). A cell that changes state is sent once per run;
// running it again asks first. Nothing is sent for a cell the catalog does not know or whose body
// is not JSON: the problem is the cell's output.
import * as vscode from 'vscode';
import type { IcwsSession } from '../../../icws/IcwsSession';
import type { IcwsCatalog } from '../../../icws/catalog/IcwsCatalog';
import { CellProblem, cellRequest } from '../../../icws/notebook/requestCell';
import type { CellAnswer } from '../../../icws/notebook/notebookFile';
import { plainText } from '../../display/untrustedText';
import { ANSWER_METADATA, answerOutputs } from './answerOutput';
import { NOTEBOOK_TYPE, REQUEST_LANGUAGE } from './IcwsNotebookSerializer';

export const CONTROLLER_ID = 'icws-notebook-controller';

export class IcwsNotebookController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  /** Cells that have sent a state-changing request (by cell document), this window. */
  private readonly sent = new Set<string>();
  private order = 0;

  constructor(
    private readonly session: () => IcwsSession | undefined,
    private readonly catalog: () => IcwsCatalog,
  ) {
    this.controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, 'ICWS (current session)');
    this.controller.supportedLanguages = [REQUEST_LANGUAGE];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs request cells with the extension’s ICWS session';
    this.controller.executeHandler = (cells, notebook) => (this.running = this.runAll(cells, notebook));
  }

  private running: Promise<void> = Promise.resolve();

  /** Settles when the cells asked for last have all run or the run stopped (for tests and scripts). */
  whenIdle(): Promise<void> {
    return this.running;
  }

  /** Makes this the notebook's kernel (the only one for ICWS notebooks). */
  prefer(notebook: vscode.NotebookDocument): void {
    this.controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
  }

  private async runAll(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    // One after another: a later cell may use an earlier one's answer. A run stops at the first
    // cell that fails: the requests after it (a disconnect after a failed consult) may not be meant
    // to go on their own.
    for (const cell of cells) if (!(await this.run(cell, notebook))) break;
  }

  /** Whether the cell succeeded (an answer below 400). */
  private async run(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<boolean> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.order;
    execution.start(Date.now());
    const fail = async (message: string, name = 'Not sent') => {
      await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message })]));
      execution.end(false, Date.now());
      return false;
    };
    const session = this.session();
    if (!session?.isUp) return fail('Connect to an ICWS server first (ICWS: Connect, or ICWS: Start Simulator).');
    let request;
    try {
      request = cellRequest(cell.document.getText(), { userId: session.identity.userId, cellAnswer: (index) => (index >= 1 && index <= notebook.cellCount ? answerOf(notebook.cellAt(index - 1)) : undefined) }, this.catalog());
    } catch (error) {
      return fail(error instanceof CellProblem ? error.message : String(error));
    }
    const key = cell.document.uri.toString();
    if (request.changesState && this.sent.has(key)) {
      const again = 'Send Again';
      const answer = await vscode.window.showWarningMessage(
        plainText(`Send ${request.spec.method} ${request.match?.operation.name ?? ''} again?`, 300),
        { modal: true, detail: `This cell already sent a ${request.spec.method}, which changes state on the server; sending it again repeats it.` },
        again,
      );
      if (answer !== again) {
        execution.end(undefined);
        return false;
      }
    }
    const abort = new AbortController();
    const cancelled = execution.token.onCancellationRequested(() => abort.abort());
    const started = performance.now();
    try {
      if (request.changesState) this.sent.add(key);
      const result = await session.http.request({ ...request.spec, signal: abort.signal });
      const redactor = session.http.redactor;
      const answer: CellAnswer = { status: result.status, durationMs: performance.now() - started, headers: redactor.headers(result.headers), body: redactor.json(result.body) };
      await execution.replaceOutput(answerOutputs(answer));
      const edit = new vscode.WorkspaceEdit();
      edit.set(notebook.uri, [vscode.NotebookEdit.updateCellMetadata(cell.index, { ...cell.metadata, [ANSWER_METADATA]: answer })]);
      await vscode.workspace.applyEdit(edit);
      execution.end(answer.status < 400, Date.now());
      return answer.status < 400;
    } catch (error) {
      // No answer came (refused, timed out, cancelled): the client's words say whether it may have landed.
      return fail(error instanceof Error ? error.message : String(error), 'No answer');
    } finally {
      cancelled.dispose();
    }
  }

  dispose(): void {
    this.controller.dispose();
  }
}

function answerOf(cell: vscode.NotebookCell | undefined): unknown {
  const answer = cell?.metadata?.[ANSWER_METADATA] as CellAnswer | undefined;
  return answer?.body;
}
