// The timeline table: sortable, resizable columns, keyboard navigation, and virtualised rows, so
// 100 rows or 100,000 cost the same to draw. It follows the ARIA grid pattern: the grid keeps the
// focus and names the selected row as its active descendant. Cells are text nodes only.
//
// (@vscode-elements' table draws every row as a component; for a live timeline of 100,000 rows it
// is the drawing of only the visible rows that keeps a frame short, so the table is ours, styled
// with the same theme colours.)
import type { TrafficRow } from '../../traffic/trafficProtocol';
import { clock, el } from './dom';

export const ROW_HEIGHT = 22;
/** The least the path column is given when the others take the width. */
const MIN_FLEXIBLE_WIDTH = 120;
const MARGIN_ROWS = 8;

export interface Column {
  id: string;
  title: string;
  /** Default width in px; 0 takes the space left. */
  width: number;
  text(row: TrafficRow): string;
  compare(a: TrafficRow, b: TrafficRow): number;
  align?: 'end';
}

const byNumber = (value: (row: TrafficRow) => number) => (a: TrafficRow, b: TrafficRow) => value(a) - value(b) || a.seq - b.seq;
const byText = (value: (row: TrafficRow) => string) => (a: TrafficRow, b: TrafficRow) => value(a).localeCompare(value(b)) || a.seq - b.seq;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

export const COLUMNS: Column[] = [
  { id: 'time', title: 'Time', width: 104, text: (r) => clock(r.time), compare: byNumber((r) => r.seq) },
  { id: 'kind', title: 'Kind', width: 64, text: (r) => (r.kind === 'call' ? 'request' : 'message'), compare: byText((r) => r.kind) },
  { id: 'method', title: 'Method / type', width: 150, text: (r) => r.method, compare: byText((r) => r.method) },
  { id: 'path', title: 'Path / subscription', width: 0, text: (r) => r.path, compare: byText((r) => r.path) },
  { id: 'status', title: 'Status', width: 56, text: (r) => (r.kind === 'message' ? '' : r.status ? String(r.status) : 'failed'), compare: byNumber((r) => r.status ?? -1), align: 'end' },
  { id: 'duration', title: 'Duration', width: 78, text: (r) => (r.durationMs === undefined ? '' : `${r.durationMs < 10 ? r.durationMs.toFixed(1) : Math.round(r.durationMs)} ms`), compare: byNumber((r) => r.durationMs ?? -1), align: 'end' },
  { id: 'size', title: 'Size', width: 64, text: (r) => size(r.bytes), compare: byNumber((r) => r.bytes), align: 'end' },
  { id: 'interaction', title: 'Interaction', width: 120, text: (r) => (r.interactionIds.length > 1 ? `${r.interactionIds[0]} +${r.interactionIds.length - 1}` : (r.interactionIds[0] ?? '')), compare: byText((r) => r.interactionIds[0] ?? '') },
];

export interface GridState {
  widths: number[];
  sort?: { column: string; descending: boolean };
}

export class TrafficGrid {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private readonly emptyNote: HTMLElement;
  /** In arrival (seq) order. */
  private rows: TrafficRow[] = [];
  /** What is shown: `rows`, or a sorted copy. */
  private view: TrafficRow[] = [];
  private widths: number[];
  private sort?: { column: string; descending: boolean };
  private selected?: number;
  private related = new Set<number>();
  private follow = true;
  private frame = 0;
  emptyText = 'No traffic yet. Calls and messages appear here as they happen.';

