// Every request of a session stays under the server's `/icws/`. A "." or ".." segment in a
// filled path (a recorded URL loaded from a file, a value taken from a server's answer) would
// take the request, with the session's cookie and CSRF token, elsewhere on the same origin. URL
// parsers and servers read dot segments in many spellings (`%2e`, `%2E.`, a backslash for a
// slash, an encoded slash a server decodes), so any segment that decodes to one is refused.

const SEPARATORS = /[/\\]/;

/** `text` URL-decoded until it no longer changes (a few rounds; a bad escape stays as written). */
function fullyDecoded(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** The first "." or ".." segment of a path, in any spelling, or undefined when it has none. */
function dotSegmentOf(path: string): string | undefined {
  for (const segment of path.split(SEPARATORS)) {
    const found = fullyDecoded(segment)
      .split(SEPARATORS)
      .find((part) => part === '.' || part === '..');
    if (found) return found;
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
  const dot = dotSegmentOf(pathOnly);
  return dot ? `${pathOnly} has a "${dot}" segment, which would take it outside the resource it names` : undefined;
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
