// The ICWS Traffic page: a session box, a toolbar with the filter, the timeline table and the
// selected entry's details side by side. Every piece of data is untrusted (server text, caller
// names, loaded files): it reaches the DOM only as text nodes and attribute values, never markup.
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { unpackRows } from '../../traffic/rowCodec';
import type { FromTrafficPage, SessionBox, ToTrafficPage, TrafficStats } from '../../traffic/trafficProtocol';
import { DetailsPane } from './details';
import { el } from './dom';
import { type GridState, TrafficGrid } from './grid';
import './traffic.css';

interface PageState {
  grid?: GridState;
  split?: string;
  /** The selected entry, selected again when the page is rebuilt (it is, each time it is shown). */
  selected?: number;
  /** All the selected entries, selected again with it. */
  selection?: number[];
}
interface VsCodeApi {
  postMessage(message: FromTrafficPage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved: PageState = vscode.getState() ?? {};
const post = (message: FromTrafficPage) => vscode.postMessage(message);
const remember = (change: Partial<PageState>) => vscode.setState(Object.assign(saved, change));

let revealedSessionId = '';
let session: SessionBox | undefined;
let stats: TrafficStats | undefined;
let capacity = 5_000;
/** How many rows are selected (the summary says so when several are). */
let selectedCount = 0;

const grid = new TrafficGrid(
  saved.grid,
  (seq) => {
    remember({ selected: seq });
    post({ type: 'select', seq });
  },
  (state) => remember({ grid: state }),
  () => details.focus(),
  (choices) => post({ type: 'columns', choices }),
  (seqs) => {
    selectedCount = seqs.length;
    remember({ selection: seqs });
    post({ type: 'selection', seqs });
    updateCount();
  },
);
const details = new DetailsPane(post, (seq) => grid.select(seq), () => grid.focus());

const sessionBox = el('div', { id: 'session', role: 'status' }, 'Not connected');
const filter = el('vscode-textfield', { id: 'filter', placeholder: 'Filter: text  -text  method:POST  status:4xx  is:message  id:…', 'aria-label': 'Filter the traffic' }) as VscodeTextfield;
const counter = el('span', { id: 'count', 'aria-live': 'polite' });

function tool(id: string, icon: string, label: string, onClick: () => void): HTMLElement {
  const b = el('vscode-toolbar-button', { id, icon, label, title: label });
  b.addEventListener('click', onClick);
  return b;
}

function setFilter(text: string): void {
  filter.value = text;
  post({ type: 'filter', text });
}

function filterLikeSelected(): void {
  const seq = grid.selectedSeq;
  const row = seq === undefined ? undefined : grid.rowBySeq(seq);
  if (!row) return;
  // A request: the entries about its interaction, else its method and path. A message: its type and subscription.
  const id = row.interactionIds[0];
  if (row.kind === 'call') setFilter(id ? `id:${id}` : `method:${row.method} ${row.path}`);
  else setFilter(`method:${row.method}${row.path ? ` ${row.path}` : ''}`);
}

const split = el('vscode-split-layout', { id: 'split', split: 'vertical', 'initial-handle-position': saved.split ?? '68%', 'min-start': '240px', 'min-end': '240px' });
split.addEventListener('vsc-split-layout-change', (event) => remember({ split: `${(event as CustomEvent<{ positionInPercentage: number }>).detail.positionInPercentage.toFixed(1)}%` }));
// Side by side at full width (the panel area); one above the other when narrow (moved to a sidebar).
new ResizeObserver(([entry]) => {
  const orientation = (entry?.contentRect.width ?? 1000) < 720 ? 'horizontal' : 'vertical';
  if (split.getAttribute('split') !== orientation) split.setAttribute('split', orientation);
}).observe(document.body);
const start = el('div', { slot: 'start', className: 'pane' }, grid.element);
const end = el('div', { slot: 'end', className: 'pane' }, details.element);
split.append(start, end);

document.body.append(
  sessionBox,
  el(
    'div',
    { id: 'bar', role: 'toolbar', 'aria-label': 'Traffic' },
    filter,
    tool('bySelected', 'filter', 'Filter like the selected entry', filterLikeSelected),
    tool('clearFilter', 'clear-all', 'Clear the filter', () => setFilter('')),
    counter,
    el('span', { className: 'spacer' }),
    // The selected entries when several are, else the whole timeline (the extension's dialog says which).
    tool('saveAsTest', 'beaker', 'Save as Test… (the selected requests, or the whole timeline)', () => post({ type: 'saveAsTest' })),
    tool('save', 'save', 'Save as JSON lines…', () => post({ type: 'save', format: 'jsonl' })),
    tool('exportHar', 'export', 'Export HAR…', () => post({ type: 'save', format: 'har' })),
    tool('open', 'folder-opened', 'Open a traffic file or HAR…', () => post({ type: 'open' })),
    tool('clear', 'trash', 'Forget the recorded traffic', () => post({ type: 'clear' })),
  ),
  split,
);

/** 12,345 (as toLocaleString('en-US') writes it, without the tens of milliseconds its first call spends loading the locale). */
const grouped = (count: number) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const plural = (count: number, one: string, many: string) => `${grouped(count)} ${count === 1 ? one : many}`;

/** The summary of the rows shown, drawn with them (same message, same frame). */
function updateCount(): void {
  const { shown, calls, messages } = grid.rowCounts;
  counter.textContent = `${plural(shown, 'entry', 'entries')}${document.body.dataset.filter ? ' match' : ''} (${plural(calls, 'request', 'requests')}, ${plural(messages, 'message', 'messages')})${selectedCount > 1 ? ` · ${selectedCount.toLocaleString('en-US')} selected` : ''}`;
}

function renderSession(): void {
  if (!session?.connected) {
    sessionBox.replaceChildren('Not connected');
    return;
  }
  const s = session;
  const parts: (Node | string)[] = [`${s.user} @ ${s.server} · session `, el('span', { id: 'sid' }, revealedSessionId || '••••••••'), ' '];
  if (!revealedSessionId) {
    const reveal = el('a', { id: 'revealSid', href: '#', title: 'Show the session id' }, 'reveal');
    reveal.addEventListener('click', (event) => {
      event.preventDefault();
      post({ type: 'revealSessionId' });
    });
    parts.push(reveal);
  }
  parts.push(` · ${plural(s.subscriptions.length, 'subscription', 'subscriptions')}`);
  // Since the session began (dropped and cleared entries too), as the rows' summary beside the filter is not.
  if (stats) parts.push(` · in all ${plural(stats.calls, 'request', 'requests')}, ${plural(stats.messages, 'message', 'messages')} · sent ${stats.bytesSent} B · received ${stats.bytesReceived} B`);
  sessionBox.replaceChildren(...parts);
}

window.addEventListener('message', (event: MessageEvent<ToTrafficPage>) => {
  const m = event.data;
  switch (m.type) {
    case 'reset':
      capacity = m.capacity;
      if (filter.value !== m.filter && document.activeElement !== filter) filter.value = m.filter;
      // The filter these rows answer (the box may be ahead of them while the user types).
      document.body.dataset.filter = m.filter;
      grid.emptyText = m.filter ? 'Nothing matches the filter.' : 'No traffic yet. Requests and messages appear here as they happen.';
      stats = m.stats;
      grid.reset(unpackRows(m.rows));
      if (grid.selectedSeq === undefined && saved.selected !== undefined && grid.rowBySeq(saved.selected)) grid.restore(saved.selection ?? [], saved.selected);
      else if (grid.selectedSeq !== undefined && !grid.rowBySeq(grid.selectedSeq)) details.clear();
      updateCount();
      renderSession();
      break;
    case 'append':
      capacity = m.capacity;
      stats = m.stats;
      if (m.rows.count) grid.append(unpackRows(m.rows), capacity);
      updateCount();
      renderSession();
      break;
    case 'columns':
      grid.setColumnChoices(m.choices);
      break;
    case 'details':
      if (m.seq !== grid.selectedSeq) break;
      details.show(m);
      grid.setRelated(m.related.map((r) => r.seq).concat(m.cause ? [m.cause.seq] : []));
      break;
    case 'reveal':
      grid.select(m.seq);
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

let filterTimer: number | undefined;
filter.addEventListener('input', () => {
  // One request per pause in typing, not per key.
  clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => post({ type: 'filter', text: filter.value }), 120);
});
post({ type: 'ready' });
