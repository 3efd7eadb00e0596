// Paths into an answer or a message: `consultInteractionId`, `items[0].id`, every element with
// `[*]`, and the elements that meet a condition, `interactionsChanged[interactionId=1001].attributes.Eic_State`.
// A path may reach several values (a condition keeps every matching element); a check passes when
// any of them passes.

export interface ExpectedValue {
  /** As written: a JSON string in quotes, or bare text (a number, true, a word); may hold `{{…}}`. */
  text: string;
  quoted: boolean;
}

export type PathStep =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'every' }
  | { kind: 'where'; key: string[]; value: ExpectedValue };

export class PathSyntaxError extends Error {}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*/;

/** Reads a path from the start of `text`; returns the steps and where the path ended. */
export function readPath(text: string, requireFirstKey = true): { steps: PathStep[]; end: number } {
  const steps: PathStep[] = [];
  let at = 0;
  const key = () => {
    const match = IDENTIFIER.exec(text.slice(at));
    if (!match) throw new PathSyntaxError(`a property name was expected at "${text.slice(at, at + 12) || 'the end'}"`);
    at += match[0].length;
    steps.push({ kind: 'key', key: match[0] });
  };
  if (requireFirstKey) key();
  while (at < text.length) {
    const char = text[at];
    if (char === '.') {
      at++;
      key();
    } else if (char === '[') {
      const close = closingBracket(text, at);
      steps.push(bracketStep(text.slice(at + 1, close).trim()));
      at = close + 1;
    } else break;
  }
  return { steps, end: at };
}

function closingBracket(text: string, open: number): number {
  let quoted = false;
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '\\') i++;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === '{' && text[i + 1] === '{') i = Math.max(i, text.indexOf('}}', i) + 1);
    else if (!quoted && char === ']') return i;
  }
  throw new PathSyntaxError(`"[" at "${text.slice(open, open + 12)}" is not closed with "]"`);
}

function bracketStep(inside: string): PathStep {
  if (inside === '*') return { kind: 'every' };
  if (/^\d+$/.test(inside)) return { kind: 'index', index: Number(inside) };
  const equals = inside.indexOf('=');
  if (equals > 0) {
    const key = inside.slice(0, equals).trim();
    if (!/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/.test(key)) throw new PathSyntaxError(`"${key}" in [${inside}] is not a property name`);
    return { kind: 'where', key: key.split('.'), value: expectedValue(inside.slice(equals + 1).trim()) };
  }
  throw new PathSyntaxError(`[${inside}] is not an index, [*] or a condition like [interactionId=1001]`);
}

/** A value as written after an operator or in a condition. */
export function expectedValue(text: string): ExpectedValue {
  if (!text) throw new PathSyntaxError('a value is missing');
  if (text.startsWith('"')) {
    try {
      JSON.parse(text.replace(/\{\{[^}]*\}\}/g, 'x'));
    } catch {
      throw new PathSyntaxError(`${text} is not a JSON string (close the quotes, escape \\ and ")`);
    }
    return { text, quoted: true };
  }
  return { text, quoted: false };
}

/** The value once its `{{…}}` references are filled (by `fill`): a string when quoted or a word, else the JSON value. */
export function valueOf(expected: ExpectedValue, fill: (text: string) => string): unknown {
  if (expected.quoted) return fill(JSON.parse(expected.text) as string);
  const text = fill(expected.text);
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(text)) return JSON.parse(text) as unknown;
  return text;
}

export type ResolvedStep = Exclude<PathStep, { kind: 'where' }> | { kind: 'where'; key: string[]; value: unknown };

/** Every value the path reaches in `root` (none when it leads nowhere). */
export function valuesAt(root: unknown, steps: readonly ResolvedStep[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'key') {
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, step.key)) next.push((value as Record<string, unknown>)[step.key]);
      } else if (!Array.isArray(value)) continue;
      else if (step.kind === 'index') {
        if (step.index < value.length) next.push(value[step.index]);
      } else if (step.kind === 'every') next.push(...value);
      else for (const item of value) if (valuesAt(item, step.key.map((key) => ({ kind: 'key', key }))).some((found) => sameValue(found, step.value))) next.push(item);
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/**
 * Equal as JSON, or as text when one side is a string and the other a number or boolean: ICWS
 * attributes are strings (`Eic_State == "C"`, `Eic_CallIdKey == 1001`).
 */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  const primitive = (value: unknown) => typeof value === 'number' || typeof value === 'boolean';
  if (typeof actual === 'string' && primitive(expected)) return actual === String(expected);
  if (typeof expected === 'string' && primitive(actual)) return String(actual) === expected;
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') return JSON.stringify(actual) === JSON.stringify(expected);
  return false;
}
