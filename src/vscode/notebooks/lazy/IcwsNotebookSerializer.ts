// Opens and saves .icws-notebook files. Each request cell keeps its last answer (in its metadata,
// shown as its output); the file module checks what it reads and scrubs what it writes.
import * as vscode from 'vscode';
import { type CellAnswer, type NotebookCellData, type NotebookMetadata, readNotebookFile, writeNotebookFile } from '../../../icws/notebook/notebookFile';
import type { Redactor } from '../../../icws/redact';
import { ANSWER_METADATA, answerOutputs } from './answerOutput';

export const NOTEBOOK_TYPE = 'icws-notebook';
export const REQUEST_LANGUAGE = 'icws-request';

export class IcwsNotebookSerializer implements vscode.NotebookSerializer {
  /** `secrets`: the current session's redactor, so answers are scrubbed of its values on save. */
  constructor(private readonly secrets: () => Redactor | undefined = () => undefined) {}

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const file = readNotebookFile(Buffer.from(content).toString('utf8'));
    const data = new vscode.NotebookData(file.cells.map(toCellData));
    // The test set-up (scenario, seed) is kept as it was written.
    if (file.metadata) data.metadata = { icwsTest: file.metadata };
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const cells: NotebookCellData[] = data.cells.map((cell) => {
      const answer = cell.outputs?.length ? (cell.metadata?.[ANSWER_METADATA] as CellAnswer | undefined) : undefined;
      return { kind: cell.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'request', source: cell.value, ...(answer ? { answer } : {}) };
    });
    const metadata = data.metadata?.icwsTest as NotebookMetadata | undefined;
    return Buffer.from(writeNotebookFile({ cells, ...(metadata ? { metadata } : {}) }, this.secrets()), 'utf8');
  }
}

export function toCellData(cell: NotebookCellData): vscode.NotebookCellData {
  if (cell.kind === 'markdown') return new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, cell.source, 'markdown');
  const data = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, cell.source, REQUEST_LANGUAGE);
  if (cell.answer) {
    data.outputs = answerOutputs(cell.answer);
    data.metadata = { [ANSWER_METADATA]: cell.answer };
  }
  return data;
}
