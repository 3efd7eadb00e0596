// Event expectations: watches the session's own message channel (a listener beside the tree's and
// Traffic's; no message is taken from the channel) from before the request is sent until each
// window closes. A `where` may name the cell's own answer (`{{call.interactionId}}` in the cell
// that makes the call), so messages are kept from the start and checked once the answer is in.
import type { Disposable, Event } from '../../events';
import { type DecodedMessage, shortMessageType } from '../../messages';
import { describeCheck, describeValues, type FillText, type Outcome, passes, type ResolvedCheck, resolveCheck, resolveSteps } from './evaluateExpectations';
import type { Expectation } from './parseExpectations';
import { type ResolvedStep, valuesAt } from './valuePath';

type MessageExpectation = Extract<Expectation, { kind: 'message' }>;

interface Watched {
  expectation: MessageExpectation;
  deadline: number;
  /** Messages of the type that came before the answer, with when they came. */
  early: { message: unknown; at: number }[];
  checked: number;
  lastValues?: unknown[];
  condition?: { steps: ResolvedStep[]; check: ResolvedCheck; pathText: string };
  settle?: (outcome: Outcome) => void;
  outcome?: Outcome;
  timer?: ReturnType<typeof setTimeout>;
}

export function isMessageExpectation(expectation: Expectation): expectation is MessageExpectation {
  return expectation.kind === 'message';
}

/** Whether a message is of the type an expectation names: its short name (`queueContentsMessage`) or its full `__type`. */
export function isOfType(message: unknown, type: string): boolean {
  const written = (message as { __type?: unknown } | null)?.__type;
  return typeof written === 'string' && (written === type || shortMessageType(written) === type);
}

export class MessageWatch implements Disposable {
  private readonly watched: Watched[];
  private readonly listeners: Disposable[];
  private begun = false;

  /**
   * The windows open now: create it before sending the request. `onMessage` is the cell's session's
   * channel; `channelOf` gives another session's, for `message TYPE on agent2 within …`.
   */
  constructor(
    onMessage: Event<DecodedMessage>,
    expectations: readonly Expectation[],
    private readonly now: () => number = () => performance.now(),
    channelOf: (session: string) => Event<DecodedMessage> = () => onMessage,
  ) {
    const start = now();
    this.watched = expectations.filter(isMessageExpectation).map((expectation) => ({ expectation, deadline: start + expectation.withinMs, early: [], checked: 0 }));
    const sessions = new Set(this.watched.map((watched) => watched.expectation.session));
    this.listeners = [...sessions].map((session) => (session === undefined ? onMessage : channelOf(session))((decoded) => this.received(decoded.kind === 'invalid' ? decoded.raw : decoded.message, session)));
  }

  /** After the answer: fills the conditions and settles each expectation when it passes, fails or its window closes. */
  begin(fill: FillText): Promise<Outcome[]> {
    this.begun = true;
    const outcomes = this.watched.map(
      (watched) =>
        new Promise<Outcome>((resolve) => {
          watched.settle = (outcome) => {
            if (watched.outcome) return;
            watched.outcome = outcome;
            clearTimeout(watched.timer);
            resolve(outcome);
          };
          const where = watched.expectation.where;
          // The path as a person reads it in a failure: with its references filled.
          if (where) watched.condition = { steps: resolveSteps(where.path, fill), check: resolveCheck(where.check, fill), pathText: fill(where.pathText) };
          for (const { message, at } of watched.early.splice(0)) this.check(watched, message, at);
          if (!watched.outcome) watched.timer = setTimeout(() => this.windowClosed(watched), Math.max(0, watched.deadline - this.now()));
        }),
    );
    return Promise.all(outcomes).finally(() => this.dispose());
  }

  /** Stops watching; expectations still open fail as stopped. */
  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    for (const watched of this.watched) watched.settle?.({ ...this.base(watched), passed: false, actual: 'the run was stopped before the window closed' });
  }

  private received(message: unknown, session: string | undefined): void {
    const at = this.now();
    for (const watched of this.watched) {
      if (watched.expectation.session !== session || watched.outcome || at > watched.deadline || !isOfType(message, watched.expectation.messageType)) continue;
      if (this.begun) this.check(watched, message, at);
      else watched.early.push({ message, at });
    }
  }

  private check(watched: Watched, message: unknown, at: number): void {
    watched.checked++;
    let matched = true;
    if (watched.condition) {
      const values = valuesAt(message, watched.condition.steps);
      watched.lastValues = values;
      matched = passes(values, watched.condition.check);
    }
    if (!matched) return;
    const after = `${Math.round(at - (watched.deadline - watched.expectation.withinMs))} ms`;
    if (watched.expectation.negated) watched.settle?.({ ...this.base(watched), passed: false, actual: `one came after ${after}${this.conditionText(watched)}` });
    else watched.settle?.({ ...this.base(watched), passed: true, actual: `one came after ${after}` });
  }

  private windowClosed(watched: Watched): void {
    if (watched.expectation.negated) watched.settle?.({ ...this.base(watched), passed: true, actual: 'none came' });
    else {
      const seen = watched.checked === 0 ? `no ${watched.expectation.messageType} came` : `none matched (${watched.checked} ${watched.expectation.messageType} checked${this.conditionText(watched, 'last')})`;
      watched.settle?.({ ...this.base(watched), passed: false, actual: seen });
    }
  }

  private conditionText(watched: Watched, which = ''): string {
    if (!watched.condition || !watched.lastValues) return '';
    return `; ${which ? `in the ${which}, ` : ''}${watched.condition.pathText} is ${describeValues(watched.lastValues)}`;
  }

  private base(watched: Watched): Omit<Outcome, 'passed' | 'actual'> {
    const { expectation, condition } = watched;
    const where = condition ? ` where ${describeCheck(condition.pathText, condition.check)}` : '';
    return { expectation, expected: `${expectation.negated ? 'no ' : ''}${expectation.messageType}${expectation.session ? ` on ${expectation.session}` : ''} within ${expectation.withinMs} ms${where}` };
  }
}
