// A recorded call as code a developer pastes elsewhere: curl for a shell, fetch for a browser
// console or a Node script. Secrets are variables the developer fills in from their own session
// (ICWS_SESSION_ID, ICWS_CSRF_TOKEN, ICWS_COOKIE), never the recorded values, and only in a call
// to the current session's own server: a loaded file's call to another host would send the
// developer's session there, so it gets none of them. Every recorded value is a literal that no
// character of it can end: a loaded file is someone else's text.

import type { HttpExchange } from '../icws/httpTypes';
import { SESSION_ID_PLACEHOLDER } from '../icws/redact';

const CSRF_HEADER = 'inin-icws-csrf-token';

export interface CopyOptions {
  /** The current session's server (a URL; its origin counts). Without it no session variable is written. */
  sessionOrigin?: string;
}

/** Whether the call went to the current session's server (same scheme, host and port). */
function toSessionServer(exchange: HttpExchange, options: CopyOptions): boolean {
  if (!options.sessionOrigin) return false;
  try {
    const origin = new URL(exchange.url).origin;
    return origin !== 'null' && origin === new URL(options.sessionOrigin).origin;
  } catch {
    return false;
  }
}

/** C0 and C1 control characters: pasted into a terminal, one can end a bracketed paste and run what follows. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * One shell word holding `text` as is: single quotes (`'` as `'\''`), or `$'…'` with control
 * characters as their UTF-8 bytes in `\xHH` so that none reaches the terminal raw.
 */
function shellLiteral(text: string): string {
  if (!CONTROL.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  const escaped = text.replace(/[\\']|[\u0000-\u001f\u007f-\u009f]/gu, (char) =>
    char === '\\' || char === "'"
      ? `\\${char}`
      : [...Buffer.from(char, 'utf8')].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join(''),
  );
  return `$'${escaped}'`;
}

/** A shell variable, expanded once and never re-read as code (the name is ours, not the file's). */
function shellVariable(name: string): string {
  return `"\${${name}}"`;
}

export function curlFor(exchange: HttpExchange, options: CopyOptions = {}): string {
  const withSession = toSessionServer(exchange, options);
  const urlParts = withSession ? exchange.url.split(SESSION_ID_PLACEHOLDER) : [exchange.url];
  const url = urlParts.map((part) => (part ? shellLiteral(part) : '')).join(shellVariable('ICWS_SESSION_ID'));
  const method = /^[A-Z]+$/.test(exchange.method) ? exchange.method : shellLiteral(exchange.method);
  const parts = ['curl', '-X', method, url];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    const lower = name.toLowerCase();
    if (lower === 'content-length') continue;
    const variable = lower === CSRF_HEADER ? 'ICWS_CSRF_TOKEN' : lower === 'cookie' ? 'ICWS_COOKIE' : undefined;
    if (!variable) parts.push('-H', shellLiteral(`${name}: ${value}`));
    else if (withSession) parts.push('-H', shellLiteral(`${name}: `) + shellVariable(variable));
  }
  if (exchange.requestBody !== undefined) parts.push('--data-raw', shellLiteral(JSON.stringify(exchange.requestBody)));
  return parts.join(' ');
}

/**
 * A JavaScript literal of a JSON value. JSON.stringify leaves DEL, C1 controls and the line
 * separators U+2028/U+2029 raw inside strings; they are written as `\u` escapes so the code
 * pastes as plain text anywhere.
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
  const withSession = toSessionServer(exchange, options);
  const url = withSession ? exchange.url.split(SESSION_ID_PLACEHOLDER).map(jsLiteral).join(' + ICWS_SESSION_ID + ') : jsLiteral(exchange.url);
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
