// Rows recorded while the Traffic page is shown reach it in batches: a burst of messages becomes
// one post, not one per message (the shared Coalescer; no `vscode` import).
import { Coalescer } from '../../icws/Coalescer';
import type { TrafficRow } from '../../traffic';

export const ROW_BATCH_MS = 100;

export class RowBatcher {
  private readonly coalescer: Coalescer<TrafficRow[]>;

  /** `flush` gets the rows gathered since the last flush (none, when they were discarded meanwhile). */
  constructor(flush: (rows: TrafficRow[]) => void) {
    this.coalescer = new Coalescer<TrafficRow[]>(ROW_BATCH_MS, () => [], flush);
  }

  add(row: TrafficRow): void {
    this.coalescer.add((rows) => rows.push(row));
  }

  /** Opens a batch with no row in it (something the page counts changed). */
  touch(): void {
    this.coalescer.add(() => undefined);
  }

  /** Forgets the rows not yet flushed (the page is about to get the whole timeline, or is gone). */
  discard(): void {
    this.coalescer.discard();
  }

  dispose(): void {
    this.coalescer.dispose();
  }
}
