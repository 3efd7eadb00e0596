// How a request reaches its handler: routes by method and path pattern, the request context a
// handler gets, and the reply it gives. Resource files under routes/ build their routes with these.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimSession } from '../SimSession';
import { SimError } from '../SimError';

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
  body: unknown;
  /** Set for routes that need a session (after its credentials were checked). */
  session?: SimSession;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The handler wrote the response itself (event stream). */
  streaming?: boolean;
  /** `body` is sent as it is (a string with its own content-type), not as JSON. */
  raw?: boolean;
}

export type Handler = (context: RequestContext) => Promise<Reply> | Reply;

/** `session`: CSRF header and cookie; `cookie`: cookie only (the messages resource); `none`. */
export type RouteAuth = 'session' | 'cookie' | 'none';

export interface Route {
  method: string;
  /** The path with `{name}` placeholders, as the ICWS docs write it. */
  template: string;
  pattern: RegExp;
  handler: Handler;
  auth: RouteAuth;
  /** Refused with 401 when the session is no longer up (everything but logout and state). */
  live: boolean;
}

/** Path prefixes with named groups: the session, and one interaction of it. */
export const SESSION_PATH = '/icws/(?<sessionId>[^/]+)';
export const INTERACTION_PATH = `${SESSION_PATH}/interactions/(?<interactionId>[^/]+)`;

export function route(method: string, pattern: string, auth: RouteAuth, handler: Handler, options: { live?: boolean } = {}): Route {
  return {
    method,
    template: pattern.replace(/\(\?<(\w+)>[^)]*\)/g, '{$1}'),
    pattern: new RegExp(`^${pattern}$`),
    auth,
    handler,
    live: options.live ?? auth !== 'none',
  };
}

export const MEDIA_TYPE = 'application/vnd.inin.icws+JSON; charset=utf-8';
const MAX_BODY_BYTES = 1_000_000;
const WWW_AUTHENTICATE = 'ICWS realm="ICWS" location="/ICWS/connection"';

export function errorReply(error: unknown): Reply {
  if (error instanceof SimError) {
    const headers: Record<string, string> = error.status === 401 ? { 'www-authenticate': WWW_AUTHENTICATE } : {};
    return { status: error.status, body: error.body(), headers };
  }
  return { status: 500, body: { errorCode: -2147467259, message: 'The simulator failed to handle the request.' } };
}

/** Parses a JSON body whatever its content type says; an empty body is `undefined`. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SimError(413, 'error.request.tooLarge', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new SimError(400, 'error.request.invalidRepresentation', 'The request body is not valid JSON.');
  }
}

export function decodePathSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new SimError(400, 'error.request.invalidPath', 'The request path is not valid URL encoding.');
  }
}
