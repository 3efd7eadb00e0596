// Whether an answer or a message meets an expectation, in words that say expected and actual.
import type { CellAnswer } from '../notebookFile';
import type { Check, Expectation } from './parseExpectations';
import { type PathStep, type ResolvedStep, sameValue, valueOf, valuesAt } from './valuePath';

export interface Outcome {
  expectation: Expectation;
  passed: boolean;
  /** What was expected, and what was there, in words ("status 201" / "400"). */
  expected: string;
  actual: string;
}

/** Fills the `{{…}}` references of a value (raw text); throws a CellProblem for one that cannot be filled. */
export type FillText = (text: string) => string;

/** The status and body expectations against an answer (message ones are watched, see MessageWatch). */
export function evaluateAnswer(expectations: readonly Expectation[], answer: CellAnswer, fill: FillText): Outcome[] {
  return expectations.flatMap((expectation) => {
    if (expectation.kind === 'status') return [outcomeOf(expectation, [answer.status], expectation.check, fill, 'status')];
    if (expectation.kind === 'body') return [outcomeOf(expectation, valuesAt(answer.body, resolveSteps(expectation.path, fill)), expectation.check, fill, expectation.pathText)];
    return [];
  });
}

export function resolveSteps(steps: readonly PathStep[], fill: FillText): ResolvedStep[] {
  return steps.map((step) => (step.kind === 'where' ? { kind: 'where', key: step.key, value: valueOf(step.value, fill) } : step));
}

/** A check with its value filled, ready to run on many messages. */
export interface ResolvedCheck {
  check: Check;
  value: unknown;
}

export function resolveCheck(check: Check, fill: FillText): ResolvedCheck {
  return { check, value: check.value ? valueOf(check.value, fill) : undefined };
}

/** Whether any of the values passes. */
export function passes(values: readonly unknown[], { check, value }: ResolvedCheck): boolean {
  switch (check.operator) {
    case 'exists':
      return values.length > 0;
    case '==':
      return values.some((actual) => sameValue(actual, value));
    case '!=':
      return values.some((actual) => !sameValue(actual, value));
    case '<':
    case '>': {
      const limit = Number(value);
      return values.some((actual) => {
        const number = typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : actual;
        return typeof number === 'number' && !Number.isNaN(number) && (check.operator === '<' ? number < limit : number > limit);
      });
    }
    case 'matches':
      return values.some((actual) => (typeof actual === 'string' || typeof actual === 'number') && check.pattern!.test(String(actual)));
  }
}

export function describeCheck(pathText: string, { check, value }: ResolvedCheck): string {
  if (check.operator === 'exists') return `${pathText} exists`;
  if (check.operator === 'matches') return `${pathText} matches ${String(check.pattern)}`;
  return `${pathText} ${check.operator} ${JSON.stringify(value)}`;
}

/** The values as a person reads them: `"H"`, `"C" or "H"`, `missing`. */
export function describeValues(values: readonly unknown[]): string {
  if (values.length === 0) return 'missing';
  const shown = values.slice(0, 3).map((value) => {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}…` : text;
  });
  return shown.join(' or ') + (values.length > 3 ? ` (and ${values.length - 3} more)` : '');
}

function outcomeOf(expectation: Expectation, values: unknown[], check: Check, fill: FillText, pathText: string): Outcome {
  const resolved = resolveCheck(check, fill);
  return { expectation, passed: passes(values, resolved), expected: describeCheck(pathText, resolved), actual: `${pathText} is ${describeValues(values)}` };
}

/** One line per failed outcome: `line 4: expected status == 201; status is 400`. */
export function failureText(outcome: Outcome): string {
  return `line ${outcome.expectation.line + 1}: expected ${outcome.expected}; ${outcome.actual}`;
}
