// The detail of the selected entry, in tabs as in a browser's Network panel: Headers, Request,
// Response (collapsible JSON with a search), Timing (got's phases as a waterfall) and Related
// (the messages a request caused, the request behind a message). Untrusted data is text only.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeTabs } from '@vscode-elements/elements/dist/vscode-tabs/vscode-tabs.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import type { HttpExchange } from '../../../icws/httpTypes';
import type { EntryDetails, FromTrafficPage, TrafficRow } from '../../traffic/trafficProtocol';
import { clock, el } from './dom';
import { jsonTree } from './jsonTree';
import { waterfall } from './waterfall';

type Post = (message: FromTrafficPage) => void;

function button(label: string, icon: string, action: string, title: string, primary = false): HTMLElement {
  const b = el('vscode-button', { icon, title, 'data-action': action }, label);
  if (!primary) b.setAttribute('secondary', '');
  return b;
}

/** Name / value pairs as a two-column list. */
function pairs(title: string, values: [string, string][]): Node {
  return el('section', { className: 'pairs' }, el('h4', {}, title), ...(values.length ? values.map(([name, value]) => el('div', { className: 'pair' }, el('span', { className: 'name' }, name), el('span', { className: 'value' }, value))) : [el('div', { className: 'empty' }, 'None')]));
}

/** A JSON body with its own search box: matches are marked and their branches opened. */
function searchableJson(value: unknown, label: string): Node {
  if (value === undefined) return el('div', { className: 'empty' }, `No ${label}.`);
  const field = el('vscode-textfield', { placeholder: `Search in the ${label}`, 'aria-label': `Search in the ${label}`, className: 'json-search' }) as VscodeTextfield;
  const count = el('span', { className: 'matches', 'aria-live': 'polite' });
  const holder = el('div', { className: 'json' });
  const draw = () => {
    const tree = jsonTree(value, field.value);
    holder.replaceChildren(tree.node);
    count.textContent = field.value.trim() ? `${tree.matches} ${tree.matches === 1 ? 'match' : 'matches'}` : '';
  };
  field.addEventListener('input', draw);
  draw();
  return el('div', { className: 'searchable' }, el('div', { className: 'search-bar' }, field, count), holder);
}

function relatedList(title: string, rows: TrafficRow[], none: string): Node {
  if (!rows.length) return el('div', { className: 'empty' }, none);
  const items = rows.map((row) => {
    const item = el('li', {}, el('a', { href: '#', className: 'related-link' }, `${clock(row.time)} ${row.kind === 'call' ? `${row.method} ${row.path} ${row.status || 'failed'}` : `${row.method}${row.path ? ` · ${row.path}` : ''}`}`), row.interactionIds.length ? el('span', { className: 'ids' }, ` ${row.interactionIds.join(', ')}`) : '');
    item.dataset.seq = String(row.seq);
    return item;
  });
  return el('section', {}, el('h4', {}, title), el('ul', { className: 'related-list' }, ...items));
}

function tabs(names: string[], panels: Node[], selected: number): VscodeTabs {
  const element = el('vscode-tabs', { 'selected-index': String(Math.min(selected, names.length - 1)) }) as VscodeTabs;
  names.forEach((name, index) => {
    // Named by data attributes: the tabs component gives headers and panels ids of its own.
    const header = el('vscode-tab-header', { slot: 'header', 'data-tab': name.toLowerCase() }, name);
    element.append(header, el('vscode-tab-panel', { 'data-panel': name.toLowerCase() }, panels[index]!));
  });
  return element;
}

export class DetailsPane {
  readonly element = el('div', { id: 'details', role: 'region', 'aria-label': 'Selected entry' }, el('div', { className: 'empty' }, 'Select a request or a message to see it here.'));
  /** The tab shown last, kept across selections (as DevTools does). */
  private tabName = 'Headers';
  private seq?: number;

