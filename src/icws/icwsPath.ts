// Every request of a session stays under the server's `/icws/`. A "." or ".." segment in a
// filled path (a recorded URL loaded from a file, a value taken from a server's answer) would
// take the request, with the session's cookie and CSRF token, elsewhere on the same origin. URL
// parsers and servers read dot segments in many spellings: `%2e`, `%2E.`, a backslash for a slash,
// an encoded slash a server decodes, `..;x` (Tomcat, Jetty and Spring drop path parameters),
// `.. ` (Windows trims spaces and dots), `..%c0` (a lenient decoder drops or widens a bad byte).
// So a segment that decodes to one in any of these readings is refused, and so is a segment
// with an invalid percent-escape, whose reading is the server's guess.

const SEPARATORS = /[/\\]/;
const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/** A percent-decoding that never fails: the readings a server may give it (strict UTF-8; invalid bytes dropped; Latin-1). */
function readingsOf(text: string): string[] {
  if (!text.includes('%')) return [text];
  try {
    return [decodeURIComponent(text)];
  } catch {
    // A "%" not followed by two hex digits stays as written; the bytes are read leniently.
    const bytes = Buffer.from(text.replace(/%([0-9A-Fa-f]{2})/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return [new TextDecoder('utf-8').decode(bytes).replace(/\uFFFD/g, ''), bytes.toString('latin1')];
  }
}

/** "." or ".." when a server may read `segment` (decoded) as one: path parameters and a NUL's tail dropped, whitespace and dots trimmed. */
function dotsOf(segment: string): string | undefined {
  const kept = segment.split(/[;\u0000]/, 1)[0]!;
  if (!/^[\s\u0000-\u001f.]*\.[\s\u0000-\u001f.]*$/.test(kept)) return undefined;
  return kept.replace(/[^.]/g, '') === '.' ? '.' : '..';
}

/** What is wrong with one segment as written, or undefined. */
function segmentProblem(segment: string): string | undefined {
  if (MALFORMED_ESCAPE.test(segment)) return `has a "%" not followed by two hex digits in "${segment}" (an invalid percent-escape, which servers read differently)`;
  try {
    decodeURIComponent(segment);
  } catch {
    return `has percent-escapes that are not UTF-8 in "${segment}" (which servers read differently)`;
  }
  // Decoded again and again (a server or proxy may decode twice), every reading at every round.
  let readings = [segment];
  for (let round = 0; round < 4 && readings.length > 0; round++) {
    const parts = readings.flatMap((reading) => reading.split(SEPARATORS));
    const dots = parts.map(dotsOf).find(Boolean);
    if (dots) return segment === dots ? `has a "${dots}" segment` : `has a "${dots}" segment ("${segment}" as written)`;
    readings = [...new Set(parts.flatMap(readingsOf))].filter((reading) => !parts.includes(reading));
  }
  return undefined;
}

/** What is wrong with a path's segments (a dot segment in any spelling, an invalid escape), or undefined. */
export function dotSegmentProblem(path: string): string | undefined {
  for (const segment of path.split(SEPARATORS)) {
    const problem = segmentProblem(segment);
    if (problem) return `${path} ${problem}, which would take it outside the resource it names`;
  }
  return undefined;
}

/**
 * What is wrong with a request path (before any `?`) that should name an ICWS resource, or
 * undefined when it is a plain path under `/icws/`.
 */
export function icwsPathProblem(path: string): string | undefined {
  const pathOnly = path.split(/[?#]/, 1)[0] ?? '';
  if (!pathOnly.startsWith('/icws/')) return `${pathOnly} is not under /icws/`;
  return dotSegmentProblem(pathOnly);
}

/**
 * The same check on a URL about to be sent to a server at `baseUrl` (a reverse-proxy prefix
 * included): `path` is what follows the base, and the parsed URL must still be under `<base>/icws/`.
 */
export function icwsUrlProblem(baseUrl: string, path: string, url: string): string | undefined {
  const problem = icwsPathProblem(path);
  if (problem) return problem;
  let base: URL;
  let parsed: URL;
  try {
    base = new URL(baseUrl);
    parsed = new URL(url);
  } catch {
    // Not a URL at all: the transport refuses it itself (ERR_INVALID_URL), before sending.
    return undefined;
  }
  const prefix = `${base.pathname.replace(/\/$/, '')}/icws/`;
  return parsed.origin === base.origin && parsed.pathname.startsWith(prefix) ? undefined : `${path} is not under ${prefix} of ${base.origin}`;
}

/**
 * The URL of a resource the server names (a status icon), resolved against `baseUrl`, or what is
 * wrong with it: it must be on the same origin, under the base URL's path, with no dot segment.
 */
export function resourceUrlOf(baseUrl: string, pathOrUrl: string): URL | string {
  const base = new URL(`${baseUrl.replace(/\/+$/, '')}/`);
  let url: URL;
  try {
    url = new URL(pathOrUrl, base);
  } catch {
    return `${pathOrUrl} is not a URL`;
  }
  if (url.origin !== base.origin) return `${url.origin} is not this server`;
  // Checked as written too: URL parsing resolves "..", but not every spelling a server reads as one.
  const problem = dotSegmentProblem(pathOrUrl.split(/[?#]/, 1)[0]!) ?? dotSegmentProblem(url.pathname);
  if (problem) return problem;
  return url.pathname.startsWith(base.pathname) ? url : `${url.pathname} is not under ${base.pathname} of ${base.origin}`;
}
