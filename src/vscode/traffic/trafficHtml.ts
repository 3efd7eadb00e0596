// The traffic view's page: a virtualised, keyboard-navigable list, a filter box, a details pane
// with collapsible JSON, and a session box. Theme colours come from VS Code's CSS variables.

export function trafficHtml(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  body { padding: 0; margin: 0; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); display: flex; flex-direction: column; height: 100vh; }
  #session { padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border); font-size: 0.9em; color: var(--vscode-descriptionForeground); }
  #session button { font-size: 0.9em; }
  #bar { display: flex; flex-wrap: wrap; gap: 4px; padding: 4px 8px; }
  #filter { min-width: 120px; }
  #filter { flex: 1; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
  button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 6px; cursor: pointer; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  #list { flex: 1 1 50%; min-height: 100px; overflow-y: auto; position: relative; outline: none; }
  #spacer { position: relative; }
  .row { position: absolute; left: 0; right: 0; height: 20px; line-height: 20px; padding: 0 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: default; font-family: var(--vscode-editor-font-family); font-size: 0.92em; }
  .row .time { color: var(--vscode-descriptionForeground); margin-right: 6px; }
  .row .sub { color: var(--vscode-descriptionForeground); }
  .row.error .summary { color: var(--vscode-errorForeground); }
  .row.sibling { background: var(--vscode-editor-findMatchHighlightBackground); }
  .row.selected { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
  #details { flex: 1 1 40%; min-height: 60px; overflow: auto; border-top: 1px solid var(--vscode-panel-border); padding: 4px 8px; font-family: var(--vscode-editor-font-family); font-size: 0.92em; }
  #details h4 { margin: 6px 0 2px; }
  details { margin-left: 12px; }
  summary { cursor: pointer; }
  .key { color: var(--vscode-symbolIcon-propertyForeground, var(--vscode-foreground)); }
  .str { color: var(--vscode-debugTokenExpression-string, inherit); }
  a.id { color: var(--vscode-textLink-foreground); cursor: pointer; }
  .empty { padding: 8px; color: var(--vscode-descriptionForeground); }
</style></head>
<body>
  <div id="session">Not connected</div>
  <div id="bar">
    <input id="filter" type="text" placeholder="Filter (text in a call or message)" aria-label="Filter the traffic">
    <button id="bySelected" title="Filter by the selected entry">Like selected</button>
    <button id="clearFilter" title="Clear the filter">Clear filter</button>
    <button id="save" title="Save the timeline as JSON lines">Save…</button>
    <button id="open" title="Open a saved timeline">Open…</button>
    <button id="clear" title="Forget the recorded traffic">Clear</button>
  </div>
  <div id="list" tabindex="0" role="listbox" aria-label="ICWS traffic"><div id="spacer"></div></div>
  <div id="details"><div class="empty">Select a call or a message to see it here.</div></div>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const ROW = 20;
  let rows = [];
  let shown = [];
  let selected;
  let follow = true;
  let revealedSessionId = '';
  let session = {};
  const list = document.getElementById('list');
  const spacer = document.getElementById('spacer');
  const details = document.getElementById('details');
  const filter = document.getElementById('filter');

  const time = (t) => { const d = new Date(t); return d.toTimeString().slice(0, 8) + '.' + String(d.getMilliseconds()).padStart(3, '0'); };
  const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  function applyFilter() {
    const needle = filter.value.trim().toLowerCase();
    shown = needle ? rows.filter((r) => r.search.includes(needle)) : rows;
    spacer.style.height = shown.length * ROW + 'px';
    if (follow) list.scrollTop = list.scrollHeight;
    render();
  }

  function render() {
    const first = Math.max(0, Math.floor(list.scrollTop / ROW) - 5);
    const last = Math.min(shown.length, first + Math.ceil(list.clientHeight / ROW) + 10);
    const sel = rows.find((r) => r.seq === selected);
    spacer.replaceChildren();
    if (!shown.length) {
      const empty = document.createElement('div');
      empty.className = 'empty';
      empty.textContent = rows.length ? 'Nothing matches the filter.' : 'No traffic yet. Calls and messages appear here as they happen.';
      spacer.appendChild(empty);
      return;
    }
    for (let i = first; i < last; i++) {
      const r = shown[i];
      const el = document.createElement('div');
      el.className = 'row';
      if (r.kind === 'call' && (r.status === 0 || r.status >= 300)) el.classList.add('error');
      if (sel && sel.kind === 'message' && r.kind === 'message' && r.group === sel.group && r.seq !== sel.seq) el.classList.add('sibling');
      if (r.seq === selected) el.classList.add('selected');
      el.setAttribute('role', 'option');
      el.setAttribute('aria-selected', String(r.seq === selected));
      el.dataset.seq = String(r.seq);
      // Positioned from script: the page's CSP allows no inline style attributes.
      el.style.top = i * ROW + 'px';
      const when = document.createElement('span');
      when.className = 'time';
      when.textContent = time(r.time);
      el.appendChild(when);
      if (r.kind === 'message') {
        el.appendChild(document.createTextNode('✉ ' + r.summary.split(' ')[0] + ' '));
        if (r.subscriptionId) {
          const sub = document.createElement('span');
          sub.className = 'sub';
          sub.textContent = r.subscriptionId;
          el.appendChild(sub);
        }
      } else {
        const summary = document.createElement('span');
        summary.className = 'summary';
        summary.textContent = '⇄ ' + r.summary;
        el.appendChild(summary);
      }
      spacer.appendChild(el);
    }
  }

  function select(seq) {
    selected = seq;
    render();
    vscode.postMessage({ type: 'select', seq });
  }

  function json(value, depth) {
    if (value === null || typeof value !== 'object') {
      const text = typeof value === 'string' ? '"' + escape(value) + '"' : escape(JSON.stringify(value));
      return typeof value === 'string' && /^\\d{10}$/.test(value) ? '<a class="id" data-id="' + value + '" title="Show in the Interactions view">' + text + '</a>' : '<span class="str">' + text + '</span>';
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    if (!entries.length) return Array.isArray(value) ? '[]' : '{}';
    const inner = entries.map(([k, v]) => '<div><span class="key">' + escape(k) + '</span>: ' + json(v, depth + 1) + '</div>').join('');
    return '<details' + (depth < 3 ? ' open' : '') + '><summary>' + (Array.isArray(value) ? '[' + entries.length + ']' : '{' + entries.length + '}') + '</summary>' + inner + '</details>';
  }

  function showDetails(message) {
    const e = message.entry;
    let html = '<div><button data-action="copyJson">Copy JSON</button>' + (message.curl ? ' <button data-action="copyCurl">Copy as curl</button>' : '') + '</div>';
    if (e.kind === 'call') {
      const x = e.exchange;
      html += '<h4>Request</h4><div>' + escape(x.method + ' ' + x.url) + '</div><div>template ' + escape(x.template) + '</div><div>' + escape(x.operation) + ' · ' + x.requestBytes + ' bytes</div>';
      html += '<h4>Request headers</h4>' + json(x.requestHeaders, 0);
      if (x.requestBody !== undefined) html += '<h4>Request body</h4>' + json(x.requestBody, 0);
      html += '<h4>Response</h4><div>' + escape(x.status !== undefined ? 'HTTP ' + x.status : 'no answer: ' + (x.error || '')) + ' · ' + Math.round(x.durationMs) + ' ms · ' + x.responseBytes + ' bytes</div>';
      if (message.timing) html += '<h4>Timing</h4><div class="timing">' + escape(message.timing) + '</div>';
      if (x.responseHeaders) html += '<h4>Response headers</h4>' + json(x.responseHeaders, 0);
      if (x.responseBody !== undefined) html += '<h4>Response body</h4>' + json(x.responseBody, 0);
    } else {
      html += '<h4>' + escape(e.type) + (e.subscriptionId ? ' · ' + escape(e.subscriptionId) : '') + ' · ' + e.bytes + ' bytes</h4>' + json(e.message, 0);
    }
    details.innerHTML = html;
  }

  function renderSession() {
    const s = session;
    if (!s.connected) { document.getElementById('session').textContent = 'Not connected'; return; }
    const id = revealedSessionId || '••••••••';
    document.getElementById('session').innerHTML = escape(s.user + ' @ ' + s.server) + ' · session <span id="sid">' + escape(id) + '</span> ' + (revealedSessionId ? '' : '<button id="revealSid">Reveal</button>') +
      ' · ' + s.stats.calls + ' calls · ' + s.stats.messages + ' messages · ' + s.subscriptions.length + ' subscriptions · sent ' + s.stats.bytesSent + ' B · received ' + s.stats.bytesReceived + ' B';
    const reveal = document.getElementById('revealSid');
    if (reveal) reveal.onclick = () => vscode.postMessage({ type: 'revealSessionId' });
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.type === 'reset') { rows = m.rows; applyFilter(); }
    else if (m.type === 'append') { rows = rows.concat(m.rows); if (rows.length > 20000) rows = rows.slice(rows.length - 20000); applyFilter(); }
    else if (m.type === 'details') showDetails(m);
    else if (m.type === 'session') { session = m; if (!m.connected) revealedSessionId = ''; renderSession(); }
    else if (m.type === 'sessionId') { revealedSessionId = m.value; renderSession(); }
  });
  list.addEventListener('scroll', () => { follow = list.scrollTop + list.clientHeight >= list.scrollHeight - ROW; render(); });
  list.addEventListener('click', (event) => { const row = event.target.closest('.row'); if (row) { list.focus(); select(Number(row.dataset.seq)); } });
  list.addEventListener('keydown', (event) => {
    if (!shown.length) return;
    let index = shown.findIndex((r) => r.seq === selected);
    if (event.key === 'ArrowDown') index = Math.min(shown.length - 1, index + 1);
    else if (event.key === 'ArrowUp') index = Math.max(0, index - 1);
    else if (event.key === 'Home') index = 0;
    else if (event.key === 'End') index = shown.length - 1;
    else return;
    event.preventDefault();
    select(shown[index].seq);
    const top = index * ROW;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW - list.clientHeight;
  });
  details.addEventListener('click', (event) => {
    const link = event.target.closest('a.id');
    if (link) vscode.postMessage({ type: 'reveal', interactionId: link.dataset.id });
    const action = event.target.closest('button[data-action]');
    if (action && selected !== undefined) vscode.postMessage({ type: action.dataset.action, seq: selected });
  });
  filter.addEventListener('input', applyFilter);
  document.getElementById('clearFilter').onclick = () => { filter.value = ''; applyFilter(); };
  document.getElementById('bySelected').onclick = () => {
    const sel = rows.find((r) => r.seq === selected);
    if (sel) { filter.value = sel.kind === 'message' ? sel.group.trim() : sel.summary.split(' ').slice(0, 2).join(' '); applyFilter(); }
  };
  document.getElementById('save').onclick = () => vscode.postMessage({ type: 'save' });
  document.getElementById('open').onclick = () => vscode.postMessage({ type: 'open' });
  document.getElementById('clear').onclick = () => vscode.postMessage({ type: 'clear' });
  new ResizeObserver(render).observe(list);
  vscode.postMessage({ type: 'ready' });
})();
</script></body></html>`;
}
