// The table's drawn rows, kept and refilled as it scrolls. Making ~50 rows of ten cells per frame
// (and dropping the last frame's) is what made scrolling 100,000 rows jank: garbage to collect, and
// new nodes to style. Row i is always drawn by slot i % (slots), so a row still on screen after a
// scroll keeps its element, its texts and its place: a scroll by a few rows refills only the rows
// that came into view, not every slot.
import type { TrafficRow } from '../../traffic/trafficProtocol';
import type { Column } from './columns';
import { el } from './dom';
import type { RowSelection } from './selection';

export const ROW_HEIGHT = 22;

interface RowView {
  element: HTMLElement;
  cells: HTMLElement[];
  /** Each cell's one text node, whose data is replaced (setting textContent would make a new node each time). */
  texts: Text[];
  /** The seq of the row it shows now (-1: none), and its place and look, to touch only what changed. */
  seq: number;
  index: number;
  className: string;
}

export class RowPool {
  private slots: RowView[] = [];
  private columns: Column[] = [];

  constructor(private readonly body: HTMLElement) {}

  /** Another column set: the pool is made anew for it. */
  setColumns(columns: Column[]): void {
    this.columns = columns;
    this.slots = [];
    this.body.replaceChildren();
  }

  /** Every slot is refilled on the next draw (the rows at its place are others now). */
  forget(): void {
    for (const slot of this.slots) slot.seq = -1;
  }

  /** Draws `view[first..last)`; returns the id of the focused row's element when it is among them. */
  draw(view: readonly TrafficRow[], first: number, last: number, selection: Pick<RowSelection, 'has' | 'focused'>, related: ReadonlySet<number>): string {
    const focused = selection.focused;
    let active = '';
    // Fewer rows on screen than slots (a filter, a smaller panel): the extra ones go, so the DOM
    // holds exactly the rows shown. Scrolling keeps the count.
    const count = Math.max(0, last - first);
    while (this.slots.length < count) this.add();
    for (const slot of this.slots.splice(count)) slot.element.remove();
    for (let i = first; i < last; i++) {
      const row = view[i]!;
      const slot = this.slots[i % count]!;
      let className = row.kind === 'call' ? 'grid-row call' : 'grid-row message';
      if (row.kind === 'call' && (row.status === 0 || (row.status ?? 0) >= 400)) className += ' error';
      const selected = selection.has(row.seq);
      if (selected) className += ' selected';
      if (row.seq === focused) {
        className += ' focused';
        active = `row-${row.seq}`;
      }
      if (related.has(row.seq)) className += ' related';
      if (slot.seq !== row.seq) this.fill(slot, row);
      if (slot.index !== i) {
        slot.index = i;
        // Positioned from script: the page's CSP allows no inline style attributes.
        slot.element.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
        slot.element.setAttribute('aria-rowindex', String(i + 2));
      }
      if (slot.className !== className) {
        slot.className = className;
        slot.element.className = className;
        slot.element.setAttribute('aria-selected', String(selected));
      }
    }
    return active;
  }

  private add(): void {
    const texts = this.columns.map(() => document.createTextNode(''));
    const cells = this.columns.map((column, c) => el('div', { className: `cell ${column.id}${column.align ? ' end' : ''}`, role: 'gridcell' }, texts[c]!));
    const element = el('div', { className: 'grid-row', role: 'row' }, ...cells);
    this.body.append(element);
    this.slots.push({ element, cells, texts, seq: -1, index: -1, className: '' });
  }

  private fill(slot: RowView, row: TrafficRow): void {
    slot.seq = row.seq;
    slot.element.id = `row-${row.seq}`;
    slot.element.dataset.seq = String(row.seq);
    this.columns.forEach((column, c) => {
      const text = column.text(row);
      const node = slot.texts[c]!;
      if (node.data !== text) node.data = text;
      // The whole text on hover, for a cell its column cuts short (a call's Name: its full path).
      slot.cells[c]!.title = column.id === 'name' && row.kind === 'call' ? row.path : text;
    });
  }
}
