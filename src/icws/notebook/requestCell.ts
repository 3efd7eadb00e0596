// A notebook's request cell: the text a developer writes, and the request it becomes.
//
//   # a comment
//   PUT /status/user-statuses/{userId}
//   { "statusId": "Available" }
//
// The first line that is not blank or a comment is `METHOD PATH`; what follows is the JSON body.
// `/icws/{sessionId}` is implied (a path may also start with `/icws/`). `{sessionId}` and
// `{userId}` are the session's; `{{call.property.path}}` is a value from the answer of the cell
// named `call` (`# @name call`), `{{cell:N.property.path}}` from cell N's (N counts cells from 1,
// Markdown included). Lines starting with `>` are expectations (expectations/), not body.

import type { HttpExchange, HttpMethod, RequestSpec } from '../httpTypes';
import type { IcwsCatalog, OperationMatch } from '../catalog/IcwsCatalog';
import { nestedTooDeep, nestsDeeperThan } from '../jsonDepth';
import { icwsPathProblem } from '../icwsPath';
import { pathOf } from '../urls';

export const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

export interface ParsedCell {
  method: string;
  /** As written (placeholders unfilled). */
  path: string;
  /** The body text as written (may be empty). */
  bodyText: string;
  /** 0-based line of the request line, and of the body's first line. */
  requestLine: number;
  bodyLine: number;
}

export class CellProblem extends Error {
  constructor(
    message: string,
    /** 0-based line the problem is on. */
    readonly line = 0,
  ) {
    super(message);
    this.name = 'CellProblem';
  }
}

export function parseCell(text: string): ParsedCell {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => line.trim() && !/^\s*(#|\/\/)/.test(line));
  if (at < 0) throw new CellProblem('Write a request: a method and a path, e.g. GET /status/status-messages');
  const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(lines[at]!);
  if (!match) throw new CellProblem('The first line is a method and a path, e.g. PUT /status/user-statuses/{userId}', at);
  const method = match[1]!.toUpperCase();
  if (!METHODS.includes(method as HttpMethod)) throw new CellProblem(`${method} is not an ICWS method (GET, POST, PUT or DELETE)`, at);
  // Expectation lines become blank lines: the body keeps its offsets for the editor.
  const body = lines.slice(at + 1).map((line) => (/^\s*>/.test(line) ? '' : line));
  return { method, path: match[2]!, bodyText: body.join('\n'), requestLine: at, bodyLine: at + 1 };
}

/** `/interactions/1` → `/icws/{sessionId}/interactions/1`; `/icws/…` stays. */
export function fullPath(path: string): string {
  if (path.startsWith('/icws/') || path === '/icws') return path;
  return `/icws/{sessionId}${path.startsWith('/') ? '' : '/'}${path}`;
}

export interface FillContext {
  userId: string;
  /** The answer body of cell N (1-based), if it ran. */
  cellAnswer(index: number): unknown;
  /**
   * The answer body of the cell named `name` (`# @name name`): undefined when it has not run, null
   * when no cell has that name. Without it, named references are left as written.
   */
  namedAnswer?(name: string): unknown;
}

/**
 * `{{…}}` references blanked to a JSON value of the same length (`0` and spaces): an editor can
 * then match the path and parse the body with its offsets unchanged, before the cells have run.
 */
export function blankReferences(text: string): string {
  return text.replace(/\{\{[^}]*\}\}/g, (reference) => `0${' '.repeat(reference.length - 1)}`);
}

export const CELL_REFERENCE = /\{\{\s*cell:(\d+)((?:\.[\w-]+|\[\d+\])*)\s*\}\}/g;
export const NAMED_REFERENCE = /\{\{\s*([A-Za-z_][\w-]*)((?:\.[\w-]+|\[\d+\])*)\s*\}\}/g;

/**
 * Fills `{userId}`, `{{name.path}}` and `{{cell:N.path}}`: URL-encoded in a path, JSON-escaped in a
 * body, as they are in an expectation's `text`. `{sessionId}` stays: the client fills it with the
 * session's own.
 */
