// The session's requests: how many are in flight, which failed in the last minute (by status),
// and how long each operation takes (p50/p95 of its recent requests).
import type { HttpExchange } from '../httpTypes';
import type { FailureCount, OperationTiming, RequestSnapshot } from './healthTypes';

/** Recent durations kept per operation. */
const SAMPLES = 200;
const FAILURES_KEPT = 500;
const MINUTE_MS = 60_000;
/** Exchanges a line links to. */
const LINKED = 5;

interface Samples {
  durations: number[];
  ids: number[];
  count: number;
}

export class RequestHealth {
  private readonly inFlight = new Map<number, HttpExchange>();
  private readonly failures: { at: number; status: number | 'no answer'; id: number }[] = [];
  private readonly byOperation = new Map<string, Samples>();

  started(exchange: HttpExchange): void {
    this.inFlight.set(exchange.id, exchange);
  }

  /** An exchange was recorded: answered, or failed without an answer. */
  finished(exchange: HttpExchange, now = Date.now()): void {
    this.inFlight.delete(exchange.id);
    if (exchange.status === undefined || exchange.status >= 400) {
      this.failures.push({ at: now, status: exchange.status ?? 'no answer', id: exchange.id });
      if (this.failures.length > FAILURES_KEPT) this.failures.shift();
    }
    const key = operationOf(exchange);
    let samples = this.byOperation.get(key);
    if (!samples) this.byOperation.set(key, (samples = { durations: [], ids: [], count: 0 }));
    samples.count++;
    samples.durations.push(exchange.durationMs);
    samples.ids.push(exchange.id);
    if (samples.durations.length > SAMPLES) {
      samples.durations.shift();
      samples.ids.shift();
    }
  }

  /** Requests that will not finish (the session ended): forgotten. */
  clearInFlight(): void {
    this.inFlight.clear();
  }

  snapshot(now = Date.now()): RequestSnapshot {
    const counts = new Map<number | 'no answer', FailureCount>();
    for (const failure of this.failures) {
      if (now - failure.at > MINUTE_MS) continue;
      const entry = counts.get(failure.status) ?? { status: failure.status, count: 0, exchangeIds: [] };
      entry.count++;
      entry.exchangeIds.push(failure.id);
      counts.set(failure.status, entry);
    }
    const timings: OperationTiming[] = [];
    for (const [operation, samples] of this.byOperation) {
      const sorted = samples.durations.map((ms, index) => ({ ms, id: samples.ids[index]! })).sort((a, b) => a.ms - b.ms);
      timings.push({
        operation,
        count: samples.count,
        p50Ms: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
        exchangeIds: sorted.slice(-LINKED).reverse().map((sample) => sample.id),
      });
    }
    return {
      inFlight: this.inFlight.size,
      inFlightExchangeIds: [...this.inFlight.keys()],
      failedLastMinute: [...counts.values()].sort((a, b) => b.count - a.count).map((entry) => ({ ...entry, exchangeIds: entry.exchangeIds.slice(-LINKED).reverse() })),
      timings: timings.sort((a, b) => b.p95Ms - a.p95Ms),
    };
  }
}

/** `PUT /messaging/subscriptions/queues/{subscriptionId}`: the method and the template after the session part. */
export function operationOf(exchange: Pick<HttpExchange, 'method' | 'template'>): string {
  return `${exchange.method} ${exchange.template.replace(/^\/icws\/\{sessionId\}/, '') || '/'}`;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly { ms: number }[], fraction: number): number {
  if (!sorted.length) return 0;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1]!.ms;
}
