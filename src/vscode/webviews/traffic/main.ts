// The ICWS Traffic page: a virtualised, keyboard-navigable timeline, a filter box, details with
// collapsible JSON, and a session box. Every piece of data is untrusted (server text, caller
// names, loaded files): it reaches the DOM only as text nodes and attribute values, never markup.
import type { TrafficEntry } from '../../../icws';
import type { FromTrafficPage, SessionBox, ToTrafficPage, TrafficRow } from '../../traffic/trafficProtocol';
import { el } from './dom';
import './traffic.css';

interface VsCodeApi {
  postMessage(message: FromTrafficPage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const ROW_HEIGHT = 20;
const INTERACTION_ID = /^\d{10,20}$/;

let rows: TrafficRow[] = [];
let capacity = 5_000;
let selected: number | undefined;
let follow = true;
let revealedSessionId = '';
let session: SessionBox | undefined;

const sessionBox = el('div', { id: 'session' }, 'Not connected');
const filter = el('input', { id: 'filter', type: 'text', placeholder: 'Filter (text in a call or message)', 'aria-label': 'Filter the traffic' });
const spacer = el('div', { id: 'spacer' });
const list = el('div', { id: 'list', tabindex: '0', role: 'listbox', 'aria-label': 'ICWS traffic' }, spacer);
const details = el('div', { id: 'details' }, el('div', { className: 'empty' }, 'Select a call or a message to see it here.'));

function button(id: string, label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { id, title }, label);
  b.addEventListener('click', onClick);
  return b;
}

document.body.append(
  sessionBox,
  el(
    'div',
    { id: 'bar' },
    filter,
    button('bySelected', 'Like selected', 'Filter by the selected entry', filterLikeSelected),
    button('clearFilter', 'Clear filter', 'Clear the filter', () => setFilter('')),
    button('save', 'Save…', 'Save the timeline as JSON lines', () => vscode.postMessage({ type: 'save' })),
    button('open', 'Open…', 'Open a saved timeline', () => vscode.postMessage({ type: 'open' })),
    button('clear', 'Clear', 'Forget the recorded traffic', () => vscode.postMessage({ type: 'clear' })),
  ),
  list,
  details,
);

function time(t: number): string {
  const d = new Date(t);
  return `${d.toTimeString().slice(0, 8)}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function setFilter(text: string): void {
  filter.value = text;
  vscode.postMessage({ type: 'filter', text });
}

function filterLikeSelected(): void {
  const row = rows.find((r) => r.seq === selected);
  if (row) setFilter(row.kind === 'message' ? (row.group ?? '').trim() : row.summary.split(' ').slice(0, 2).join(' '));
}

function layout(): void {
  spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
  if (follow) list.scrollTop = list.scrollHeight;
  render();
}

/** Draws only the rows in view (plus a margin): 100 rows or 100,000 cost the same. */
function render(): void {
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - 5);
  const last = Math.min(rows.length, first + Math.ceil(list.clientHeight / ROW_HEIGHT) + 10);
  const chosen = rows.find((r) => r.seq === selected);
  if (!rows.length) {
    spacer.replaceChildren(el('div', { className: 'empty' }, filter.value ? 'Nothing matches the filter.' : 'No traffic yet. Calls and messages appear here as they happen.'));
    return;
  }
  const drawn: HTMLElement[] = [];
  for (let i = first; i < last; i++) {
    const r = rows[i]!;
    const row = el('div', { className: 'row', role: 'option', 'aria-selected': String(r.seq === selected) });
    if (r.kind === 'call' && (r.status === 0 || (r.status ?? 0) >= 300)) row.classList.add('error');
    if (chosen?.kind === 'message' && r.kind === 'message' && r.group === chosen.group && r.seq !== chosen.seq) row.classList.add('sibling');
    if (r.seq === selected) row.classList.add('selected');
    row.dataset.seq = String(r.seq);
    // Positioned from script: the page's CSP allows no inline style attributes.
    row.style.top = `${i * ROW_HEIGHT}px`;
    row.append(el('span', { className: 'time' }, time(r.time)));
    if (r.kind === 'message') {
      row.append(`✉ ${r.summary.split(' ')[0] ?? ''} `);
      if (r.subscriptionId) row.append(el('span', { className: 'sub' }, r.subscriptionId));
    } else {
      row.append(el('span', { className: 'summary' }, `⇄ ${r.summary}`));
    }
    drawn.push(row);
  }
  spacer.replaceChildren(...drawn);
}

function select(seq: number): void {
  selected = seq;
  render();
  vscode.postMessage({ type: 'select', seq });
}

/** A JSON value as a tree of <details>; ten-digit strings link to the interaction. */
function jsonTree(value: unknown, depth: number): Node {
  if (value === null || typeof value !== 'object') {
    const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
    if (typeof value === 'string' && INTERACTION_ID.test(value)) {
      const link = el('a', { className: 'id', title: 'Show in the Interactions view', href: '#' }, text);
      link.dataset.id = value;
      return link;
    }
    return el('span', { className: 'str' }, text);
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (!entries.length) return document.createTextNode(Array.isArray(value) ? '[]' : '{}');
  const node = el('details', {}, el('summary', {}, Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`));
  node.open = depth < 3;
  for (const [key, item] of entries) node.append(el('div', {}, el('span', { className: 'key' }, key), ': ', jsonTree(item, depth + 1)));
  return node;
}

