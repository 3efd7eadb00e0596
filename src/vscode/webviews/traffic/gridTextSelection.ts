// The table selects rows, not text. VS Code answers Ctrl/Cmd+A in a webview by running the
// page's own "select all" after the page has handled the key (so preventDefault cannot stop it),
// and Shift/Ctrl+click would extend the page's text selection: either way the whole page turned
// blue behind the selected rows. Text selected by dragging inside the table is left alone.

export function keepPageTextUnselected(grid: HTMLElement): void {
  grid.addEventListener('mousedown', (event) => {
    // A modified click on a row is a row selection; the browser would also select text up to it.
    if ((event.shiftKey || event.ctrlKey || event.metaKey) && (event.target as Element).closest('.grid-row')) event.preventDefault();
  });
  document.addEventListener('selectionchange', () => {
    if (document.activeElement !== grid) return;
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    if (!grid.contains(selection.getRangeAt(0).commonAncestorContainer)) selection.removeAllRanges();
  });
}
