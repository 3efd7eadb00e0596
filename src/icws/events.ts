/** A minimal typed event, shaped like vscode.Event so the VS Code layer can adapt it directly. */
export type Listener<T> = (event: T) => void;

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: Listener<T>) => Disposable;

export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  /** How many listeners are attached: a test checks with it that nothing leaks. */
  get listenerCount(): number {
    return this.listeners.length;
  }

  fire(event: T): void {
    // A throwing listener must not stop the others, nor the message pipeline that fired it.
    for (const listener of this.listeners.slice()) {
      try {
        listener(event);
      } catch (error) {
        console.error('ICWS: an event listener threw', error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
