// URLs as the client shows them: a request's path is what a person reads (in the log, a notebook
// cell, the Traffic panel); the origin is the server, shown once elsewhere. The path templates
// themselves (`fillTemplate`, `templateMatcher`) are in http.ts, where requests are made.

/** The URL without its origin (a reverse-proxy prefix stays). */
export function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/i, '') || '/';
}
