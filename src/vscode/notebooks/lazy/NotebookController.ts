// Runs request cells with the extension's live sessions, through the same client (so each request
// is in the log and the Traffic panel, redacted), and checks each cell's expectations. A cell that
// changes state is sent once per run; running it again asks first. On anything but a simulator a
// run that changes state asks once, naming the server (a production profile through the production
// guard). Nothing is sent for a cell the catalog does not know, whose body is not JSON, or whose
// expectations are wrong: the problem is the cell's output.
import * as vscode from 'vscode';
import type { IcwsSession } from '../../../icws/IcwsSession';
import type { IcwsCatalog } from '../../../icws/catalog/IcwsCatalog';
import { CellProblem, parseCell, type FillContext } from '../../../icws/notebook/requestCell';
import { readDirectives } from '../../../icws/notebook/cellDirectives';
import type { CellAnswer, NotebookMetadata } from '../../../icws/notebook/notebookFile';
import { runRequestCell } from '../../../icws/notebook/runRequestCell';
import { needsConfirmation } from '../../../icws/profile';
import { sessionByName } from '../../../icws/sessionByName';
import { plainText } from '../../display/untrustedText';
import { confirmStateChange } from '../../session/productionGuard';
import { ANSWER_METADATA, answerOutputs } from './answerOutput';
import { expectationOutput, failureDiagnostics } from './expectationOutput';
import { NOTEBOOK_TYPE, REQUEST_LANGUAGE } from './IcwsNotebookSerializer';
import { isSimulator, type NotebookSessions, sessionName } from './notebookSessions';

export const CONTROLLER_ID = 'icws-notebook-controller';

