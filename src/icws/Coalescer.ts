import type { Disposable } from './events';

/**
 * Gathers what happens within a window into one batch and delivers it once, at the window's end:
 * a burst of changes becomes one update. The first addition opens the window (not a debounce: a
 * steady stream is still delivered every `windowMs`, so a busy source cannot starve its view).
 */
export class Coalescer<Batch> implements Disposable {
  private batch: Batch;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly windowMs: number,
    /** A fresh, empty batch. */
    private readonly emptyBatch: () => Batch,
    private readonly deliver: (batch: Batch) => void,
  ) {
    this.batch = emptyBatch();
  }

  /** Adds to the open batch, opening a window when none is open. */
  add(update: (batch: Batch) => void): void {
    update(this.batch);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Delivers the batch now and closes the window. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    this.batch = this.emptyBatch();
    this.deliver(batch);
  }

  /** Empties the batch (what it held is no longer wanted); an open window still ends in a delivery. */
  discard(): void {
    this.batch = this.emptyBatch();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = this.emptyBatch();
  }
}
