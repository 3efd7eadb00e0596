/**
 * Exponential back-off with jitter, a cap and cancellation: the one way the client waits before
 * trying again (the message channel after a gap, a subscription after a failed PUT). A wait ends
 * at once when its signal aborts, so nothing of an ended session runs again.
 */
export interface BackoffOptions {
  /** The first step; each failure doubles it up to `maxMs`. */
  initialMs?: number;
  maxMs?: number;
  /** For tests: a source of numbers in [0, 1). */
  random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;
  private stepMs: number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 1_000;
    this.maxMs = options.maxMs ?? 30_000;
    this.random = options.random ?? Math.random;
    this.stepMs = this.initialMs;
  }

  /** After a success: the next failure starts from the first step again. */
  reset(): void {
    this.stepMs = this.initialMs;
  }

  /**
   * The next delay: between half the step and the whole step ("equal jitter", so many clients
   * that failed together do not retry in step), then the step doubles up to the cap.
   */
  nextDelayMs(): number {
    const delay = this.stepMs / 2 + this.random() * (this.stepMs / 2);
    this.stepMs = Math.min(this.maxMs, this.stepMs * 2);
    return delay;
  }

  /** Waits the next delay. Resolves false, at once, when `signal` aborts (before or during). */
  wait(signal: AbortSignal): Promise<boolean> {
    return sleep(this.nextDelayMs(), signal);
  }
}

/** Resolves true after `ms`, or false as soon as `signal` aborts; leaves no timer behind. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => finish(true), ms);
    function finish(completed: boolean) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(completed);
    }
    function onAbort() {
      finish(false);
    }
    signal.addEventListener('abort', onAbort);
  });
}

export interface RetryOptions {
  /** An error that no retry can mend (the session ended, the server refused the request itself). */
  isFinal?(error: unknown): boolean;
  /** Told of each failed try that will be tried again or is final (not of those after `signal` aborted). */
  onFailure?(error: unknown): void;
  backoff?: Backoff;
}

/**
 * Tries `attempt` until it succeeds, backing off between tries. Resolves true on success, false
 * when `signal` aborted (the session ended: nothing more is sent) or a failure was final.
 */
export async function retryUntilDone(attempt: () => Promise<void>, signal: AbortSignal, options: RetryOptions = {}): Promise<boolean> {
  const backoff = options.backoff ?? new Backoff();
  while (!signal.aborted) {
    try {
      await attempt();
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      options.onFailure?.(error);
      if (options.isFinal?.(error)) return false;
    }
    if (!(await backoff.wait(signal))) return false;
  }
  return false;
}
