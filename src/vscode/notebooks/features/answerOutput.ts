// A request cell's answer as notebook output: a plain-text status line with the headers, and the
// body as JSON (VS Code's own renderers: server text is never rendered as Markdown or HTML).
import * as vscode from 'vscode';
import type { CellAnswer } from '../../../icws/notebook/notebookFile';

export const ANSWER_METADATA = 'icwsAnswer';

export function answerOutput(answer: CellAnswer): vscode.NotebookCellOutput {
  const headers = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`);
  const items = [vscode.NotebookCellOutputItem.text([`HTTP ${answer.status} · ${answer.durationMs.toFixed(0)} ms`, ...headers].join('\n'), 'text/plain')];
  if (answer.body !== undefined) items.push(typeof answer.body === 'string' ? vscode.NotebookCellOutputItem.text(answer.body, 'text/plain') : vscode.NotebookCellOutputItem.json(answer.body));
  return new vscode.NotebookCellOutput(items, { status: answer.status });
}
