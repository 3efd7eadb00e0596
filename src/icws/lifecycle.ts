// Ownership of listeners and other resources: a thing that subscribes registers what it gets back
// with its owner, and the owner's one `dispose()` releases them all. No `vscode` import, so the
// client, the models and the VS Code layer share it (vscode.Disposable fits `Disposable`).
import type { Disposable } from './events';

/** A disposable that runs `release` once, however often it is disposed. */
export function toDisposable(release: () => void): Disposable {
  let released = false;
  return {
    dispose: () => {
      if (released) return;
      released = true;
      release();
    },
  };
}

/**
 * A base for classes that own disposables: `register()` what the class creates or subscribes,
 * and `dispose()` releases them once, the last registered first (a listener goes before the
 * emitter it listens to when both were registered in that order). Registering after disposal
 * releases the child at once, so a late subscription cannot leak.
 */
export abstract class DisposableOwner implements Disposable {
  // ES private: a subclass may have members of any name (a tree model has `children()`).
  #children: Disposable[] = [];
  #disposed = false;

  get isDisposed(): boolean {
    return this.#disposed;
  }

  protected register<T extends Disposable>(child: T): T {
    if (this.#disposed) child.dispose();
    else this.#children.push(child);
    return child;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const children = this.#children;
    this.#children = [];
    for (let i = children.length - 1; i >= 0; i--) {
      // One child that throws must not keep the others alive.
      try {
        children[i]!.dispose();
      } catch (error) {
        console.error('ICWS: disposing threw', error);
      }
    }
  }
}

/** A bag of disposables with a public `add`, for scopes that are not classes (one session's listeners). */
export class DisposableStore extends DisposableOwner {
  add<T extends Disposable>(child: T): T {
    return this.register(child);
  }
}
