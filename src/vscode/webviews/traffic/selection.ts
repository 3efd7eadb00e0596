// Which rows of the Traffic table are selected, as a list selects in VS Code and DevTools: a click
// selects one, Ctrl/Cmd+click toggles one, Shift+click (or Shift+Up/Down) selects the range from
// the anchor, Ctrl/Cmd+A all shown rows, Escape keeps the focused one. Kept by seq, never by DOM
// node (the table recycles its row elements), and pure: no DOM, so a unit test drives it.

/** The rows in the order the table shows them (only their seqs matter here). */
export type ShownRows = readonly { readonly seq: number }[];

export class RowSelection {
  private readonly selected = new Set<number>();
  /** The row the details show and the keyboard moves from (the last clicked). */
  private focusedSeq?: number;
  /** Where a Shift range starts: the last row clicked or toggled without Shift. */
  private anchorSeq?: number;

  get focused(): number | undefined {
    return this.focusedSeq;
  }

  get size(): number {
    return this.selected.size;
  }

  has(seq: number): boolean {
    return this.selected.has(seq);
  }

  /** The selected seqs in arrival order. */
  seqs(): number[] {
    return [...this.selected].sort((a, b) => a - b);
  }

  /** A plain click (or an arrow key): this row alone. */
  only(seq: number): void {
    this.selected.clear();
    this.selected.add(seq);
    this.focusedSeq = seq;
    this.anchorSeq = seq;
  }

  /** Ctrl/Cmd+click: this row in or out; it takes the focus and becomes the anchor either way. */
  toggle(seq: number): void {
    if (this.selected.has(seq)) this.selected.delete(seq);
    else this.selected.add(seq);
    this.focusedSeq = seq;
    this.anchorSeq = seq;
  }

  /** Shift+click: the rows from the anchor to this one, as shown, and nothing else. */
  extendTo(seq: number, shown: ShownRows): void {
    const anchor = this.anchorSeq === undefined ? -1 : shown.findIndex((row) => row.seq === this.anchorSeq);
    const target = shown.findIndex((row) => row.seq === seq);
    if (target < 0) return;
    if (anchor < 0) {
      this.only(seq);
      return;
    }
    this.selected.clear();
    for (let i = Math.min(anchor, target); i <= Math.max(anchor, target); i++) this.selected.add(shown[i]!.seq);
    this.focusedSeq = seq;
  }

  /** Shift+Up/Down: the focus moves by `step` rows and the range follows it. */
  extendBy(step: number, shown: ShownRows): number | undefined {
    if (!shown.length) return undefined;
    const from = shown.findIndex((row) => row.seq === this.focusedSeq);
    const index = from < 0 ? (step > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, from + step));
    const seq = shown[index]!.seq;
    if (this.anchorSeq === undefined || from < 0) this.anchorSeq = this.focusedSeq ?? seq;
    this.extendTo(seq, shown);
    return seq;
  }

  /** Ctrl/Cmd+A: every shown row; the focus stays where it was (or goes to the first row). */
  all(shown: ShownRows): void {
    for (const row of shown) this.selected.add(row.seq);
    if (this.focusedSeq === undefined && shown.length) this.focusedSeq = this.anchorSeq = shown[0]!.seq;
  }

  /** The selection kept from before the page was rebuilt (it is, each time it is shown). */
  restore(seqs: readonly number[], focused: number): void {
    this.selected.clear();
    for (const seq of seqs) this.selected.add(seq);
    this.selected.add(focused);
    this.focusedSeq = this.anchorSeq = focused;
  }

  /** Escape: the focused row alone. */
  keepFocused(): void {
    this.selected.clear();
    if (this.focusedSeq !== undefined) {
      this.selected.add(this.focusedSeq);
      this.anchorSeq = this.focusedSeq;
    }
  }

  /** Rows that left the table (dropped from the timeline, cleared, filtered out) leave the selection; returns whether it changed. */
  keepOnly(present: (seq: number) => boolean): boolean {
    const before = this.selected.size;
    for (const seq of this.selected) if (!present(seq)) this.selected.delete(seq);
    if (this.anchorSeq !== undefined && !present(this.anchorSeq)) this.anchorSeq = undefined;
    return this.selected.size !== before;
  }
}
