import { parse as parseSetCookie, splitCookiesString } from 'set-cookie-parser';

/**
 * The cookie jar of one ICWS server. ICWS scopes its session cookie to `/icws/{sessionId}`, but a
 * reverse proxy may add a path prefix, so cookies are sent on every request to the server whatever
 * their Path. (A general-purpose jar brings the public-suffix list, over half the extension's
 * size, for one server and one cookie.)
 */
export class SessionCookies {
  private readonly cookies = new Map<string, { value: string; expires?: number }>();

  /** Takes a Set-Cookie header value (or a saved `name=value`). */
  store(rawCookie: string): void {
    for (const cookie of parseSetCookie(splitCookiesString(rawCookie), { decodeValues: false })) {
      const expires = cookie.maxAge !== undefined ? Date.now() + cookie.maxAge * 1_000 : cookie.expires?.getTime();
      if (expires !== undefined && expires <= Date.now()) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, { value: cookie.value, expires });
    }
  }

  /** The `Cookie` header value: `name=value; name2=value2`. */
  header(): string {
    const now = Date.now();
    const pairs: string[] = [];
    for (const [name, cookie] of this.cookies) {
      if (cookie.expires !== undefined && cookie.expires <= now) this.cookies.delete(name);
      else pairs.push(`${name}=${cookie.value}`);
    }
    return pairs.join('; ');
  }

  /** got's cookie-jar interface: the server is the jar's only origin, so the URL is not consulted. */
  async getCookieString(_url: string): Promise<string> {
    return this.header();
  }

  async setCookie(rawCookie: string, _url: string): Promise<void> {
    this.store(rawCookie);
  }

  values(): string[] {
    return [...this.cookies.values()].map((cookie) => cookie.value);
  }

  clear(): void {
    this.cookies.clear();
  }
}
