// Running one request cell with its expectations, the same way in VS Code, in Test Explorer and
// in the CLI: the expectations are read first (a cell with a wrong one sends nothing), the
// message windows open before the request goes, the answer is checked, then the windows close.
import type { IcwsCatalog } from '../catalog/IcwsCatalog';
import type { IcwsSession } from '../IcwsSession';
import { CellProblem, type CellRequest, cellRequest, fill, type FillContext } from './requestCell';
import type { CellAnswer } from './notebookFile';
import { evaluateAnswer, type Outcome } from './expectations/evaluateExpectations';
import { type Expectation, parseExpectations } from './expectations/parseExpectations';
import { MessageWatch } from './expectations/MessageWatch';
import { readDirectives } from './cellDirectives';

export interface RequestCellRun {
  request?: CellRequest;
  answer?: CellAnswer;
  expectations: Expectation[];
  outcomes: Outcome[];
  /** Why the cell did not run or did not finish (refused before sending, no answer, a reference that could not be filled); with its 0-based line. */
  problem?: { message: string; line: number };
  /** The request reached the server (an answer came). */
  answered: boolean;
  /** Every expectation passed, and, with no status expectation, the status is below 400. */
  passed: boolean;
}

export interface RunCellOptions {
  signal?: AbortSignal;
  /** Another live session, by profile name or user ID, for `message TYPE on agent2 within …`; throws, in words, when there is none. */
  sessionNamed?(name: string): Promise<IcwsSession>;
  /** Asked before a request is sent; false leaves it unsent (the run stops there). */
  maySend?(request: CellRequest): Promise<boolean> | boolean;
}

export async function runRequestCell(session: IcwsSession, source: string, context: FillContext, catalog: IcwsCatalog, options: RunCellOptions = {}): Promise<RequestCellRun> {
  const run: RequestCellRun = { expectations: [], outcomes: [], answered: false, passed: false };
  const stopped = (error: unknown) => {
    run.problem = error instanceof CellProblem ? { message: error.message, line: error.line } : { message: error instanceof Error ? error.message : String(error), line: 0 };
    return run;
  };
  try {
    run.expectations = parseExpectations(source);
    const problem = readDirectives(source).problems[0];
    if (problem) throw new CellProblem(problem.message, problem.line);
    run.request = cellRequest(source, context, catalog);
  } catch (error) {
    return stopped(error);
  }
  if (options.maySend && !(await options.maySend(run.request))) return stopped(new CellProblem('not sent: the run was stopped before this request'));
  // Other sessions' channels are found before the windows open.
  const others = new Map<string, IcwsSession>();
  try {
    for (const expectation of run.expectations) {
      if (expectation.kind !== 'message' || !expectation.session || others.has(expectation.session)) continue;
      if (!options.sessionNamed) throw new CellProblem(`line ${expectation.line + 1}: no other session is available here for "on ${expectation.session}"`, expectation.line);
      others.set(expectation.session, await options.sessionNamed(expectation.session));
    }
  } catch (error) {
    return stopped(error);
  }
  const watch = new MessageWatch(session.messages.onMessage, run.expectations, undefined, (name) => others.get(name)!.messages.onMessage);
  try {
    const started = performance.now();
    const result = await session.http.request({ ...run.request.spec, ...(options.signal ? { signal: options.signal } : {}) });
    const redactor = session.http.redactor;
    const answer: CellAnswer = { status: result.status, durationMs: performance.now() - started, headers: redactor.headers(result.headers), body: redactor.json(result.body) };
    run.answer = answer;
    run.answered = true;
    // The cell's own answer is known by its name in its expectations (`{{call.interactionId}}` in the cell named call).
    const self = readDirectives(source).directives.name;
    const expectationContext: FillContext = { ...context, namedAnswer: (name) => (name === self ? answer.body : context.namedAnswer ? context.namedAnswer(name) : null) };
    const fillText = (text: string) => fill(text, expectationContext, 'text');
    run.outcomes = evaluateAnswer(run.expectations, answer, fillText);
    run.outcomes.push(...(await watch.begin(fillText)));
    run.outcomes.sort((a, b) => a.expectation.line - b.expectation.line);
    const statusChecked = run.expectations.some((expectation) => expectation.kind === 'status');
    run.passed = run.outcomes.every((outcome) => outcome.passed) && (statusChecked || answer.status < 400);
    return run;
  } catch (error) {
    // No answer came (refused, timed out, cancelled): the client's words say whether it may have landed.
    return stopped(error);
  } finally {
    watch.dispose();
  }
}
