// A JSON value as a tree of <details>, with an optional search: matching keys and values are
// marked and their branches opened. Values are untrusted: they become text nodes only.
import { el } from './dom';

/** Interaction ids are long digit strings; they link to the interaction in the tree. */
const INTERACTION_ID = /^\d{10,20}$/;

export interface JsonTree {
  node: Node;
  matches: number;
}

export function jsonTree(value: unknown, search = ''): JsonTree {
  const needle = search.trim().toLowerCase();
  const state = { matches: 0 };
  return { node: render(value, 0, needle, state).node, matches: state.matches };
}

interface Rendered {
  node: Node;
  /** Whether a match is at or below this node (its branch opens). */
  hit: boolean;
}

function render(value: unknown, depth: number, needle: string, state: { matches: number }): Rendered {
  if (value === null || typeof value !== 'object') {
    const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
    const hit = marked(text, needle, state);
    if (typeof value === 'string' && INTERACTION_ID.test(value)) {
      const link = el('a', { className: 'id', title: 'Show in the Interactions view', href: '#' }, ...hit.parts);
      link.dataset.id = value;
      return { node: link, hit: hit.found };
    }
    return { node: el('span', { className: typeof value === 'string' ? 'str' : 'num' }, ...hit.parts), hit: hit.found };
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  if (!entries.length) return { node: document.createTextNode(Array.isArray(value) ? '[]' : '{}'), hit: false };
  const node = el('details', {}, el('summary', {}, Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`));
  let hit = false;
  for (const [key, item] of entries) {
    const label = marked(key, needle, state);
    const child = render(item, depth + 1, needle, state);
    hit ||= label.found || child.hit;
    node.append(el('div', {}, el('span', { className: 'key' }, ...label.parts), ': ', child.node));
  }
  node.open = needle ? hit : depth < 3;
  return { node, hit };
}

/** The text with each case-insensitive occurrence of the needle in a <mark>. */
function marked(text: string, needle: string, state: { matches: number }): { parts: (Node | string)[]; found: boolean } {
  if (!needle) return { parts: [text], found: false };
  const lower = text.toLowerCase();
  const parts: (Node | string)[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
    parts.push(text.slice(from, at), el('mark', {}, text.slice(at, at + needle.length)));
    from = at + needle.length;
    state.matches++;
  }
  parts.push(text.slice(from));
  return { parts, found: parts.length > 1 };
}
