// The timeline table: sortable, resizable columns, keyboard navigation, and virtualised rows, so
// 100 rows or 100,000 cost the same to draw. It follows the ARIA grid pattern: the grid keeps the
// focus and names the focused row as its active descendant; several rows may be selected
// (selection.ts). Cells are text nodes only.
//
// (@vscode-elements' table draws every row as a component; for a live timeline of 100,000 rows it
// is the drawing of only the visible rows that keeps a frame short, so the table is ours, styled
// with the same theme colours.)
import type { TrafficRow } from '../../traffic/trafficProtocol';
import { ColumnMenu } from './columnMenu';
import { type Column, type ColumnChoices, COLUMNS, isShown, type RowFacts } from './columns';
import { el } from './dom';
import { gridKeyAction } from './gridKeys';
import { keepPageTextUnselected } from './gridTextSelection';
import { ROW_HEIGHT, RowPool } from './rowPool';
import { comparatorFor, merge } from './rowOrder';
import { RowSelection } from './selection';

export { ROW_HEIGHT };

/** The least the path column is given when the others take the width. */
const MIN_FLEXIBLE_WIDTH = 120;
const MARGIN_ROWS = 8;

export interface GridState {
  widths: number[];
  sort?: { column: string; descending: boolean };
  /** The person's column choices (also kept by the extension: see main.ts). */
  columns?: ColumnChoices;
}

/** What the table tells the page about its rows, to keep the summary in step with them. */
export interface RowCounts {
  shown: number;
  calls: number;
  messages: number;
}

export class TrafficGrid {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private readonly emptyNote: HTMLElement;
  private readonly menu: ColumnMenu;
  /** In arrival (seq) order. */
  private rows: TrafficRow[] = [];
  /** What is shown: `rows`, or a sorted copy. */
  private view: TrafficRow[] = [];
  private widths: number[];
  private sort?: { column: string; descending: boolean };
  private choices: ColumnChoices;
  private facts: RowFacts = { severalSessions: false };
  private firstSession?: string;
  /** The columns drawn now, in order (those shown). */
  private visible: Column[] = [];
  private readonly pool: RowPool;
  private counts = { calls: 0, messages: 0 };
  private readonly selection = new RowSelection();
  private related = new Set<number>();
  private follow = true;
  private frame = 0;
  /** The viewport's height, kept by a ResizeObserver: a draw reads no layout it can avoid. */
  private viewportHeight = 0;
  private drawnHeight = -1;
  emptyText = 'No traffic yet. Calls and messages appear here as they happen.';

  constructor(
    state: GridState | undefined,
    /** The focused row changed (the details show it). */
    private readonly onSelect: (seq: number) => void,
    private readonly onStateChange: (state: GridState) => void,
    private readonly onEnter: () => void,
    /** The person changed the column set (the page keeps it with the extension, to survive a reload). */
    private readonly onColumnsChange: (choices: ColumnChoices) => void,
    /** The selected rows changed (the extension keeps them, for Save as Test…). */
    private readonly onSelectionChange: (seqs: number[]) => void = () => undefined,
  ) {
    this.widths = state?.widths?.length === COLUMNS.length ? state.widths : COLUMNS.map((c) => c.width);
    this.sort = state?.sort && COLUMNS.some((c) => c.id === state.sort!.column) ? state.sort : undefined;
    this.choices = { ...(state?.columns ?? {}) };
    this.header = el('div', { className: 'grid-header', role: 'row', 'aria-rowindex': '1' });
    this.body = el('div', { className: 'grid-body', role: 'rowgroup' });
    this.emptyNote = el('div', { className: 'empty grid-empty' });
    this.element = el('div', { id: 'grid', role: 'grid', tabindex: '0', 'aria-label': 'ICWS traffic (right-click the header to choose columns)', 'aria-multiselectable': 'true' }, el('div', { role: 'rowgroup', className: 'grid-head' }, this.header), this.body, this.emptyNote);
    this.pool = new RowPool(this.body);
    this.menu = new ColumnMenu(
      (column) => this.visible.includes(column),
      (column) => this.chooseColumns({ ...this.choices, [column.id]: !this.visible.includes(column) }),
      () => this.chooseColumns({}),
    );
    this.layColumns();
    this.element.addEventListener('scroll', () => {
      this.follow = this.isFollowing();
      this.schedule();
    });
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    keepPageTextUnselected(this.element);
    this.header.addEventListener('contextmenu', (event) => {
      event.preventDefault();
      this.menu.open(event.clientX, event.clientY, this.element);
    });
    new ResizeObserver(() => {
      this.viewportHeight = this.element.clientHeight;
      this.applyWidths();
      this.schedule();
    }).observe(this.element);
  }