export class IcwsNotebookController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  /** Cells that have sent a state-changing request (by cell document), this window. */
  private readonly sent = new Set<string>();
  /** Failed expectations, at their lines; a cell's go when its text changes. */
  private readonly failures = vscode.languages.createDiagnosticCollection('icws-expectations');
  private readonly edits: vscode.Disposable;
  private order = 0;

  constructor(
    private readonly sessions: NotebookSessions,
    private readonly catalog: () => IcwsCatalog,
  ) {
    this.controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, 'ICWS (current session)');
    this.controller.supportedLanguages = [REQUEST_LANGUAGE];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs request cells with the extension’s ICWS session';
    this.controller.executeHandler = (cells, notebook) => (this.running = this.runAll(cells, notebook));
    this.edits = vscode.workspace.onDidChangeTextDocument((event) => this.failures.delete(event.document.uri));
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
    // The sessions this run may change: asked about once, up front; a session that comes alive
    // later in the run (a cell's `@session` connected meanwhile) is asked about before its first change.
    const approved = new Set<IcwsSession>();
    if (!(await this.mayChangeState(cells, notebook, approved))) return;
    // One after another: a later cell may use an earlier one's answer. A run stops at the first
    // cell that fails: the requests after it (a disconnect after a failed consult) may not be meant
    // to go on their own.
    for (const cell of cells) if (!(await this.run(cell, notebook, approved))) break;
  }

  /** The session a cell runs on: the one its `@session` names, else the current one. */
  private sessionFor(cell: vscode.NotebookCell): IcwsSession | string | undefined {
    const named = readDirectives(cell.document.getText()).directives.session;
    if (!named) return this.sessions.session;
    return this.liveSessionNamed(named);
  }

  /** A live session by the one rule for names (src/icws/sessionByName.ts), else the problem in words. */
  private liveSessionNamed(name: string): IcwsSession | string {
    const live = this.sessions.sessions.filter((session) => session.isUp);
    const found = sessionByName(name, live, (session) => ({ profileName: this.sessions.profileOf(session)?.name, userId: session.identity.userId }));
    return found.session ?? `${found.problem[0]!.toUpperCase()}${found.problem.slice(1)}.`;
  }

  /** Asks once per run before state-changing cells go to a server that is not a simulator. */
  private async mayChangeState(cells: readonly vscode.NotebookCell[], notebook: vscode.NotebookDocument, approved: Set<IcwsSession>): Promise<boolean> {
    const targets = new Map<IcwsSession, number>();
    for (const cell of cells) {
      let method;
      try {
        method = parseCell(cell.document.getText()).method;
      } catch {
        continue;
      }
      const session = this.sessionFor(cell);
      if (method !== 'GET' && typeof session === 'object') targets.set(session, (targets.get(session) ?? 0) + 1);
    }
    // A notebook written for the simulator (the starter) is refused before anything is asked.
    for (const session of targets.keys()) if (this.refusedAsSimulatorOnly(session, notebook)) return false;
    for (const [session, count] of targets) if (!(await this.mayChange(session, count, notebook, approved))) return false;
    return true;
  }

  /** A simulator-only notebook (the starter) never runs on a production profile: said, and refused. */
  private refusedAsSimulatorOnly(session: IcwsSession, notebook: vscode.NotebookDocument): boolean {
    const simulatorOnly = (notebook.metadata?.icwsTest as NotebookMetadata | undefined)?.simulatorOnly === true;
    const profile = this.sessions.profileOf(session);
    if (!simulatorOnly || !profile?.production) return false;
    void vscode.window.showErrorMessage(plainText(`${notebookNameOf(notebook)} is written for the simulator: it does not run on ${profile.name}, a production profile.`, 300));
    return true;
  }

  /** Asks, once per run and session, before `count` state-changing requests go to a session that is not a simulator. */
  private async mayChange(session: IcwsSession, count: number, notebook: vscode.NotebookDocument, approved: Set<IcwsSession>): Promise<boolean> {
    if (approved.has(session)) return true;
    const profile = this.sessions.profileOf(session);
    const action = `Run ${count} request${count === 1 ? '' : 's'} of ${notebookNameOf(notebook)} that change${count === 1 ? 's' : ''} state`;
    // The production profile first: a server saying it is the simulator does not skip its guard.
    if (needsConfirmation(profile)) {
      if (!(await confirmStateChange(profile, action))) return false;
    } else if (!isSimulator(this.sessions, session)) {
      const run = 'Run';
      const answer = await vscode.window.showWarningMessage(
        plainText(`${action} on ${sessionName(this.sessions, session)}?`, 300),
        { modal: true, detail: plainText(`${session.server} is not a simulator: these requests change it for real (status, calls, transfers).`, 500) },
        run,
      );
      if (answer !== run) return false;
    }
    approved.add(session);
    return true;
  }

  /** Whether the cell succeeded (an answer below 400, or every expectation met). */
  private async run(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument, approved: Set<IcwsSession>): Promise<boolean> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.order;
    execution.start(Date.now());
    this.failures.delete(cell.document.uri);
    const fail = async (message: string, name = 'Not sent') => {
      await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message })]));
      execution.end(false, Date.now());
      return false;
    };
    const session = this.sessionFor(cell);
    if (typeof session === 'string') return fail(session);
    if (!session?.isUp) return fail('Connect to an ICWS server first (ICWS: Connect, or ICWS: Start Simulator).');
    const key = cell.document.uri.toString();
    let declined = false;
    const abort = new AbortController();
    const cancelled = execution.token.onCancellationRequested(() => abort.abort());
    try {
      const run = await runRequestCell(session, cell.document.getText(), fillContext(notebook, session), this.catalog(), {
        signal: abort.signal,
        sessionNamed: async (name) => {
          const other = this.liveSessionNamed(name);
          if (typeof other === 'string') throw new CellProblem(other);
          return other;
        },
        maySend: async (request) => {
          if (request.changesState && !approved.has(session) && (this.refusedAsSimulatorOnly(session, notebook) || !(await this.mayChange(session, 1, notebook, approved)))) return !(declined = true);
          if (request.changesState && this.sent.has(key) && !(await this.sendAgain(request.spec.method, request.match?.operation.name ?? ''))) return !(declined = true);
          if (request.changesState) this.sent.add(key);
          return true;
        },
      });
      if (declined) {
        execution.end(undefined);
        return false;
      }
      if (!run.answer) return fail(run.problem?.message ?? 'No answer', run.request ? 'No answer' : 'Not sent');
      const answer = run.answer;
      const outputs = answerOutputs(answer);
      const checked = expectationOutput(run.outcomes);
      if (checked) outputs.unshift(checked);
      if (run.problem) outputs.unshift(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name: 'Not checked', message: run.problem.message })]));
      await execution.replaceOutput(outputs);
      this.failures.set(cell.document.uri, failureDiagnostics(cell.document, run.outcomes));
      const edit = new vscode.WorkspaceEdit();
      edit.set(notebook.uri, [vscode.NotebookEdit.updateCellMetadata(cell.index, { ...cell.metadata, [ANSWER_METADATA]: answer })]);
      await vscode.workspace.applyEdit(edit);
      const passed = run.passed && !run.problem;
      execution.end(passed, Date.now());
      return passed;
    } finally {
      cancelled.dispose();
    }
  }

  private async sendAgain(method: string, operation: string): Promise<boolean> {
    const again = 'Send Again';
    const answer = await vscode.window.showWarningMessage(
      plainText(`Send ${method} ${operation} again?`, 300),
      { modal: true, detail: `This cell already sent a ${method}, which changes state on the server; sending it again repeats it.` },
      again,
    );
    return answer === again;
  }

  dispose(): void {
    this.edits.dispose();
    this.failures.dispose();
    this.controller.dispose();
  }
}

/** Earlier answers by position and by `@name`, and the user of the session the cell runs on. */
export function fillContext(notebook: vscode.NotebookDocument, session: IcwsSession): FillContext {
  return {
    userId: session.identity.userId,
    cellAnswer: (index) => (index >= 1 && index <= notebook.cellCount ? answerOf(notebook.cellAt(index - 1)) : undefined),
    namedAnswer: (name) => {
      const named = notebook.getCells().find((cell) => cell.kind === vscode.NotebookCellKind.Code && readDirectives(cell.document.getText()).directives.name === name);
      return named ? answerOf(named) : null;
    },
  };
}

function answerOf(cell: vscode.NotebookCell | undefined): unknown {
  const answer = cell?.metadata?.[ANSWER_METADATA] as CellAnswer | undefined;
  return answer?.body;
}

function notebookNameOf(notebook: vscode.NotebookDocument): string {
  return notebook.uri.path.split('/').pop() || 'this notebook';
}
