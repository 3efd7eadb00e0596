// A request cell's answer as notebook output: a plain-text status line with the headers, and the
// body as JSON (VS Code's own renderers: server text is never rendered as Markdown or HTML).
import * as vscode from 'vscode';
import type { CellAnswer } from '../../../icws/notebook/notebookFile';

export const ANSWER_METADATA = 'icwsAnswer';

/**
 * Two outputs, not two items of one: the items of an output are alternative forms of the same
 * thing (VS Code shows one), and the status line and the body are both wanted.
 */
export function answerOutputs(answer: CellAnswer): vscode.NotebookCellOutput[] {
  const headers = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`);
  const outputs = [new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text([`HTTP ${answer.status} · ${answer.durationMs.toFixed(0)} ms`, ...headers].join('\n'), 'text/plain')], { status: answer.status })];
  if (answer.body !== undefined) outputs.push(new vscode.NotebookCellOutput([typeof answer.body === 'string' ? vscode.NotebookCellOutputItem.text(answer.body, 'text/plain') : vscode.NotebookCellOutputItem.json(answer.body)]));
  return outputs;
}