  get rowCount(): number {
    return this.view.length;
  }

  /** How many rows are shown, and of which kind (the summary, drawn with the rows). */
  get rowCounts(): RowCounts {
    return { shown: this.view.length, ...this.counts };
  }

  /** The focused row (the last clicked): the one the details show. */
  get selectedSeq(): number | undefined {
    return this.selection.focused;
  }

  /** The ids of the columns shown, in order. */
  get shownColumns(): string[] {
    return this.visible.map((column) => column.id);
  }

  rowBySeq(seq: number): TrafficRow | undefined {
    return this.rows.find((r) => r.seq === seq);
  }

  reset(rows: TrafficRow[]): void {
    this.rows = rows;
    this.counts = { calls: 0, messages: 0 };
    this.firstSession = undefined;
    this.facts = { severalSessions: false };
    this.note(rows);
    this.resort();
    const shown = new Set(rows.map((row) => row.seq));
    if (this.selection.keepOnly((seq) => shown.has(seq))) this.selectionChanged();
    this.follow = this.follow || !this.sort;
    this.schedule();
  }

  /** New rows at the end; the oldest go when there are more than `capacity`. */
  append(rows: TrafficRow[], capacity: number): void {
    this.rows.push(...rows);
    this.note(rows);
    const over = this.rows.length - capacity;
    if (over > 0) {
      const gone = this.rows.splice(0, over);
      for (const row of gone) this.counts[row.kind === 'call' ? 'calls' : 'messages']--;
      // Seqs only grow: what left is everything before the oldest row kept.
      const oldest = this.rows[0]?.seq ?? Infinity;
      if (this.selection.keepOnly((seq) => seq >= oldest)) this.selectionChanged();
    }
    if (!this.sort) this.view = this.rows;
    else if (over > 0) this.resort();
    else this.view = merge(this.view, [...rows].sort(this.comparator()), this.comparator());
    this.schedule();
  }

  /** The column set the extension kept (from before a reload), unless the person chose here since. */
  setColumnChoices(choices: ColumnChoices): void {
    this.choices = { ...choices };
    this.layColumns();
  }

  /** This row alone, focused (a click, an arrow key, a link in the details, a replayed call). */
  select(seq: number, scroll = true): void {
    this.selection.only(seq);
    this.focusChanged(seq, scroll);
  }

  /** Rows selected before the page was rebuilt, those still shown; `focused` (shown) has the focus. */
  restore(seqs: readonly number[], focused: number): void {
    const shown = new Set(this.rows.map((row) => row.seq));
    this.selection.restore(seqs.filter((seq) => shown.has(seq)), focused);
    this.focusChanged(focused, true);
  }

  private focusChanged(seq: number, scroll: boolean): void {
    if (scroll) this.scrollTo(seq);
    this.onSelect(seq);
    this.selectionChanged();
  }

