// Everything that leaves the client for a log, a trace or an error message passes through here.
// Two layers: known secret-bearing fields are replaced by name, and any known secret value
// (password, CSRF token, cookie value, session id) is replaced wherever else it turns up.

export const REDACTED = '<redacted>';
/** The session id is shown as its template name, so paths stay readable. */
export const SESSION_ID_PLACEHOLDER = '{sessionId}';

const SECRET_HEADERS = new Set(['inin-icws-csrf-token', 'cookie', 'set-cookie', 'authorization']);
const SESSION_HEADERS = new Set(['inin-icws-session-id']);
const SECRET_PROPERTIES = new Set(['password', 'csrftoken', 'authtoken', 'singlesignontoken', 'sessionid']);

export class Redactor {
  private secrets: string[] = [];
  private sessionIds: string[] = [];

  /** Remember a secret value so it is masked wherever it appears later. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 3 && !this.secrets.includes(value)) {
      this.secrets.push(value);
      // Longest first, so a secret containing another is masked whole.
      this.secrets.sort((a, b) => b.length - a.length);
    }
  }

  addSessionId(value: string | undefined): void {
    if (value && !this.sessionIds.includes(value)) this.sessionIds.push(value);
  }

  text(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const id of this.sessionIds) out = out.split(id).join(SESSION_ID_PLACEHOLDER);
    return out;
  }

  headers(headers: Record<string, string | string[] | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      const lower = name.toLowerCase();
      const joined = Array.isArray(value) ? value.join(', ') : String(value);
      if (SECRET_HEADERS.has(lower)) out[name] = REDACTED;
      else if (SESSION_HEADERS.has(lower)) out[name] = SESSION_ID_PLACEHOLDER;
      else out[name] = this.text(joined);
    }
    return out;
  }

  /** A deep copy of a JSON value with secret properties and secret values masked. */
  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const lower = key.toLowerCase();
        if (lower === 'sessionid' && typeof item === 'string') out[key] = SESSION_ID_PLACEHOLDER;
        else if (SECRET_PROPERTIES.has(lower)) out[key] = REDACTED;
        else out[key] = this.json(item);
      }
      return out;
    }
    return value;
  }
}