  constructor(
    private readonly post: Post,
    private readonly selectRow: (seq: number) => void,
    private readonly backToTable: () => void,
  ) {
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.backToTable();
    });
  }

  /** Focuses the selected tab's header (Enter in the table). */
  focus(): void {
    const header = this.element.querySelector<HTMLElement>('vscode-tab-header[active]') ?? this.element.querySelector<HTMLElement>('vscode-tab-header');
    header?.focus();
  }

  show(details: EntryDetails): void {
    this.seq = details.seq;
    const { entry } = details;
    const actions = el('div', { className: 'actions' });
    let names: string[];
    let panels: Node[];
    let title: string;
    let heading: (Node | string)[];
    if (entry.kind === 'call') {
      const x = entry.exchange;
      title = `${x.method} ${x.url}`;
      // What tells it apart first (its Name in the table), then the method and the whole URL, which may be cut.
      heading = [el('span', { className: 'detail-name' }, details.name), ` ${x.method} ${x.status ?? 'failed'} `, el('span', { className: 'detail-url' }, x.url)];
      if (details.canReplay) actions.append(button('Replay', 'debug-restart', 'replay', x.method === 'GET' ? 'Send this request again with the current session' : 'Send this request again with the current session (asks first: it changes state)', true));
      actions.append(button('Copy as curl', 'terminal', 'copy-curl', 'Copy as a curl command (secrets as variables)'), button('Copy as fetch', 'code', 'copy-fetch', 'Copy as JavaScript fetch (secrets as variables)'), button('Copy JSON', 'json', 'copy-json', 'Copy the whole exchange as JSON'));
      actions.append(button('Open in Notebook', 'notebook', 'to-notebook', 'Open this request in a new ICWS notebook, to change it and send it from there'));
      if (details.hasDocs) actions.append(button('Documentation', 'book', 'docs', 'Open this operation on the ICWS documentation site'));
      names = ['Headers', 'Request', 'Response', 'Timing', 'Related'];
      panels = [this.headersOf(x), searchableJson(x.requestBody, 'request body'), searchableJson(x.responseBody, 'response body'), waterfall(x.phases, x.durationMs), relatedList('Messages that followed about the same interactions', details.related, 'No messages about this request’s interactions followed it.')];
    } else {
      title = `${entry.type}${entry.subscriptionId ? ` · ${entry.subscriptionId}` : ''} · ${entry.bytes} bytes`;
      heading = [el('span', { className: 'detail-name' }, entry.type), ` ${entry.subscriptionId ? `· ${entry.subscriptionId} ` : ''}· ${entry.bytes} bytes`];
      actions.append(button('Copy JSON', 'json', 'copy-json', 'Copy the message as JSON'));
      names = ['Message', 'Related'];
      panels = [searchableJson(entry.message, 'message'), relatedList('The request that caused it', details.cause ? [details.cause] : [], 'No request shortly before it changed these interactions (the server or another client did).')];
    }
    const selected = Math.max(0, names.indexOf(this.tabName));
    const tabbed = tabs(names, panels, selected);
    tabbed.addEventListener('vsc-tabs-select', (event) => (this.tabName = names[event.detail.selectedIndex] ?? this.tabName));
    // Details that arrive while the focus is in the pane (the table moved on meanwhile) keep it there.
    const hadFocus = this.element.contains(document.activeElement);
    this.element.replaceChildren(el('div', { className: 'detail-title', title }, ...heading), actions, tabbed);
    if (hadFocus) this.focus();
  }

  clear(): void {
    this.seq = undefined;
    this.element.replaceChildren(el('div', { className: 'empty' }, 'Select a request or a message to see it here.'));
  }

  private headersOf(x: HttpExchange): Node {
    const general: [string, string][] = [
      ['Request URL', x.url],
      ['Method', x.method],
      ['Status', x.status !== undefined ? String(x.status) : `no answer: ${x.error ?? ''}`],
      ['Operation', x.operation],
      ['Template', x.template],
      ['Started', new Date(x.startedAt).toISOString()],
      // The table's Duration; the Timing tab's "got total" ends at the last byte, before the body was read.
      ['Duration (until the body was read)', `${x.durationMs.toFixed(1)} ms`],
      ...(x.phases?.total === undefined ? [] : [['Total as got timed it (to the last byte)', `${x.phases.total.toFixed(1)} ms`] as [string, string]]),
      ['Sent / received', `${x.requestBytes} B / ${x.responseBytes} B`],
    ];
    return el('div', {}, pairs('General', general), pairs('Request headers (secrets redacted)', Object.entries(x.requestHeaders)), pairs('Response headers', Object.entries(x.responseHeaders ?? {})));
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const link = target.closest<HTMLElement>('a.id');
    if (link?.dataset.id) {
      event.preventDefault();
      this.post({ type: 'reveal', interactionId: link.dataset.id });
      return;
    }
    const related = target.closest<HTMLElement>('.related-list li');
    if (related?.dataset.seq) {
      event.preventDefault();
      this.selectRow(Number(related.dataset.seq));
      return;
    }
    const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
    const seq = this.seq;
    if (!action || seq === undefined) return;
    if (action === 'replay') this.post({ type: 'replay', seq });
    else if (action === 'docs') this.post({ type: 'openDocs', seq });
    else if (action === 'to-notebook') this.post({ type: 'toNotebook', seq });
    else if (action === 'copy-curl') this.post({ type: 'copy', seq, as: 'curl' });
    else if (action === 'copy-fetch') this.post({ type: 'copy', seq, as: 'fetch' });
    else if (action === 'copy-json') this.post({ type: 'copy', seq, as: 'json' });
  }
}
