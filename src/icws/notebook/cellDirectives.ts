// What a cell says about itself in comment lines, and the references it makes to other cells:
//
//   # @name call          this cell's answer is {{call.…}} in later cells
//   # @session agent2     this cell runs on the live session whose profile name (the rest of the
//                         line: "agent2 @ cic-dev") or user ID is agent2
//
// Positional references ({{cell:N.…}}) still work, but a cell inserted above shifts them, so each
// gets a warning suggesting a name, and one that points at a Markdown cell (or past the end) an error.
import { CELL_REFERENCE, NAMED_REFERENCE } from './requestCell';

export interface CellDirectives {
  name?: string;
  session?: string;
}

const DIRECTIVE = /^\s*(?:#|\/\/)\s*@(name|session)\b\s*(.*)$/;
const NAME = /^[A-Za-z_][\w-]*$/;

export interface SourceProblem {
  /** 0-based line, and the columns of what is wrong. */
  line: number;
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
}

/** The cell's `@name` and `@session`, and what is wrong with how they are written. */
export function readDirectives(text: string): { directives: CellDirectives; problems: SourceProblem[] } {
  const directives: CellDirectives = {};
  const problems: SourceProblem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const [, kind, rawValue] = match as unknown as [string, 'name' | 'session', string];
    const value = rawValue.trim();
    const problem = (message: string) => problems.push({ line: index, start: line.indexOf('@'), end: line.length, message, severity: 'error' });
    if (kind === 'name') {
      if (!NAME.test(value) || value === 'cell') problem(`@name ${value}: a name is a word (letters, digits, _ or -, not "cell"), e.g. @name call`);
      else if (directives.name) problem(`the cell is already named ${directives.name}`);
      else directives.name = value;
    } else if (!value) problem('@session names a profile or user ID, e.g. @session agent2 or @session agent2 @ cic-dev');
    // The rest of the line: profile names have spaces ("agent2 @ cic-dev").
    else directives.session = value;
  });
  return { directives, problems };
}

export interface NotebookCellSource {
  kind: 'markdown' | 'request';
  source: string;
}

/** Problems of the references in cell `index` (0-based) of `cells`: unknown names, and every positional reference. */
export function referenceProblems(cells: readonly NotebookCellSource[], index: number): SourceProblem[] {
  const names = new Map<string, number>();
  cells.forEach((cell, at) => {
    const name = cell.kind === 'request' ? readDirectives(cell.source).directives.name : undefined;
    if (name && !names.has(name)) names.set(name, at);
  });
  const problems: SourceProblem[] = [];
  cells[index]!.source.split(/\r?\n/).forEach((line, lineIndex) => {
    for (const match of line.matchAll(CELL_REFERENCE)) {
      const target = Number(match[1]);
      const at = { line: lineIndex, start: match.index, end: match.index + match[0].length };
      const cell = cells[target - 1];
      const suggestion = cell?.kind === 'request' ? (readDirectives(cell.source).directives.name ?? 'a name') : 'a name';
      if (!cell) problems.push({ ...at, severity: 'error', message: `cell ${target} does not exist (the notebook has ${cells.length})` });
      else if (cell.kind !== 'request') problems.push({ ...at, severity: 'error', message: `cell ${target} is a Markdown cell, not a request: a cell inserted above may have shifted it; name the request (# @name call) and write {{call${match[2]}}}` });
      else problems.push({ ...at, severity: 'warning', message: `{{cell:${target}…}} counts cells, so a cell inserted above changes what it means; give cell ${target} ${suggestion === 'a name' ? 'a name (# @name call)' : `its name: {{${suggestion}${match[2]}}}`}` });
    }
    for (const match of line.matchAll(NAMED_REFERENCE)) {
      const target = names.get(match[1]!);
      const at = { line: lineIndex, start: match.index, end: match.index + match[0].length, severity: 'error' as const };
      if (target === undefined) problems.push({ ...at, message: `no cell is named ${match[1]} (name one with "# @name ${match[1]}")` });
      else if (target > index) problems.push({ ...at, message: `${match[1]} is a later cell (cell ${target + 1}); it has not run when this one does` });
    }
  });
  return problems;
}
