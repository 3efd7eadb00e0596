// A recorded call as code a developer pastes elsewhere: curl for a shell, fetch for a browser
// console or a Node script. Secrets are placeholders the developer fills in from their own
// session ($ICWS_SESSION_ID, $ICWS_CSRF_TOKEN, $ICWS_COOKIE), never the recorded values.

import type { HttpExchange } from './http';
import { SESSION_ID_PLACEHOLDER } from './redact';

const CSRF_HEADER = 'inin-icws-csrf-token';

/** Shell single-quoting. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlFor(exchange: HttpExchange): string {
  const url = exchange.url.split(SESSION_ID_PLACEHOLDER).join('${ICWS_SESSION_ID}');
  const parts = ['curl', '-X', exchange.method, `"${url.replace(/["`\\]/g, '\\$&')}"`];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    const lower = name.toLowerCase();
    if (lower === 'content-length') continue;
    const shown = lower === CSRF_HEADER ? '${ICWS_CSRF_TOKEN}' : lower === 'cookie' ? '${ICWS_COOKIE}' : value;
    parts.push('-H', shown.includes('${') ? `"${name}: ${shown}"` : quote(`${name}: ${shown}`));
  }
  if (exchange.requestBody !== undefined) parts.push('--data-raw', quote(JSON.stringify(exchange.requestBody)));
  return parts.join(' ');
}

/**
 * The call as a `fetch` for a browser page on the server's origin (or one its CORS settings
 * allow): the cookie goes with `credentials: 'include'`, the CSRF token and session id are
 * variables. Every recorded value is written as a JSON string literal, so none can end the code.
 */
export function fetchFor(exchange: HttpExchange): string {
  const urlParts = exchange.url.split(SESSION_ID_PLACEHOLDER).map((part) => JSON.stringify(part));
  const url = urlParts.join(' + ICWS_SESSION_ID + ');
  const headers: string[] = [];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    const lower = name.toLowerCase();
    // A browser sets these itself (and refuses a script that tries).
    if (lower === 'content-length' || lower === 'cookie' || lower === 'host' || lower === 'accept-encoding' || lower === 'connection') continue;
    headers.push(`    ${JSON.stringify(name)}: ${lower === CSRF_HEADER ? 'ICWS_CSRF_TOKEN' : JSON.stringify(value)},`);
  }
  const lines = [`await fetch(${url}, {`, `  method: ${JSON.stringify(exchange.method)},`, '  headers: {', ...headers, '  },'];
  if (exchange.requestBody !== undefined) lines.push(`  body: JSON.stringify(${JSON.stringify(exchange.requestBody)}),`);
  lines.push(`  credentials: "include",`, '});');
  return lines.join('\n');
}
