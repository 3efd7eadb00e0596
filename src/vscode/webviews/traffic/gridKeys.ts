// What a key does in the Traffic table, as in VS Code's lists and DevTools: arrows, pages, Home and
// End move the focus (and select that row alone); Shift+Up/Down extend the selection; Ctrl/Cmd+A
// selects every shown row; Escape keeps only the focused one; Enter goes into the details; the
// context-menu key opens the column chooser. Pure: the table does what it says.

export type GridKeyAction =
  | { kind: 'columnMenu' }
  | { kind: 'details' }
  | { kind: 'focus'; index: number }
  | { kind: 'extend'; step: 1 | -1 }
  | { kind: 'selectAll' }
  | { kind: 'keepFocused' };

export interface GridKeyState {
  /** The focused row's index among the shown rows (-1: none). */
  index: number;
  length: number;
  /** Rows a page key moves. */
  page: number;
  selectedCount: number;
}

/** What of a keydown event matters here. */
interface Key {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function gridKeyAction(event: Key, { index, length, page, selectedCount }: GridKeyState): GridKeyAction | undefined {
  const { key } = event;
  if (key === 'ContextMenu' || (key === 'F10' && event.shiftKey)) return { kind: 'columnMenu' };
  if (!length) return undefined;
  if (event.shiftKey && (key === 'ArrowDown' || key === 'ArrowUp')) return { kind: 'extend', step: key === 'ArrowDown' ? 1 : -1 };
  if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === 'a') return { kind: 'selectAll' };
  if (key === 'Escape') return selectedCount > 1 ? { kind: 'keepFocused' } : undefined;
  const last = length - 1;
  if (key === 'ArrowDown') return { kind: 'focus', index: Math.min(last, index + 1) };
  if (key === 'ArrowUp') return { kind: 'focus', index: Math.max(0, index < 0 ? last : index - 1) };
  if (key === 'PageDown') return { kind: 'focus', index: Math.min(last, index + page) };
  if (key === 'PageUp') return { kind: 'focus', index: Math.max(0, index - page) };
  if (key === 'Home') return { kind: 'focus', index: 0 };
  if (key === 'End') return { kind: 'focus', index: last };
  if (key === 'Enter' && index >= 0) return { kind: 'details' };
  return undefined;
}
