// Sending a recorded call again with the current session (the Traffic panel's Replay): the same
// method, path and body, to the session's server, with the session's own credentials. Only ICWS
// paths are sent, and none with a "." or ".." segment (it would leave /icws/ with the session's
// credentials); nothing of the recorded headers is reused (they are redacted anyway).

import type { IcwsHttp } from '../icws/http';
import type { HttpExchange, HttpResult, RequestSpec } from '../icws/httpTypes';
import { templateMatcher } from '../icws/urls';
import { icwsPathProblem } from '../icws/icwsPath';
import { SESSION_ID_PLACEHOLDER } from '../icws/redact';
import { pathOf } from '../icws/urls';

export class ResendRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResendRefused';
  }
}

/** The request a recorded call becomes when sent again: its template kept when the path fits it. */
export function resendSpec(exchange: HttpExchange): RequestSpec {
  const withoutOrigin = pathOf(exchange.url);
  const at = withoutOrigin.indexOf('/icws/');
  if (at < 0) throw new ResendRefused(`${exchange.url} is not an ICWS path`);
  const [path = '', query] = withoutOrigin.slice(at).split('?', 2);
  const problem = icwsPathProblem(path);
  if (problem) throw new ResendRefused(`${problem}; it is not sent`);
  const params = paramsFor(exchange.template, path);
  const searchParams = query ? Object.fromEntries(new URLSearchParams(query)) : undefined;
  const operation = `replay of ${exchange.method} ${path}`;
  const spec: RequestSpec = params ? { method: exchange.method, template: exchange.template, params, operation } : { method: exchange.method, template: literalTemplate(path), params: {}, operation };
  if (searchParams) spec.searchParams = searchParams;
  if (exchange.requestBody !== undefined) spec.body = exchange.requestBody;
  return spec;
}

/** Sends it; a refusal (ResendRefused) rejects, like a failure of the request. */
export async function resend(http: IcwsHttp, exchange: HttpExchange): Promise<HttpResult<unknown>> {
  return http.request(resendSpec(exchange));
}

/** `{name}` values of `path` under `template`, or undefined when the path does not fit it. */
function paramsFor(template: string, path: string): Record<string, string> | undefined {
  const found = templateMatcher(template)(path);
  if (!found) return undefined;
  // The masked session id is filled with the current session's.
  const { sessionId, ...params } = found;
  if (sessionId !== undefined && sessionId !== SESSION_ID_PLACEHOLDER) throw new ResendRefused('the path holds a session id other than the placeholder');
  return params;
}

/** A concrete path as a template whose only `{…}` is the session id (other segments are kept verbatim). */
function literalTemplate(path: string): string {
  const decoded = path.split('/').map((segment) => (segment === SESSION_ID_PLACEHOLDER || segment === encodeURIComponent(SESSION_ID_PLACEHOLDER) ? SESSION_ID_PLACEHOLDER : segment));
  const template = decoded.join('/');
  if (/\{(?!sessionId\})/.test(template)) throw new ResendRefused(`${path} has a "{" that is not the session id`);
  return template;
}
