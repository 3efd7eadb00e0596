// The column chooser: right-click the table's header (or Shift+F10 / the context-menu key in the
// table), as in DevTools, for a menu of the columns with a check on those shown.
import { type Column, COLUMNS } from './columns';
import { el } from './dom';

export class ColumnMenu {
  private menu?: HTMLElement;
  private returnFocus?: HTMLElement;

  constructor(
    private readonly shown: (column: Column) => boolean,
    private readonly toggle: (column: Column) => void,
    private readonly resetColumns: () => void,
  ) {
    // A press anywhere else closes it (not a focus change: VS Code moves the focus into a webview's
    // frame on its own, just after the menu took it).
    document.addEventListener('pointerdown', (event) => {
      if (this.menu && !this.menu.contains(event.target as Node)) this.close(false);
    }, true);
  }

  get isOpen(): boolean {
    return this.menu !== undefined;
  }

  open(x: number, y: number, returnFocus: HTMLElement): void {
    this.close();
    this.returnFocus = returnFocus;
    const items = COLUMNS.filter((column) => !column.fixed).map((column) => {
      const item = el('div', { className: 'menu-item', role: 'menuitemcheckbox', tabindex: '-1', 'aria-checked': String(this.shown(column)) }, el('span', { className: 'check' }, this.shown(column) ? '✓' : ''), column.title);
      item.dataset.column = column.id;
      return item;
    });
    const reset = el('div', { className: 'menu-item', role: 'menuitem', tabindex: '-1' }, el('span', { className: 'check' }), 'Reset Columns');
    reset.dataset.reset = '';
    const menu = el('div', { id: 'column-menu', role: 'menu', 'aria-label': 'Columns' }, ...items, el('div', { className: 'menu-separator', role: 'separator' }), reset);
    menu.addEventListener('click', (event) => this.choose(event.target as Element));
    menu.addEventListener('keydown', (event) => this.onKey(event));
    document.body.append(menu);
    // Kept inside the page: a menu opened near its right or bottom edge opens leftwards or upwards.
    menu.style.left = `${Math.max(0, Math.min(x, window.innerWidth - menu.offsetWidth - 4))}px`;
    menu.style.top = `${Math.max(0, Math.min(y, window.innerHeight - menu.offsetHeight - 4))}px`;
    this.menu = menu;
    items[0]?.focus();
  }

  close(focusBack = true): void {
    this.menu?.remove();
    this.menu = undefined;
    if (focusBack) this.returnFocus?.focus();
  }

  private choose(target: Element): void {
    const item = target.closest<HTMLElement>('.menu-item');
    if (!item) return;
    if (item.dataset.reset !== undefined) this.resetColumns();
    else {
      const column = COLUMNS.find((c) => c.id === item.dataset.column);
      if (column) this.toggle(column);
    }
    this.close();
  }

  private onKey(event: KeyboardEvent): void {
    const items = [...(this.menu?.querySelectorAll<HTMLElement>('.menu-item') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') this.close();
    else if (event.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (event.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else if (event.key === 'Enter' || event.key === ' ') {
      if (at >= 0) this.choose(items[at]!);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  }
}
