// The Traffic table's multi-selection (issue 22): what a click, Ctrl/Cmd+click, Shift+click,
// Shift+Up/Down, Ctrl/Cmd+A and Escape select, kept by seq as rows are sorted, recycled and dropped.
import { strict as assert } from 'node:assert';
import { MAX_SELECTED, parsePageMessage } from '../../src/vscode/traffic/pageMessages';
import { gridKeyAction } from '../../src/vscode/webviews/traffic/gridKeys';
import { RowSelection } from '../../src/vscode/webviews/traffic/selection';

/** Rows as the table shows them: seqs 10, 11, … 19 in arrival order. */
const shown = Array.from({ length: 10 }, (_, i) => ({ seq: 10 + i }));

describe('Traffic table selection', () => {
  it('selects one row on a click, and only it on the next click', () => {
    const selection = new RowSelection();
    selection.only(12);
    selection.only(15);
    assert.deepEqual(selection.seqs(), [15]);
    assert.equal(selection.focused, 15);
  });

  it('toggles rows in and out with Ctrl/Cmd+click, the focus following the last click', () => {
    const selection = new RowSelection();
    selection.only(12);
    selection.toggle(16);
    selection.toggle(14);
    assert.deepEqual(selection.seqs(), [12, 14, 16]);
    selection.toggle(12);
    assert.deepEqual(selection.seqs(), [14, 16]);
    assert.equal(selection.focused, 12, 'the details show the row last clicked, even when it was toggled out');
    assert.equal(selection.has(12), false);
  });

  it('selects the range from the anchor with Shift+click, in the order shown, replacing the last range', () => {
    const selection = new RowSelection();
    selection.only(13);
    selection.extendTo(16, shown);
    assert.deepEqual(selection.seqs(), [13, 14, 15, 16]);
    selection.extendTo(11, shown);
    assert.deepEqual(selection.seqs(), [11, 12, 13], 'the anchor stays where the range began');
    assert.equal(selection.focused, 11);
    // Sorted newest first, the same anchor and target hold the rows between them as shown.
    const newestFirst = [...shown].reverse();
    selection.only(18);
    selection.extendTo(15, newestFirst);
    assert.deepEqual(selection.seqs(), [15, 16, 17, 18]);
  });

  it('extends from a Ctrl/Cmd+clicked row, as VS Code lists do', () => {
    const selection = new RowSelection();
    selection.only(10);
    selection.toggle(14);
    selection.extendTo(16, shown);
    assert.deepEqual(selection.seqs(), [14, 15, 16]);
  });

  it('extends the range with Shift+Up/Down, stopping at the ends', () => {
    const selection = new RowSelection();
    selection.only(17);
    assert.equal(selection.extendBy(1, shown), 18);
    assert.equal(selection.extendBy(1, shown), 19);
    assert.equal(selection.extendBy(1, shown), 19);
    assert.deepEqual(selection.seqs(), [17, 18, 19]);
    selection.extendBy(-1, shown);
    selection.extendBy(-1, shown);
    selection.extendBy(-1, shown);
    assert.deepEqual(selection.seqs(), [16, 17]);
    assert.equal(selection.focused, 16);
    const fresh = new RowSelection();
    assert.equal(fresh.extendBy(1, shown), 10, 'with nothing focused, Shift+Down starts at the first row');
    assert.equal(fresh.extendBy(1, []), undefined);
  });

  it('selects every shown row with Ctrl/Cmd+A, and keeps only the focused one on Escape', () => {
    const selection = new RowSelection();
    selection.only(14);
    selection.all(shown);
    assert.equal(selection.size, 10);
    assert.equal(selection.focused, 14, 'the focus stays');
    selection.keepFocused();
    assert.deepEqual(selection.seqs(), [14]);
    const fresh = new RowSelection();
    fresh.all(shown);
    assert.equal(fresh.focused, 10, 'with nothing focused, the first row takes the focus');
  });

  it('restores the rows selected before the page was rebuilt, with the focused one', () => {
    const selection = new RowSelection();
    selection.restore([11, 14], 16);
    assert.deepEqual(selection.seqs(), [11, 14, 16]);
    assert.equal(selection.focused, 16);
    selection.extendTo(18, shown);
    assert.deepEqual(selection.seqs(), [16, 17, 18], 'the focused row is the anchor again');
  });

  it('lets rows that left the timeline leave the selection, and says whether it changed', () => {
    const selection = new RowSelection();
    selection.only(11);
    selection.toggle(13);
    selection.toggle(18);
    assert.equal(selection.keepOnly((seq) => seq >= 12), true);
    assert.deepEqual(selection.seqs(), [13, 18]);
    assert.equal(selection.keepOnly((seq) => seq >= 12), false);
    // The anchor (18) stays; after it left, Shift+click starts afresh from the clicked row.
    selection.keepOnly((seq) => seq !== 18);
    selection.extendTo(15, shown);
    assert.deepEqual(selection.seqs(), [15]);
  });

  it('maps keys to moves and selection changes as a list does', () => {
    const state = { index: 3, length: 10, page: 4, selectedCount: 1 };
    const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => gridKeyAction({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, ...mods }, state);
    assert.deepEqual(key('ArrowDown'), { kind: 'focus', index: 4 });
    assert.deepEqual(key('ArrowDown', { shiftKey: true }), { kind: 'extend', step: 1 });
    assert.deepEqual(key('ArrowUp', { shiftKey: true }), { kind: 'extend', step: -1 });
    assert.deepEqual(key('a', { ctrlKey: true }), { kind: 'selectAll' });
    assert.deepEqual(key('A', { metaKey: true }), { kind: 'selectAll' });
    assert.equal(key('a'), undefined, 'a plain letter selects nothing');
    assert.equal(key('Escape'), undefined, 'Escape with one row selected is left to the page');
    assert.deepEqual(gridKeyAction({ key: 'Escape', shiftKey: false, ctrlKey: false, metaKey: false }, { ...state, selectedCount: 3 }), { kind: 'keepFocused' });
    assert.deepEqual(key('PageDown'), { kind: 'focus', index: 7 });
    assert.deepEqual(key('End'), { kind: 'focus', index: 9 });
    assert.deepEqual(key('Enter'), { kind: 'details' });
    assert.deepEqual(key('F10', { shiftKey: true }), { kind: 'columnMenu' });
  });

  it('accepts the page’s selection only as a bounded list of whole numbers', () => {
    assert.deepEqual(parsePageMessage({ type: 'selection', seqs: [3, 7] }), { type: 'selection', seqs: [3, 7] });
    assert.deepEqual(parsePageMessage({ type: 'selection', seqs: [] }), { type: 'selection', seqs: [] });
    assert.equal(parsePageMessage({ type: 'selection', seqs: [1.5] }), undefined);
    assert.equal(parsePageMessage({ type: 'selection', seqs: ['3'] }), undefined);
    assert.equal(parsePageMessage({ type: 'selection', seqs: 3 }), undefined);
    assert.notEqual(parsePageMessage({ type: 'selection', seqs: Array.from({ length: MAX_SELECTED }, (_, i) => i) }), undefined);
    assert.equal(parsePageMessage({ type: 'selection', seqs: Array.from({ length: MAX_SELECTED + 1 }, (_, i) => i) }), undefined, 'no more than the timeline can hold');
    assert.deepEqual(parsePageMessage({ type: 'saveAsTest' }), { type: 'saveAsTest' });
  });
});
