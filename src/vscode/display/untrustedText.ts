// Text that comes from a server, a caller or a file is untrusted: a caller ID name is whatever the
// caller's carrier sends. These functions make it safe for the places VS Code renders markup in
// plain strings (notifications render [text](command:…) links; status bar and quick picks render
// $(icon) codicons) and keep layouts intact (direction overrides, very long values).
// No `vscode` import, so they are unit-tested in Node.

/** Bidirectional controls that can make text read differently from how it is stored. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** C0/C1 controls other than tab and newline. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const ZERO_WIDTH_SPACE = '\u200b';

export const DEFAULT_MAX_LENGTH = 500;

/**
 * Untrusted text as plain, inert text: no link or codicon syntax survives, direction overrides and
 * control characters are removed, newlines become spaces, and long text is cut with an ellipsis.
 */
export function plainText(text: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  const clean = String(text ?? '')
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROLS, '')
    .replace(/[\r\n\t]+/g, ' ')
    // `[label](target)` is a link in a notification: break the pair apart.
    .replace(/\]\s*\(/g, '] (')
    // `$(name)` is a codicon in status bar items and quick picks.
    .replace(/\$\(/g, `$${ZERO_WIDTH_SPACE}(`);
  return truncate(clean, maxLength);
}

/** Untrusted text inside a Markdown string (tooltips): every Markdown and HTML character escaped. */
export function markdownText(text: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  return plainText(text, maxLength).replace(/[\\`*_{}[\]()#+\-.!|<>~&$]/g, (c) => `\\${c}`);
}

/** At most `maxLength` code points (never half a surrogate pair), the last an ellipsis when cut. */
function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text; // code units >= code points: surely short enough
  const points = Array.from(text.slice(0, maxLength * 2));
  if (points.length <= maxLength && text.length <= maxLength * 2) return text;
  return `${points.slice(0, maxLength - 1).join('')}…`;
}
