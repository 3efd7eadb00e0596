// The readable report: a line per test as it ends (✔ / ✘ / -), each failure's lines under it, and
// a summary. Server text in failures is shown as text; control characters are dropped.
import type { CellResult } from './runNotebook';
import type { NotebookReport } from './junitReport';

const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

export class TerminalReport {
  constructor(private readonly write: (line: string) => void) {}

  notebookStarted(file: string): void {
    this.write(`\n${clean(file)}`);
  }

  cellEnded(result: CellResult): void {
    const mark = result.verdict === 'passed' ? '✔' : result.verdict === 'failed' ? '✘' : '-';
    this.write(`  ${mark} ${clean(result.title)}${result.verdict === 'skipped' ? ' (skipped: an earlier cell failed)' : ` (${Math.round(result.durationMs)} ms)`}`);
    for (const failure of result.failures) this.write(`      ${clean(failure.message)}`);
  }

  notebookError(message: string): void {
    this.write(`  ✘ ${clean(message)}`);
  }

  summary(reports: readonly NotebookReport[], elapsedMs: number): void {
    const cells = reports.flatMap((report) => report.result?.cells ?? []);
    const count = (verdict: CellResult['verdict']) => cells.filter((cell) => cell.verdict === verdict).length;
    const errors = reports.filter((report) => report.error).length;
    const parts = [`${count('passed')} passed`, `${count('failed') + errors} failed`];
    if (count('skipped')) parts.push(`${count('skipped')} skipped`);
    this.write(`\n${parts.join(', ')} (${reports.length} notebook${reports.length === 1 ? '' : 's'}, ${(elapsedMs / 1000).toFixed(1)} s)`);
  }
}
