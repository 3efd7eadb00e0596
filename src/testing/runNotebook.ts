// Runs a notebook's request cells headless, one after another, on sessions a provider gives (the
// CLI's, or the extension's in Test Explorer): each cell with expectations is a test; a cell
// without is a step, reported only when it fails. After a failure the rest of the notebook is
// skipped (a disconnect after a failed consult is not meant to go on its own).
import type { IcwsCatalog } from '../icws/catalog/IcwsCatalog';
import type { IcwsSession } from '../icws/IcwsSession';
import { readDirectives } from '../icws/notebook/cellDirectives';
import { failureText } from '../icws/notebook/expectations';
import type { CellAnswer, NotebookFile } from '../icws/notebook/notebookFile';
import { type RequestCellRun, runRequestCell } from '../icws/notebook/runRequestCell';
import { cellTitle, isTestCell, notebookTests } from './testTitles';

export { cellTitle } from './testTitles';

export interface NotebookSessionProvider {
  /** The session a cell runs on: the default one, or the one its `@session` names. Throws, in words, when there is none. */
  session(name: string | undefined): Promise<IcwsSession>;
}

export type CellVerdict = 'passed' | 'failed' | 'skipped';

export interface CellResult {
  /** 0-based index in the notebook (Markdown cells count). */
  index: number;
  title: string;
  /** Whether the cell has expectations (a test) or not (a step). */
  isTest: boolean;
  verdict: CellVerdict;
  durationMs: number;
  /** For a failure: one line per failed expectation or the problem, each naming its line. */
  failures: { message: string; line: number }[];
  answer?: CellAnswer;
  run?: RequestCellRun;
}

export interface NotebookResult {
  cells: CellResult[];
  passed: boolean;
  durationMs: number;
}

export interface RunNotebookOptions {
  sessions: NotebookSessionProvider;
  catalog: IcwsCatalog;
  /** Only tests whose title matches are reported (every cell still runs: earlier cells set up later ones). */
  grep?: RegExp;
  /** Skips the rest at the first failure (the default); false goes on. */
  stopAtFailure?: boolean;
  signal?: AbortSignal;
  /** Called as each cell starts and ends (progress). */
  onCell?(event: { kind: 'start'; index: number; title: string } | { kind: 'end'; result: CellResult }): void;
  /** Called before a state-changing request goes out; false stops the run there. */
  maySend?(cellIndex: number): Promise<boolean> | boolean;
}

/** The titles of a notebook's tests (its cells with expectations). */
export function testTitles(file: NotebookFile): string[] {
  return notebookTests(file).map((test) => test.title);
}

export async function runNotebook(file: NotebookFile, options: RunNotebookOptions): Promise<NotebookResult> {
  const started = performance.now();
  const answers = new Map<number, CellAnswer>();
  const names = new Map<string, number>();
  file.cells.forEach((cell, index) => {
    const name = cell.kind === 'request' ? readDirectives(cell.source).directives.name : undefined;
    if (name && !names.has(name)) names.set(name, index);
  });
  const results: CellResult[] = [];
  let failed = false;
  for (const [index, cell] of file.cells.entries()) {
    if (cell.kind !== 'request') continue;
    const title = cellTitle(cell.source, index);
    const isTest = isTestCell(cell.source);
    if (failed && options.stopAtFailure !== false) {
      const skipped: CellResult = { index, title, isTest, verdict: 'skipped', durationMs: 0, failures: [] };
      results.push(skipped);
      if (isTest) options.onCell?.({ kind: 'end', result: skipped });
      continue;
    }
    options.onCell?.({ kind: 'start', index, title });
    const result = await runCell(cell.source, index, title, isTest, answers, names, options);
    if (result.answer) answers.set(index, result.answer);
    if (result.verdict === 'failed') failed = true;
    results.push(result);
    options.onCell?.({ kind: 'end', result });
  }
  const reported = results.filter((result) => (result.isTest || result.verdict === 'failed') && (!options.grep || options.grep.test(result.title)));
  return { cells: reported, passed: !failed, durationMs: performance.now() - started };
}

async function runCell(source: string, index: number, title: string, isTest: boolean, answers: Map<number, CellAnswer>, names: Map<string, number>, options: RunNotebookOptions): Promise<CellResult> {
  const started = performance.now();
  const done = (verdict: CellVerdict, failures: CellResult['failures'], run?: RequestCellRun): CellResult => ({
    index,
    title,
    isTest,
    verdict,
    durationMs: performance.now() - started,
    failures,
    ...(run?.answer ? { answer: run.answer } : {}),
    ...(run ? { run } : {}),
  });
  let session: IcwsSession;
  try {
    session = await options.sessions.session(readDirectives(source).directives.session);
  } catch (error) {
    return done('failed', [{ message: error instanceof Error ? error.message : String(error), line: 0 }]);
  }
  const run = await runRequestCell(
    session,
    source,
    {
      userId: session.identity.userId,
      cellAnswer: (n) => answers.get(n - 1)?.body,
      namedAnswer: (name) => {
        const at = names.get(name);
        return at === undefined ? null : answers.get(at)?.body;
      },
    },
    options.catalog,
    { ...(options.signal ? { signal: options.signal } : {}), sessionNamed: (name) => options.sessions.session(name), maySend: (request) => !request.changesState || !options.maySend || options.maySend(index) },
  );
  const failures = run.outcomes.filter((outcome) => !outcome.passed).map((outcome) => ({ message: failureText(outcome), line: outcome.expectation.line }));
  if (run.problem) failures.unshift(run.problem);
  if (run.answer && !run.passed && failures.length === 0) failures.push({ message: `the answer is ${run.answer.status} (a cell without a status expectation fails from 400)`, line: 0 });
  return done(failures.length ? 'failed' : 'passed', failures, run);
}
