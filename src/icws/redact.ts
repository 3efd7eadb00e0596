// Everything that leaves the client for a log, a trace, an error message or a file passes through
// here. Two layers: known secret-bearing fields are replaced by name, and any known secret value
// (password, CSRF token, cookie value, session id) is replaced wherever else it turns up: in text,
// in object keys, URL- or form-encoded (hex in either case), JSON-escaped (`\/` and `\u` escapes
// included), or as a JSON number.

import { setOwnProperty } from './ownProperty';

export const REDACTED = '<redacted>';
/** The session id is shown as its template name, so paths stay readable. */
export const SESSION_ID_PLACEHOLDER = '{sessionId}';

const SECRET_HEADERS = new Set(['inin-icws-csrf-token', 'cookie', 'set-cookie', 'authorization']);
const SESSION_HEADERS = new Set(['inin-icws-session-id']);
const SECRET_PROPERTIES = new Set(['password', 'csrftoken', 'authtoken', 'singlesignontoken', 'sessionid']);
/**
 * Text under a name ending so is a secret too: the catalog's password change (`newPassword`,
 * `oldPassword`), `adminPassword`, `clientSecret`, `accessToken`. Only text: a number such as
 * `maximumPasswordAge` is a setting, not a secret.
 */
const SECRET_TEXT_PROPERTY = /(?:password|secret|token)$/i;
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
  /** Every secret, with what replaces it. */
  private readonly masks = new Map<string, Mask>();
  /** Secrets that are numbers, as a JSON body would carry them. */
  private readonly numbers = new Map<number, string>();
  /** One pattern for all secrets in all their forms, longest first, one group each; built again after a secret is added. */
  private compiled?: { pattern: RegExp; replacements: string[] };

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
    const { pattern, replacements } = (this.compiled ??= compile(this.masks));
    // The group that matched says which secret it was (the text matched may be any of its forms).
    return text.replace(pattern, (...groups: unknown[]) => replacements[groups.findIndex((group, index) => index > 0 && group !== undefined) - 1] ?? REDACTED);
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
        const masked = lower === 'sessionid' && typeof item === 'string' ? SESSION_ID_PLACEHOLDER : SECRET_PROPERTIES.has(lower) || (typeof item === 'string' && SECRET_TEXT_PROPERTY.test(key)) ? REDACTED : this.json(item);
        setOwn(out, this.text(key), masked);
      }
      return out;
    }
    return value;
  }

  private add(value: string, replacement: string, wholeWord: boolean): void {
    const known = this.masks.get(value);
    // A secret masked anywhere stays masked anywhere; the first replacement named for it stays.
    if (!known) this.masks.set(value, { replacement, wholeWord });
    else if (known.wholeWord && !wholeWord) known.wholeWord = false;
    if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(value) && !this.numbers.has(Number(value))) this.numbers.set(Number(value), replacement);
    this.compiled = undefined;
  }
}

const UTF8 = new TextEncoder();
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const literal = (text: string) => text.replace(REGEX_SYNTAX, '\\$&');
/** Hex digits as a pattern that takes either case (`2f` → `2[fF]`). */
const anyCaseHex = (hex: string) => hex.replace(/[a-f]/gi, (digit) => `[${digit.toLowerCase()}${digit.toUpperCase()}]`);

/**
 * The ways one character of a secret turns up in text: as it is; JSON-escaped (`\"`, `\\`, `\/`,
 * `\n`); as `\u` escapes of its UTF-16 units; as percent-escapes of its UTF-8 bytes; a space as
 * `+` (form encoding); hex in either case. ASCII letters and digits are written as they are by
 * every encoder. Any mix of forms within one secret matches: serializers escape different sets.
 */
function charPattern(char: string): string {
  if (/^[A-Za-z0-9]$/.test(char)) return char;
  const forms = new Set([literal(char), literal(JSON.stringify(char).slice(1, -1))]);
  if (char === '/') forms.add('\\\\/');
  if (char === ' ') forms.add('\\+');
  let units = '';
  for (let index = 0; index < char.length; index++) units += `\\\\u${anyCaseHex(char.charCodeAt(index).toString(16).padStart(4, '0'))}`;
  forms.add(units);
  // A lone surrogate has no UTF-8 encoding, so it cannot turn up percent-encoded either.
  if (!/^[\uD800-\uDFFF]$/.test(char)) forms.add([...UTF8.encode(char)].map((byte) => `%${anyCaseHex(byte.toString(16).padStart(2, '0'))}`).join(''));
  return `(?:${[...forms].join('|')})`;
}

function compile(masks: ReadonlyMap<string, Mask>): { pattern: RegExp; replacements: string[] } {
  const ordered = [...masks.entries()].sort(([a], [b]) => b.length - a.length);
  const alternatives = ordered.map(([secret, mask]) => {
    const body = [...secret].map(charPattern).join('');
    return mask.wholeWord ? `((?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}]))` : `(${body})`;
  });
  return { pattern: new RegExp(alternatives.join('|'), 'gu'), replacements: ordered.map(([, mask]) => mask.replacement) };
}

/** Sets a key of a redacted copy; two keys that mask to the same text are both kept. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  let name = key;
  for (let n = 2; Object.hasOwn(out, name); n++) name = `${key}#${n}`;
  setOwnProperty(out, name, value);
}