function section(title: string, ...content: (Node | string)[]): Node[] {
  return [el('h4', {}, title), ...content.map((c) => (typeof c === 'string' ? el('div', {}, c) : c))];
}

function showDetails(message: Extract<ToTrafficPage, { type: 'details' }>): void {
  const entry: TrafficEntry = message.entry;
  const actions = el('div', {}, el('button', { 'data-action': 'copyJson' }, 'Copy JSON'));
  if (message.curl) actions.append(' ', el('button', { 'data-action': 'copyCurl' }, 'Copy as curl'));
  const parts: Node[] = [actions];
  if (entry.kind === 'call') {
    const x = entry.exchange;
    parts.push(...section('Request', `${x.method} ${x.url}`, `template ${x.template}`, `${x.operation} · ${x.requestBytes} bytes`));
    parts.push(...section('Request headers', jsonTree(x.requestHeaders, 0)));
    if (x.requestBody !== undefined) parts.push(...section('Request body', jsonTree(x.requestBody, 0)));
    parts.push(...section('Response', `${x.status !== undefined ? `HTTP ${x.status}` : `no answer: ${x.error ?? ''}`} · ${Math.round(x.durationMs)} ms · ${x.responseBytes} bytes`));
    if (message.timing) parts.push(el('h4', {}, 'Timing'), el('div', { className: 'timing' }, message.timing));
    if (x.responseHeaders) parts.push(...section('Response headers', jsonTree(x.responseHeaders, 0)));
    if (x.responseBody !== undefined) parts.push(...section('Response body', jsonTree(x.responseBody, 0)));
  } else {
    parts.push(el('h4', {}, `${entry.type}${entry.subscriptionId ? ` · ${entry.subscriptionId}` : ''} · ${entry.bytes} bytes`), jsonTree(entry.message, 0));
  }
  details.replaceChildren(...parts);
}

function renderSession(): void {
  if (!session?.connected) {
    sessionBox.replaceChildren('Not connected');
    return;
  }
  const s = session;
  const parts: (Node | string)[] = [`${s.user} @ ${s.server} · session `, el('span', { id: 'sid' }, revealedSessionId || '••••••••'), ' '];
  if (!revealedSessionId) parts.push(button('revealSid', 'Reveal', 'Show the session id', () => vscode.postMessage({ type: 'revealSessionId' })));
  parts.push(` · ${s.stats.calls} calls · ${s.stats.messages} messages · ${s.subscriptions.length} subscriptions · sent ${s.stats.bytesSent} B · received ${s.stats.bytesReceived} B`);
  sessionBox.replaceChildren(...parts);
}

window.addEventListener('message', (event: MessageEvent<ToTrafficPage>) => {
  const m = event.data;
  switch (m.type) {
    case 'reset':
      rows = m.rows;
      capacity = m.capacity;
      if (filter.value !== m.filter && document.activeElement !== filter) filter.value = m.filter;
      // The filter these rows answer (the box may be ahead of them while the user types).
      document.body.dataset.filter = m.filter;
      layout();
      break;
    case 'append':
      capacity = m.capacity;
      rows = rows.concat(m.rows);
      // The page keeps no more than the recorder does.
      if (rows.length > capacity) rows = rows.slice(rows.length - capacity);
      layout();
      break;
    case 'details':
      if (m.seq === selected) showDetails(m);
      break;
    case 'session':
      session = m;
      if (!m.connected) revealedSessionId = '';
      renderSession();
      break;
    case 'sessionId':
      revealedSessionId = m.value;
      renderSession();
      break;
  }
});

list.addEventListener('scroll', () => {
  follow = list.scrollTop + list.clientHeight >= list.scrollHeight - ROW_HEIGHT;
  render();
});
list.addEventListener('click', (event) => {
  const row = (event.target as Element).closest<HTMLElement>('.row');
  if (!row) return;
  list.focus();
  select(Number(row.dataset.seq));
});
list.addEventListener('keydown', (event) => {
  if (!rows.length) return;
  let index = rows.findIndex((r) => r.seq === selected);
  if (event.key === 'ArrowDown') index = Math.min(rows.length - 1, index + 1);
  else if (event.key === 'ArrowUp') index = Math.max(0, index - 1);
  else if (event.key === 'Home') index = 0;
  else if (event.key === 'End') index = rows.length - 1;
  else return;
  event.preventDefault();
  select(rows[index]!.seq);
  const top = index * ROW_HEIGHT;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
});
details.addEventListener('click', (event) => {
  const target = event.target as Element;
  const link = target.closest<HTMLElement>('a.id');
  if (link?.dataset.id) {
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', interactionId: link.dataset.id });
  }
  const action = target.closest<HTMLElement>('button[data-action]')?.dataset.action;
  if ((action === 'copyJson' || action === 'copyCurl') && selected !== undefined) vscode.postMessage({ type: action, seq: selected });
});
let filterTimer: number | undefined;
filter.addEventListener('input', () => {
  // One request per pause in typing, not per key.
  clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => vscode.postMessage({ type: 'filter', text: filter.value }), 120);
});
new ResizeObserver(render).observe(list);
vscode.postMessage({ type: 'ready' });
