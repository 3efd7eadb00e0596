// Everything that leaves the client for a log, a trace, an error message or a file passes through
// here. Two layers: known secret-bearing fields are replaced by name, and any known secret value
// (password, CSRF token, cookie value, session id) is replaced wherever else it turns up: in text,
// in object keys, URL- or form-encoded, JSON-escaped, or as a JSON number.

export const REDACTED = '<redacted>';
/** The session id is shown as its template name, so paths stay readable. */
export const SESSION_ID_PLACEHOLDER = '{sessionId}';

const SECRET_HEADERS = new Set(['inin-icws-csrf-token', 'cookie', 'set-cookie', 'authorization']);
const SESSION_HEADERS = new Set(['inin-icws-session-id']);
const SECRET_PROPERTIES = new Set(['password', 'csrftoken', 'authtoken', 'singlesignontoken', 'sessionid']);
/**
 * A password shorter than this is masked only where it stands alone (not next to a letter or
 * digit): "1234" occurs by chance inside ids like "1001234500", and masking it there would mangle
 * them. A value that is exactly the password is always masked.
 */
const WHOLE_WORD_BELOW = 8;

interface Mask {
  replacement: string;
  wholeWord: boolean;
}

export class Redactor {
  /** Every form of every secret, with what replaces it. */
  private readonly masks = new Map<string, Mask>();
  /** Secrets that are numbers, as a JSON body would carry them. */
  private readonly numbers = new Map<number, string>();
  /** One pattern for all forms, longest first; built again after a secret is added. */
  private pattern?: RegExp;

  /** Remember a secret value so it is masked wherever it appears later. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 3) this.add(value, REDACTED, false);
  }

  /** A password of any length (see WHOLE_WORD_BELOW for the short ones). */
  addPassword(value: string | undefined): void {
    if (value) this.add(value, REDACTED, value.length < WHOLE_WORD_BELOW);
  }

  addSessionId(value: string | undefined): void {
    if (value) this.add(value, SESSION_ID_PLACEHOLDER, false);
  }

  text(text: string): string {
    if (this.masks.size === 0) return text;
    this.pattern ??= patternOf(this.masks);
    return text.replace(this.pattern, (found) => this.masks.get(found)?.replacement ?? REDACTED);
  }

  headers(headers: Record<string, string | string[] | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      const lower = name.toLowerCase();
      const joined = Array.isArray(value) ? value.join(', ') : String(value);
      const masked = SECRET_HEADERS.has(lower) ? REDACTED : SESSION_HEADERS.has(lower) ? SESSION_ID_PLACEHOLDER : this.text(joined);
      setOwn(out, this.text(name), masked);
    }
    return out;
  }

  /** A deep copy of a JSON value with secret properties, keys and values masked. */
  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value === 'number') return this.numbers.get(value) ?? value;
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const lower = key.toLowerCase();
        const masked = lower === 'sessionid' && typeof item === 'string' ? SESSION_ID_PLACEHOLDER : SECRET_PROPERTIES.has(lower) ? REDACTED : this.json(item);
        setOwn(out, this.text(key), masked);
      }
      return out;
    }
    return value;
  }

  private add(value: string, replacement: string, wholeWord: boolean): void {
    for (const form of formsOf(value)) {
      const known = this.masks.get(form);
      // A form masked anywhere stays masked anywhere; the first replacement named for it stays.
      if (!known) this.masks.set(form, { replacement, wholeWord });
      else if (known.wholeWord && !wholeWord) known.wholeWord = false;
    }
    if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(value) && !this.numbers.has(Number(value))) this.numbers.set(Number(value), replacement);
    this.pattern = undefined;
  }
}

/** The ways a secret turns up in text: as it is, URL-encoded (either case of hex), form-encoded, JSON-escaped. */
function formsOf(value: string): Set<string> {
  const forms = new Set([value, JSON.stringify(value).slice(1, -1)]);
  try {
    const encoded = encodeURIComponent(value);
    forms.add(encoded);
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
    forms.add(new URLSearchParams({ v: value }).toString().slice(2));
  } catch {
    // A lone surrogate has no URL encoding, so it cannot turn up encoded either.
  }
  return forms;
}

function patternOf(masks: ReadonlyMap<string, Mask>): RegExp {
  const alternatives = [...masks.entries()]
    .sort(([a], [b]) => b.length - a.length)
    .map(([form, mask]) => {
      const literal = form.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
      return mask.wholeWord ? `(?<![\\p{L}\\p{N}])${literal}(?![\\p{L}\\p{N}])` : literal;
    });
  return new RegExp(alternatives.join('|'), 'gu');
}

/**
 * Sets an own property even for `__proto__`, which plain assignment would turn into the object's
 * prototype (dropping the key). Two keys that mask to the same text are both kept.
 */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  let name = key;
  for (let n = 2; Object.hasOwn(out, name); n++) name = `${key}#${n}`;
  if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}
