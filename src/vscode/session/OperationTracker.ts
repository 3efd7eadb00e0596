import * as vscode from 'vscode';

/**
 * Operations in flight, by interaction id. A second request on the same interaction while one
 * runs is refused rather than sent: a double click must never become a double transfer.
 */
export class OperationTracker implements vscode.Disposable {
  private readonly running = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changeEmitter.event;

  busyWith(interactionId: string): string | undefined {
    return this.running.get(interactionId);
  }

  /** Runs `work` unless something already runs on the interaction; then returns undefined. */
  async run<T>(interactionId: string, label: string, work: () => Promise<T>): Promise<{ result: T } | undefined> {
    if (this.running.has(interactionId)) return undefined;
    this.running.set(interactionId, label);
    this.changeEmitter.fire(interactionId);
    try {
      return { result: await work() };
    } finally {
      this.running.delete(interactionId);
      this.changeEmitter.fire(interactionId);
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
