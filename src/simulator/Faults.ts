// Faults the simulator can inject, so tests and soaks can show how a client reacts to a server
// that misbehaves. Set through `POST /simulator/faults`, the CLI's `--faults '<json>'` or a
// scenario file's events.
import { simErrors } from './SimError';
import { MAX_TIMER_MS, MAX_TIMER_TEXT } from './timers';

export interface FailRule {
  /** Text to find in `METHOD /path`, `^` and `$` anchoring it (see `matchesRule`), e.g. `messaging/messages` or `/conclude$`. */
  match: string;
  status: number;
  /** How many matching requests fail; then the rule is spent. */
  count: number;
}

export interface LoseResponseRule {
  /** As FailRule's. */
  match: string;
  /** `reset`: the request is handled, then the connection is cut; `hang`: handled, never answered. */
  mode: 'reset' | 'hang';
  count: number;
}

export interface FaultRequest {
  /** Every short-poll answer waits this long. */
  pollDelayMs?: number;
  /** Open event streams go silent (no events, no keep-alives) without closing. */
  stallStreams?: boolean;
  /** One-shot: close every open event stream now. */
  dropStreams?: boolean;
  /** One-shot: every session ends without notice (the next request gets 401). */
  expireSessions?: boolean;
  fail?: FailRule;
  loseResponse?: LoseResponseRule;
}

export class Faults {
  pollDelayMs = 0;
  stallStreams = false;
  private failRules: FailRule[] = [];
  private loseRules: LoseResponseRule[] = [];

  /**
   * Applies the lasting parts of a request; returns the one-shot parts for the caller to act on.
   * A delay a timer cannot count is refused (a SimError, 400) before anything is applied.
   */
  apply(request: FaultRequest): { dropStreams: boolean; expireSessions: boolean } {
    const delay = request.pollDelayMs;
    if (delay !== undefined && !(typeof delay === 'number' && delay >= 0 && delay <= MAX_TIMER_MS)) throw simErrors.invalidProperty('pollDelayMs', `must be a number from 0 to ${MAX_TIMER_TEXT}`);
    if (delay !== undefined) this.pollDelayMs = delay;
    if (typeof request.stallStreams === 'boolean') this.stallStreams = request.stallStreams;
    if (request.fail && validRule(request.fail)) this.failRules.push({ ...request.fail });
    if (request.loseResponse && validRule(request.loseResponse) && ['reset', 'hang'].includes(request.loseResponse.mode)) this.loseRules.push({ ...request.loseResponse });
    return { dropStreams: request.dropStreams === true, expireSessions: request.expireSessions === true };
  }

  reset(): void {
    this.pollDelayMs = 0;
    this.stallStreams = false;
    this.failRules = [];
    this.loseRules = [];
  }

  /** The status to fail this request with, if a rule says so (and spends one of its count). */
  failureFor(method: string, path: string): number | undefined {
    return take(this.failRules, `${method} ${path}`)?.status;
  }

  lostResponseFor(method: string, path: string): LoseResponseRule['mode'] | undefined {
    return take(this.loseRules, `${method} ${path}`)?.mode;
  }

  describe() {
    return { pollDelayMs: this.pollDelayMs, stallStreams: this.stallStreams, fail: this.failRules, loseResponse: this.loseRules };
  }
}

function validRule(rule: { match?: unknown; count?: unknown }): boolean {
  return typeof rule.match === 'string' && typeof rule.count === 'number' && rule.count >= 1;
}

/**
 * Whether a rule's `match` finds `subject` (`METHOD /path`): its text occurs in it, at the start
 * when it begins with `^`, at the end when it ends with `$`. Not a regular expression: the rule
 * comes from a file or a script, and a pattern like `(a+)+$` backtracks for minutes on every
 * request, freezing the simulator (and the extension host, which runs scenarios).
 */
export function matchesRule(match: string, subject: string): boolean {
  const atStart = match.startsWith('^');
  const atEnd = match.endsWith('$') && match.length > (atStart ? 1 : 0);
  const text = match.slice(atStart ? 1 : 0, atEnd ? -1 : undefined);
  if (atStart && atEnd) return subject === text;
  if (atStart) return subject.startsWith(text);
  if (atEnd) return subject.endsWith(text);
  return subject.includes(text);
}

function take<T extends { match: string; count: number }>(rules: T[], subject: string): T | undefined {
  const rule = rules.find((r) => matchesRule(r.match, subject));
  if (!rule) return undefined;
  rule.count--;
  if (rule.count <= 0) rules.splice(rules.indexOf(rule), 1);
  return rule;
}