  constructor(
    state: GridState | undefined,
    private readonly onSelect: (seq: number) => void,
    private readonly onStateChange: (state: GridState) => void,
    private readonly onEnter: () => void,
  ) {
    this.widths = state?.widths?.length === COLUMNS.length ? state.widths : COLUMNS.map((c) => c.width);
    this.sort = state?.sort && COLUMNS.some((c) => c.id === state.sort!.column) ? state.sort : undefined;
    this.header = el('div', { className: 'grid-header', role: 'row', 'aria-rowindex': '1' });
    this.body = el('div', { className: 'grid-body', role: 'rowgroup' });
    this.emptyNote = el('div', { className: 'empty grid-empty' });
    this.element = el('div', { id: 'grid', role: 'grid', tabindex: '0', 'aria-label': 'ICWS traffic', 'aria-multiselectable': 'false' }, el('div', { role: 'rowgroup', className: 'grid-head' }, this.header), this.body, this.emptyNote);
    this.drawHeader();
    this.applyWidths();
    this.element.addEventListener('scroll', () => {
      this.follow = this.isFollowing();
      this.schedule();
    });
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => {
      this.applyWidths();
      this.schedule();
    }).observe(this.element);
  }

  get rowCount(): number {
    return this.view.length;
  }

  get selectedSeq(): number | undefined {
    return this.selected;
  }

  rowBySeq(seq: number): TrafficRow | undefined {
    return this.rows.find((r) => r.seq === seq);
  }

  reset(rows: TrafficRow[]): void {
    this.rows = rows;
    this.resort();
    this.follow = this.follow || !this.sort;
    this.schedule();
  }

  /** New rows at the end; the oldest go when there are more than `capacity`. */
  append(rows: TrafficRow[], capacity: number): void {
    this.rows.push(...rows);
    const over = this.rows.length - capacity;
    if (over > 0) this.rows.splice(0, over);
    if (!this.sort) this.view = this.rows;
    else if (over > 0) this.resort();
    else this.view = merge(this.view, [...rows].sort(this.comparator()), this.comparator());
    this.schedule();
  }

  select(seq: number, scroll = true): void {
    this.selected = seq;
    if (scroll) this.scrollTo(seq);
    this.schedule();
    this.onSelect(seq);
  }

  /** Rows to highlight as related to the selected one. */
  setRelated(seqs: number[]): void {
    this.related = new Set(seqs);
    this.schedule();
  }

  focus(): void {
    this.element.focus();
  }

  scrollTo(seq: number): void {
    const index = this.view.findIndex((r) => r.seq === seq);
    if (index < 0) return;
    const top = index * ROW_HEIGHT;
    const visible = this.element.clientHeight - this.header.offsetHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT > this.element.scrollTop + visible) this.element.scrollTop = top + ROW_HEIGHT - visible;
    this.follow = this.isFollowing();
  }

  private isFollowing(): boolean {
    return !this.sort && this.element.scrollTop + this.element.clientHeight >= this.element.scrollHeight - ROW_HEIGHT;
  }

  /** One draw per animation frame, however many rows arrive in it. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    this.body.style.height = `${this.view.length * ROW_HEIGHT}px`;
    this.element.setAttribute('aria-rowcount', String(this.view.length + 1));
    if (this.follow && !this.sort) this.element.scrollTop = this.element.scrollHeight;
    this.emptyNote.textContent = this.view.length ? '' : this.emptyText;
    this.emptyNote.hidden = this.view.length > 0;
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - MARGIN_ROWS);
    const last = Math.min(this.view.length, first + Math.ceil(this.element.clientHeight / ROW_HEIGHT) + 2 * MARGIN_ROWS);
    const drawn: HTMLElement[] = [];
    let active = '';
    for (let i = first; i < last; i++) {
      const row = this.view[i]!;
      const id = `row-${row.seq}`;
      const classes = ['grid-row', row.kind];
      if (row.kind === 'call' && (row.status === 0 || (row.status ?? 0) >= 400)) classes.push('error');
      if (row.seq === this.selected) {
        classes.push('selected');
        active = id;
      }
      if (this.related.has(row.seq)) classes.push('related');
      const line = el('div', { id, className: classes.join(' '), role: 'row', 'aria-rowindex': String(i + 2), 'aria-selected': String(row.seq === this.selected) });
      line.dataset.seq = String(row.seq);
      // Positioned from script: the page's CSP allows no inline style attributes.
      line.style.top = `${i * ROW_HEIGHT}px`;
      for (const column of COLUMNS) {
        const text = column.text(row);
        // The whole text on hover, for a cell its column cuts short.
        line.append(el('div', { className: `cell ${column.id}${column.align ? ' end' : ''}`, role: 'gridcell', title: text }, text));
      }
      drawn.push(line);
    }
    this.body.replaceChildren(...drawn);
    if (active) this.element.setAttribute('aria-activedescendant', active);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private drawHeader(): void {
    const cells = COLUMNS.map((column, index) => {
      // With no sort the rows are in arrival order: time ascending.
      const sort = this.sort ?? (column.id === 'time' ? { column: 'time', descending: false } : undefined);
      const sorted = sort?.column === column.id;
      const cell = el('div', { className: `cell head ${column.id}${column.align ? ' end' : ''}`, role: 'columnheader', 'aria-sort': sorted ? (sort!.descending ? 'descending' : 'ascending') : 'none', title: `Sort by ${column.title.toLowerCase()}` }, el('span', { className: 'title' }, column.title), el('span', { className: 'arrow' }, sorted ? (sort!.descending ? ' ▼' : ' ▲') : ''));
      cell.dataset.column = column.id;
      const grip = el('div', { className: 'resizer', role: 'separator', 'aria-orientation': 'vertical', 'aria-label': `Resize ${column.title}`, title: 'Drag to resize; double-click to reset' });
      grip.addEventListener('pointerdown', (event) => this.startResize(event, index, cell));
      grip.addEventListener('dblclick', (event) => {
        event.stopPropagation();
        this.widths[index] = COLUMNS[index]!.width;
        this.applyWidths();
        this.saveState();
      });
      cell.append(grip);
      return cell;
    });
    this.header.replaceChildren(...cells);
  }

  private startResize(event: PointerEvent, index: number, cell: HTMLElement): void {
    event.preventDefault();
    event.stopPropagation();
    const grip = event.currentTarget as HTMLElement;
    grip.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const startWidth = cell.getBoundingClientRect().width;
    const move = (e: PointerEvent) => {
      this.widths[index] = Math.max(40, Math.round(startWidth + e.clientX - startX));
      this.applyWidths();
    };
    const end = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', end);
      this.saveState();
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', end);
  }

  /**
   * One set of column widths in px for the header and every row (each row is its own grid, so a
   * `1fr` column would size to each row's content). The path column takes what the others leave.
   */
  private applyWidths(): void {
    const fixed = this.widths.reduce((sum, width) => sum + width, 0);
    const rest = Math.max(MIN_FLEXIBLE_WIDTH, this.element.clientWidth - fixed);
    const widths = this.widths.map((width) => width || rest);
    this.element.style.setProperty('--columns', widths.map((width) => `${width}px`).join(' '));
    this.element.style.setProperty('--row-width', `${widths.reduce((sum, width) => sum + width, 0)}px`);
  }

  private toggleSort(columnId: string): void {
    // Arrival order is time ascending, so Time toggles between it and newest first.
    if (columnId === 'time') this.sort = this.sort?.column === 'time' ? undefined : { column: 'time', descending: true };
    else if (this.sort?.column !== columnId) this.sort = { column: columnId, descending: false };
    else if (!this.sort.descending) this.sort = { column: columnId, descending: true };
    else this.sort = undefined; // third click: back to arrival order
    this.resort();
    this.drawHeader();
    this.saveState();
    if (this.selected !== undefined) this.scrollTo(this.selected);
    this.schedule();
  }

  private comparator(): (a: TrafficRow, b: TrafficRow) => number {
    const column = COLUMNS.find((c) => c.id === this.sort?.column);
    if (!column) return (a, b) => a.seq - b.seq;
    return this.sort!.descending ? (a, b) => column.compare(b, a) : column.compare;
  }

  private resort(): void {
    this.view = this.sort ? [...this.rows].sort(this.comparator()) : this.rows;
  }

  private saveState(): void {
    this.onStateChange({ widths: [...this.widths], sort: this.sort });
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const head = target.closest<HTMLElement>('.cell.head');
    if (head?.dataset.column && !target.closest('.resizer')) {
      this.toggleSort(head.dataset.column);
      return;
    }
    const row = target.closest<HTMLElement>('.grid-row');
    if (row?.dataset.seq) {
      this.element.focus();
      this.select(Number(row.dataset.seq), false);
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.view.length) return;
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 1);
    let index = this.view.findIndex((r) => r.seq === this.selected);
    if (event.key === 'ArrowDown') index = Math.min(this.view.length - 1, index + 1);
    else if (event.key === 'ArrowUp') index = Math.max(0, index < 0 ? this.view.length - 1 : index - 1);
    else if (event.key === 'PageDown') index = Math.min(this.view.length - 1, index + page);
    else if (event.key === 'PageUp') index = Math.max(0, index - page);
    else if (event.key === 'Home') index = 0;
    else if (event.key === 'End') index = this.view.length - 1;
    else if (event.key === 'Enter' && index >= 0) {
      // Into the details, as DevTools does: the selected tab's header takes the focus.
      event.preventDefault();
      this.onEnter();
      return;
    } else return;
    event.preventDefault();
    this.select(this.view[index]!.seq);
  }
}

/** Two sorted lists as one (appending to a sorted view costs O(n), not a sort). */
function merge(sorted: TrafficRow[], more: TrafficRow[], compare: (a: TrafficRow, b: TrafficRow) => number): TrafficRow[] {
  const out: TrafficRow[] = new Array(sorted.length + more.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < sorted.length && j < more.length) out[k++] = compare(sorted[i]!, more[j]!) <= 0 ? sorted[i++]! : more[j++]!;
  while (i < sorted.length) out[k++] = sorted[i++]!;
  while (j < more.length) out[k++] = more[j++]!;
  return out;
}
