// Cross-origin requests, as a CIC server serves browser clients (the vendor's JavaScript SDK opens
// XHR and EventSource with credentials from the application's own origin): the preflight is
// answered, and every answer to an allowed origin says so, with credentials and the ICWS headers
// exposed.
import type { IncomingMessage } from 'node:http';
import { HEADER } from '../../icws/wire';
import type { Reply } from './routing';

/** Which origins may call: any (a development server's default), or these. */
export type CorsOrigins = '*' | readonly string[];

const EXPOSED = [HEADER.csrfToken, HEADER.sessionId, 'Location'].join(', ');
const METHODS = 'GET, POST, PUT, DELETE, OPTIONS';

function allowedOrigin(origins: CorsOrigins, request: IncomingMessage): string | undefined {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || !origin) return undefined;
  return origins === '*' || origins.includes(origin) ? origin : undefined;
}

/** Headers for an answer to `request` (none for a same-origin request or one not allowed). */
export function corsHeaders(origins: CorsOrigins, request: IncomingMessage): Record<string, string> {
  const origin = allowedOrigin(origins, request);
  if (!origin) return {};
  // With credentials the origin is echoed, never "*"; Vary keeps caches from mixing origins.
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': EXPOSED, vary: 'Origin' };
}

/** The answer to a preflight (OPTIONS): 204 with what may be sent, or 403 for an origin not allowed. */
export function preflight(origins: CorsOrigins, request: IncomingMessage): Reply {
  if (!allowedOrigin(origins, request)) return { status: 403, body: { errorId: 'error.request.cors.originNotAllowed', message: `The origin ${String(request.headers.origin ?? '(none)')} may not call this server.` } };
  const requested = request.headers['access-control-request-headers'];
  return {
    status: 204,
    headers: {
      ...corsHeaders(origins, request),
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': typeof requested === 'string' && requested ? requested : `content-type, accept-language, ${HEADER.csrfToken}`,
      'access-control-max-age': '600',
    },
  };
}