export function fill(text: string, context: FillContext, where: 'path' | 'body' | 'text'): string {
  const written = (value: unknown) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (where === 'path') return encodeURIComponent(text);
    if (where === 'text') return text;
    // In a body, inside a string or as a whole value: a string is written as the JSON string's inside.
    return typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : text;
  };
  const withNames = !context.namedAnswer
    ? text
    : text.replace(NAMED_REFERENCE, (_whole, name: string, path: string) => {
        const answer = context.namedAnswer!(name);
        if (answer === null) throw new CellProblem(`{{${name}${path}}}: no cell is named ${name} (name one with "# @name ${name}")`);
        if (answer === undefined) throw new CellProblem(`{{${name}${path}}}: the cell named ${name} has no answer yet; run it first`);
        const value = valueAt(answer, path);
        if (value === undefined) throw new CellProblem(`{{${name}${path}}}: the answer of ${name} has no ${path.slice(1) || 'value'}`);
        return written(value);
      });
  const withCells = withNames.replace(CELL_REFERENCE, (_whole, cell: string, path: string) => {
    const answer = context.cellAnswer(Number(cell));
    if (answer === undefined) throw new CellProblem(`{{cell:${cell}${path}}}: cell ${cell} has no answer yet; run it first`);
    const value = valueAt(answer, path);
    if (value === undefined) throw new CellProblem(`{{cell:${cell}${path}}}: cell ${cell}'s answer has no ${path.slice(1) || 'value'}`);
    return written(value);
  });
  return withCells.replace(/\{userId\}/g, where === 'path' ? encodeURIComponent(context.userId) : context.userId);
}

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const [, key, index] of path.matchAll(/\.([\w-]+)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key ?? index!];
  }
  return current;
}

export interface CellRequest {
  spec: RequestSpec;
  /** The catalog's operation, when the path is one. */
  match?: OperationMatch;
  /** Whether sending it changes state on the server (anything but a GET). */
  changesState: boolean;
}

/**
 * The request a cell sends, with its placeholders filled. The path must be an ICWS operation of
 * the catalog (else the cell is refused before sending: a typo is not sent to a server).
 */
export function cellRequest(text: string, context: FillContext, catalog: IcwsCatalog): CellRequest {
  const cell = parseCell(text);
  const path = fullPath(fill(cell.path, context, 'path'));
  // A value filled in from an answer is the server's text: ".." there would leave the operation.
  const problem = icwsPathProblem(path);
  if (problem) throw new CellProblem(`${problem}; check the path and the values filled into it`, cell.requestLine);
  const match = catalog.match(cell.method, path);
  if (!match) {
    const onPath = catalog.operationsOnPath(path);
    throw new CellProblem(onPath.length ? `${cell.method} is not an operation on this path; it has ${onPath.map((o) => o.method).join(', ')}` : `${cell.method} ${path} is not an ICWS operation`, cell.requestLine);
  }
  const unfilled = Object.entries(match.params).find(([name, value]) => name !== 'sessionId' && /^\{\w+\}$/.test(value));
  if (unfilled) throw new CellProblem(`fill ${unfilled[1]} in the path (a value, or {{cell:N.property}} from an earlier answer)`, cell.requestLine);
  const bodyText = fill(cell.bodyText, context, 'body').trim();
  let body: unknown;
  if (bodyText) {
    try {
      body = JSON.parse(bodyText);
    } catch (error) {
      throw new CellProblem(`the body is not JSON: ${error instanceof Error ? error.message : String(error)}`, cell.bodyLine);
    }
    if (nestsDeeperThan(body)) throw new CellProblem(`the body is ${nestedTooDeep()}`, cell.bodyLine);
  }
  const { sessionId: _session, ...params } = match.params;
  const query = path.split('?', 2)[1];
  const spec: RequestSpec = {
    method: cell.method as HttpMethod,
    template: match.operation.template,
    params,
    operation: `notebook: ${match.operation.module} ${match.operation.name}`,
    answerAnyStatus: true,
  };
  if (query) spec.searchParams = Object.fromEntries(new URLSearchParams(query));
  if (body !== undefined) spec.body = body;
  return { spec, match, changesState: cell.method !== 'GET' };
}

const SESSION_PATH = '/icws/{sessionId}';

/**
 * A recorded call as a cell's text, to change and send again from a notebook. The URL and body are
 * a capture's (a loaded file's, a server's ids): nothing in them may end the request line or read
 * as a placeholder or a `{{…}}` reference, so a line break, space or brace in the path is
 * percent-encoded, and a brace or line separator inside the body's strings JSON-escaped (the same
 * request, one line, nothing filled in).
 */
export function cellSourceFor(exchange: HttpExchange): string {
  const path = pathOf(exchange.url);
  const icws = path.slice(Math.max(0, path.indexOf('/icws/')));
  const short = icws.startsWith(`${SESSION_PATH}/`) ? icws.slice(SESSION_PATH.length) : icws;
  // `/icws/{sessionId}` itself (the session's own resource) stays a placeholder.
  const kept = short.startsWith(SESSION_PATH) ? SESSION_PATH : '';
  const encoded = short.slice(kept.length).replace(/[\s\p{Cc}{}]/gu, (character) => encodeURIComponent(character));
  const body = exchange.requestBody === undefined ? '' : `\n${literalJson(exchange.requestBody)}`;
  return `${exchange.method} ${kept}${encoded}${body}`;
}

/** JSON with every `{`, `}` and line separator inside its strings (and keys) escaped: outside strings, indented JSON has no `{{`. */
function literalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/"(?:[^"\\]|\\.)*"/g, (text) => text.replace(/[{}\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
