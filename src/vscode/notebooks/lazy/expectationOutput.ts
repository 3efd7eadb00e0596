// What a cell's expectations came to, as cell output (plain text: server values are untrusted and
// never rendered as Markdown) and as diagnostics on the lines that failed.
import * as vscode from 'vscode';
import { failureText, type Outcome } from '../../../icws/notebook/expectations';

export function expectationOutput(outcomes: readonly Outcome[]): vscode.NotebookCellOutput | undefined {
  if (outcomes.length === 0) return undefined;
  const lines = outcomes.map((outcome) => (outcome.passed ? `✔ line ${outcome.expectation.line + 1}: ${outcome.expected} (${outcome.actual})` : `✘ ${failureText(outcome)}`));
  const failed = outcomes.filter((outcome) => !outcome.passed).length;
  const summary = failed ? `${failed} of ${outcomes.length} expectations failed` : `${outcomes.length} expectation${outcomes.length === 1 ? '' : 's'} passed`;
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text([summary, ...lines].join('\n'), 'text/plain')], { expectations: true });
}

export function failureDiagnostics(document: vscode.TextDocument, outcomes: readonly Outcome[]): vscode.Diagnostic[] {
  return outcomes
    .filter((outcome) => !outcome.passed && outcome.expectation.line < document.lineCount)
    .map((outcome) => {
      const diagnostic = new vscode.Diagnostic(document.lineAt(outcome.expectation.line).range, `Expected ${outcome.expected}; ${outcome.actual}`, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'ICWS test';
      return diagnostic;
    });
}
