// A recorded call as code a developer pastes elsewhere: curl for a shell, fetch for a browser
// console or a Node script. Secrets are variables the developer fills in from their own session
// (ICWS_SESSION_ID, ICWS_CSRF_TOKEN, ICWS_COOKIE), never the recorded values, and only in a call
// under the current session's own `/icws/`: a loaded file's call to another host, or to another
// application on the same server, would send the developer's session there, so it gets none of
// them. Every recorded value is a literal that no character of it can end: a loaded file is
// someone else's text. The URL is the one WHATWG URL reads (the one the session check saw), not
// the recorded text, which curl may read as another host (`http://a\@b/` is `a` to one, `b` to the other).

import type { HttpExchange } from '../icws/httpTypes';
import { icwsPathProblem } from '../icws/icwsPath';

const CSRF_HEADER = 'inin-icws-csrf-token';
/** The session id placeholder (`{sessionId}`) as it reads in a URL: WHATWG URL percent-encodes the braces in a path. */
const PLACEHOLDER_IN_URL = /%7BsessionId%7D|\{sessionId\}/;

export interface CopyOptions {
  /** The current session's server (its base URL; a reverse-proxy prefix counts). Without it no session variable is written. */
  sessionOrigin?: string;
}

/** The recorded URL as WHATWG URL reads it (http or https), or undefined when it is not one. */
function parsedUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the call went under the current session's `/icws/`: the same scheme, host and port, a
 * path under the base's `/icws/` with no dot segment in any spelling, and no user name in the URL.
 */
function toSessionServer(url: URL | undefined, options: CopyOptions): boolean {
  if (!url || !options.sessionOrigin || url.username || url.password) return false;
  const base = parsedUrl(options.sessionOrigin);
  if (!base || url.origin !== base.origin) return false;
  const prefix = base.pathname.replace(/\/+$/, '').replace(/\/icws$/i, '');
  return url.pathname.startsWith(`${prefix}/icws/`) && icwsPathProblem(url.pathname.slice(prefix.length)) === undefined;
}

/** C0 and C1 control characters and DEL: pasted into a terminal, one can end a bracketed paste and run what follows. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * One shell word holding `text` as is, the same in sh, bash, dash, zsh and fish: plain single
 * quotes, with `'` and `\` written outside them as `\'` and `\\` (fish reads both as escapes
 * inside single quotes; every shell reads them as literals outside). No `$'…'`: dash and fish do
 * not know it. Control characters cannot be written portably: callers keep them out.
 */
function shellWord(text: string): string {
  if (text === '') return "''";
  return text
    .split(/([\\'])/)
    .filter((piece) => piece !== '')
    .map((piece) => (piece === '\\' || piece === "'" ? `\\${piece}` : `'${piece}'`))
    .join('');
}

/** A shell variable, expanded once and never re-read as code; `"$NAME"` reads the same in sh and fish (the name is ours, not the file's). */
function shellVariable(name: string): string {
  return `"$${name}"`;
}

/** A name for a comment line: letters, digits and `_.-` as they are, the rest percent-encoded, so the line is plain text in any shell. */
function commentName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/gu, (char) => [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

export function curlFor(exchange: HttpExchange, options: CopyOptions = {}): string {
  const url = parsedUrl(exchange.url);
  const withSession = toSessionServer(url, options);
  // Not an http(s) URL: written as it came (control characters percent-encoded) after --url, so it cannot be read as an option.
  const urlText = url?.href ?? exchange.url.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => encodeURIComponent(char));
  const urlWord = withSession
    ? urlText
        .split(PLACEHOLDER_IN_URL)
        .map((part) => (part ? shellWord(part) : ''))
        .join(shellVariable('ICWS_SESSION_ID'))
    : shellWord(urlText);
  const method = /^[A-Z]+$/.test(exchange.method) ? exchange.method : shellWord(exchange.method);
  // -g: curl reads [1-100] and {a,b} in a URL as a range and a list, one request for each.
  const parts = ['curl', '-g', '-X', method, ...(url ? [] : ['--url']), urlWord];
  const comments: string[] = [];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    const lower = name.toLowerCase();
    if (lower === 'content-length') continue;
    const variable = lower === CSRF_HEADER ? 'ICWS_CSRF_TOKEN' : lower === 'cookie' ? 'ICWS_COOKIE' : undefined;
    if (variable) {
      if (withSession) parts.push('-H', shellWord(`${name}: `) + shellVariable(variable));
    } else if (CONTROL.test(name) || CONTROL.test(value)) comments.push(`# left out header "${commentName(name)}": it holds control characters`);
    // curl reads a header starting with @ as a file of headers.
    else if (name.startsWith('@')) comments.push(`# left out header "${commentName(name)}": curl would read it as a file name`);
    else parts.push('-H', shellWord(`${name}: ${value}`));
  }
  if (exchange.requestBody !== undefined) parts.push('--data-raw', shellWord(jsLiteral(exchange.requestBody)));
  return [...comments, parts.join(' ')].join('\n');
}

/**
 * A JavaScript literal of a JSON value, which is JSON too. JSON.stringify leaves DEL, C1 controls
 * and the line separators U+2028/U+2029 raw inside strings; they are written as `\u` escapes so
 * the text pastes as plain text anywhere.
 */
function jsLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The call as a `fetch` for a browser page on the server's origin (or one its CORS settings
 * allow): the cookie goes with `credentials: 'include'`, the CSRF token and session id are
 * variables. Every recorded value is written as a JSON string literal, so none can end the code.
 */
export function fetchFor(exchange: HttpExchange, options: CopyOptions = {}): string {
  const parsed = parsedUrl(exchange.url);
  const withSession = toSessionServer(parsed, options);
  const urlText = parsed?.href ?? exchange.url;
  const url = withSession ? urlText.split(PLACEHOLDER_IN_URL).map(jsLiteral).join(' + ICWS_SESSION_ID + ') : jsLiteral(urlText);
  const headers: string[] = [];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    const lower = name.toLowerCase();
    // A browser sets these itself (and refuses a script that tries).
    if (lower === 'content-length' || lower === 'cookie' || lower === 'host' || lower === 'accept-encoding' || lower === 'connection') continue;
    if (lower === CSRF_HEADER && !withSession) continue;
    headers.push(`    ${jsLiteral(name)}: ${lower === CSRF_HEADER ? 'ICWS_CSRF_TOKEN' : jsLiteral(value)},`);
  }
  const lines = [`await fetch(${url}, {`, `  method: ${jsLiteral(exchange.method)},`, '  headers: {', ...headers, '  },'];
  if (exchange.requestBody !== undefined) {
    const json = jsLiteral(exchange.requestBody);
    // In an object literal a "__proto__" key sets the prototype instead of a property: send such a body as its text.
    lines.push(`  body: ${json.includes('"__proto__":') ? jsLiteral(JSON.stringify(exchange.requestBody)) : `JSON.stringify(${json})`},`);
  }
  if (withSession) lines.push(`  credentials: "include",`);
  lines.push('});');
  return lines.join('\n');
}