  private selectionChanged(): void {
    this.schedule();
    this.onSelectionChange(this.selection.seqs());
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

  /** Counts kinds, and notices a second session (the Session column is then shown by default). */
  private note(rows: TrafficRow[]): void {
    for (const row of rows) {
      this.counts[row.kind === 'call' ? 'calls' : 'messages']++;
      if (this.facts.severalSessions || row.session === undefined) continue;
      this.firstSession ??= row.session;
      if (row.session !== this.firstSession) {
        this.facts = { severalSessions: true };
        this.layColumns();
      }
    }
  }

  private chooseColumns(choices: ColumnChoices): void {
    this.choices = choices;
    this.layColumns();
    this.saveState();
    this.onColumnsChange({ ...choices });
  }

  /** Which columns are shown, their header, and a fresh row pool for them. */
  private layColumns(): void {
    const visible = COLUMNS.filter((column) => isShown(column, this.choices, this.facts));
    if (visible.length === this.visible.length && visible.every((column, i) => column === this.visible[i])) return;
    this.visible = visible;
    this.element.dataset.columns = visible.map((column) => column.id).join(' ');
    this.pool.setColumns(visible);
    this.drawHeader();
    this.applyWidths();
    this.schedule();
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

  /** Draws the rows on screen (see RowPool: no element is made or dropped while scrolling). */
  private draw(): void {
    const height = this.view.length * ROW_HEIGHT;
    if (height !== this.drawnHeight) {
      this.drawnHeight = height;
      this.body.style.height = `${height}px`;
      this.element.setAttribute('aria-rowcount', String(this.view.length + 1));
      this.emptyNote.textContent = this.view.length ? '' : this.emptyText;
      this.emptyNote.hidden = this.view.length > 0;
    }
    if (this.follow && !this.sort) this.element.scrollTop = height + ROW_HEIGHT * 2;
    const viewport = this.viewportHeight || this.element.clientHeight;
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - MARGIN_ROWS);
    const last = Math.min(this.view.length, first + Math.ceil(viewport / ROW_HEIGHT) + 2 * MARGIN_ROWS);
    const active = this.pool.draw(this.view, first, last, this.selection, this.related);
    if (active) this.element.setAttribute('aria-activedescendant', active);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private drawHeader(): void {
    const cells = this.visible.map((column) => {
      const index = COLUMNS.indexOf(column);
      // With no sort the rows are in arrival order: time ascending.
      const sort = this.sort ?? (column.id === 'time' ? { column: 'time', descending: false } : undefined);
      const sorted = sort?.column === column.id;
      const title = `Sort by ${column.title.toLowerCase()}${column.about ? ` (${column.about})` : ''}. Right-click to choose columns.`;
      const cell = el('div', { className: `cell head ${column.id}${column.align ? ' end' : ''}`, role: 'columnheader', 'aria-sort': sorted ? (sort!.descending ? 'descending' : 'ascending') : 'none', title }, el('span', { className: 'title' }, column.title), el('span', { className: 'arrow' }, sorted ? (sort!.descending ? ' ▼' : ' ▲') : ''));
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
    const shown = this.visible.map((column) => this.widths[COLUMNS.indexOf(column)] ?? column.width);
    const fixed = shown.reduce((sum, width) => sum + width, 0);
    const rest = Math.max(MIN_FLEXIBLE_WIDTH, this.element.clientWidth - fixed);
    const widths = shown.map((width) => width || rest);
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
    if (this.selection.focused !== undefined) this.scrollTo(this.selection.focused);
    this.schedule();
  }

  private comparator(): (a: TrafficRow, b: TrafficRow) => number {
    return comparatorFor(this.sort);
  }

  private resort(): void {
    this.view = this.sort ? [...this.rows].sort(this.comparator()) : this.rows;
    this.pool.forget();
  }

  private saveState(): void {
    this.onStateChange({ widths: [...this.widths], sort: this.sort, columns: { ...this.choices } });
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const head = target.closest<HTMLElement>('.cell.head');
    if (head?.dataset.column && !target.closest('.resizer')) {
      this.toggleSort(head.dataset.column);
      return;
    }
    const row = target.closest<HTMLElement>('.grid-row');
    if (!row?.dataset.seq) return;
    const seq = Number(row.dataset.seq);
    this.element.focus();
    if (event.shiftKey) this.selection.extendTo(seq, this.view);
    else if (event.ctrlKey || event.metaKey) this.selection.toggle(seq);
    else this.selection.only(seq);
    this.focusChanged(seq, false);
  }

  private onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 1);
    const index = this.view.findIndex((r) => r.seq === this.selection.focused);
    const action = gridKeyAction(event, { index, length: this.view.length, page, selectedCount: this.selection.size });
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'columnMenu') {
      const box = this.header.getBoundingClientRect();
      this.menu.open(box.left + 8, box.bottom, this.element);
    } else if (action.kind === 'details') {
      // Into the details, as DevTools does: the selected tab's header takes the focus.
      this.onEnter();
    } else if (action.kind === 'focus') {
      this.select(this.view[action.index]!.seq);
    } else if (action.kind === 'extend') {
      const seq = this.selection.extendBy(action.step, this.view);
      if (seq !== undefined) this.focusChanged(seq, true);
    } else {
      if (action.kind === 'selectAll') this.selection.all(this.view);
      else this.selection.keepFocused();
      this.selectionChanged();
    }
  }
}
