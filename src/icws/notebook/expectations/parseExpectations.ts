// The expectation lines of a request cell, after the request:
//
//   > status 201
//   > body.consultInteractionId exists
//   > message queueContentsMessage within 2s where interactionsChanged[interactionId={{call.interactionId}}].attributes.Eic_State == "H"
//   > no message interactionMorphedMessage within 500ms
//
// The grammar (docs/testing.md):
//   expectation := ">" ( "status" check | "body" path? check | "no"? "message" TYPE ( "on" SESSION )? "within" DURATION ( "where" path check )? )
//   check       := ( "==" | "!=" | "<" | ">" ) VALUE | "exists" | "matches" /REGEX/flags      ("status 201" means "status == 201")
//   path        := ( "." NAME | "[" INDEX "]" | "[*]" | "[" NAME ( "." NAME )* "=" VALUE "]" )*
//   DURATION    := NUMBER ( "ms" | "s" ), at most 60 s
// A problem names the line and what is wrong; nothing of a cell with one is sent.
import { CellProblem } from '../requestCell';
import { type ExpectedValue, expectedValue, type PathStep, PathSyntaxError, readPath } from './valuePath';

export type Operator = '==' | '!=' | '<' | '>' | 'exists' | 'matches';
export const OPERATORS: readonly Operator[] = ['==', '!=', '<', '>', 'exists', 'matches'];

export interface Check {
  operator: Operator;
  value?: ExpectedValue;
  pattern?: RegExp;
}

interface Written {
  /** 0-based line in the cell. */
  line: number;
  /** The line as written, without the ">". */
  text: string;
}

export type Expectation =
  | (Written & { kind: 'status'; check: Check })
  | (Written & { kind: 'body'; path: PathStep[]; pathText: string; check: Check })
  | (Written & { kind: 'message'; negated: boolean; messageType: string; withinMs: number; where?: { path: PathStep[]; pathText: string; check: Check }; session?: string });

export const MAX_WINDOW_MS = 60_000;

/** Whether a line of a cell is an expectation (its first character, after blanks, is ">"). */
export function isExpectationLine(line: string): boolean {
  return /^\s*>/.test(line);
}

/** The expectations of a cell's text, in order. Throws a CellProblem naming the line. */
export function parseExpectations(cellText: string): Expectation[] {
  const expectations: Expectation[] = [];
  cellText.split(/\r?\n/).forEach((line, index) => {
    if (isExpectationLine(line)) expectations.push(parseExpectation(line.replace(/^\s*>/, '').trim(), index));
  });
  return expectations;
}

export function parseExpectation(text: string, line: number): Expectation {
  const problem = (what: string) => new CellProblem(`line ${line + 1}: ${what}`, line);
  try {
    const keyword = /^(no\s+message|message|status|body)\b/.exec(text)?.[1];
    if (!keyword) throw problem(`"> ${text.split(/\s/)[0] ?? ''}" is not an expectation; write "> status", "> body…", "> message …" or "> no message …"`);
    const rest = text.slice(keyword.length);
    if (keyword === 'status') {
      const check = readCheck(rest.trim(), true);
      if (check.value && !/^\d{3}$/.test(check.value.text) && !check.value.text.includes('{{')) throw problem(`a status is a number like 201, not ${check.value.text}`);
      return { kind: 'status', line, text, check };
    }
    if (keyword === 'body') {
      const { steps, end } = readPath(rest, false);
      return { kind: 'body', line, text, path: steps, pathText: `body${rest.slice(0, end)}`, check: readCheck(rest.slice(end).trim(), false) };
    }
    const match = /^\s+(\S+)(?:\s+on\s+(\S+))?\s+within\s+(\d+(?:\.\d+)?)\s*(ms|s)\b(.*)$/.exec(rest);
    if (!match) throw problem('write "message <type> within <time>", e.g. "message queueContentsMessage within 2s"');
    const [, messageType, session, amount, unit, after] = match as unknown as [string, string, string | undefined, string, 'ms' | 's', string];
    const withinMs = Number(amount) * (unit === 's' ? 1000 : 1);
    if (withinMs <= 0 || withinMs > MAX_WINDOW_MS) throw problem(`the window is ${amount}${unit}; give one between 1ms and ${MAX_WINDOW_MS / 1000}s`);
    const expectation: Expectation = { kind: 'message', line, text, negated: keyword !== 'message', messageType, withinMs, ...(session ? { session } : {}) };
    const where = after.trim();
    if (where) {
      if (!where.startsWith('where ')) throw problem(`"${where}" after the window: write "where <path> == <value>"`);
      const condition = where.slice('where '.length).trim();
      const { steps, end } = readPath(condition);
      expectation.where = { path: steps, pathText: condition.slice(0, end), check: readCheck(condition.slice(end).trim(), false) };
    }
    return expectation;
  } catch (error) {
    if (error instanceof CellProblem) throw error;
    if (error instanceof PathSyntaxError || error instanceof CheckSyntaxError) throw problem(error.message);
    throw error;
  }
}

class CheckSyntaxError extends Error {}

function readCheck(text: string, bareValueMeansEquals: boolean): Check {
  if (text === 'exists') return { operator: 'exists' };
  if (text.startsWith('matches')) {
    const literal = /^matches\s+\/(.*)\/([dgimsuy]*)$/.exec(text);
    if (!literal) throw new CheckSyntaxError(`write the pattern between slashes: matches /^100\\d+$/`);
    try {
      return { operator: 'matches', pattern: new RegExp(literal[1]!, literal[2]!.replace('g', '')) };
    } catch (error) {
      throw new CheckSyntaxError(`/${literal[1]}/ is not a regular expression: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const operator = /^(==|!=|<|>)(?![=<>])/.exec(text)?.[1] as Operator | undefined;
  if (!operator) {
    if (bareValueMeansEquals && text) return { operator: '==', value: expectedValue(text) };
    throw new CheckSyntaxError(text ? `"${text}" is not a check; use ==, !=, <, >, exists or matches /re/` : 'a check is missing: ==, !=, <, >, exists or matches /re/');
  }
  const value = expectedValue(text.slice(operator.length).trim());
  if ((operator === '<' || operator === '>') && (value.quoted || !/^-?\d+(\.\d+)?$|\{\{/.test(value.text))) throw new CheckSyntaxError(`${operator} compares numbers; ${value.text} is not one`);
  return { operator, value };
}
