// The tests a notebook holds, by title, without running anything (Test Explorer lists them).
import { readDirectives } from '../icws/notebook/cellDirectives';
import type { NotebookFile } from '../icws/notebook/notebookFile';
import { parseCell } from '../icws/notebook/requestCell';

/** A cell's title: its `@name`, else its first comment, else its request line. */
export function cellTitle(source: string, index: number): string {
  const name = readDirectives(source).directives.name;
  if (name) return name;
  const comment = source.split(/\r?\n/).find((line) => /^\s*(#|\/\/)/.test(line) && !/^\s*(#|\/\/)\s*@/.test(line));
  if (comment) return comment.replace(/^\s*(#|\/\/)\s*/, '').trim();
  try {
    const request = parseCell(source);
    return `cell ${index + 1}: ${request.method} ${request.path}`;
  } catch {
    return `cell ${index + 1}`;
  }
}

export function isTestCell(source: string): boolean {
  return /^\s*>/m.test(source);
}

/** A notebook's tests (its request cells with expectations): index and title. */
export function notebookTests(file: NotebookFile): { index: number; title: string }[] {
  return file.cells.flatMap((cell, index) => (cell.kind === 'request' && isTestCell(cell.source) ? [{ index, title: cellTitle(cell.source, index) }] : []));
}
