// Rows recorded while the Traffic page is shown reach it in batches: a burst of messages becomes
// one post, not one per message. This is the panel's only timer (no `vscode` import).
import type { PackedRow } from './rowCodec';

export const ROW_BATCH_MS = 100;

export class RowBatcher {
  private pending: PackedRow[] = [];
  private timer?: NodeJS.Timeout;

  /** `flush` gets the rows gathered since the last flush (none, when they were discarded meanwhile). */
  constructor(private readonly flush: (rows: PackedRow[]) => void) {}

  add(row: PackedRow): void {
    this.pending.push(row);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const rows = this.pending;
      this.pending = [];
      this.flush(rows);
    }, ROW_BATCH_MS);
  }

  /** Forgets the rows not yet flushed (the page is about to get the whole timeline, or is gone). */
  discard(): void {
    this.pending = [];
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
