import * as vscode from 'vscode';
import { cellSourceFor } from '../../icws/notebook/requestCell';
import {
  Coalescer,
  curlFor,
  documentationUrl,
  fetchFor,
  type IcwsSession,
  indexOfSeq,
  parseTrafficFilter,
  type RecordedEntry,
  relationsOf,
  resend,
  rowOf,
  TrafficRecorder,
  type TrafficEntry,
  type TrafficFilter,
} from '../../icws';
import { plainText } from '../display/untrustedText';
import type { SessionService } from '../session/SessionService';
import { trafficPage } from './trafficPage';
import { packRow } from './rowCodec';
import { trafficFiles } from './loadTrafficFiles';
import { type FromTrafficPage, fromTrafficPageSchema, type PackedRow, type ToTrafficPage } from './trafficProtocol';

const FILE_FILTERS = { 'ICWS traffic': ['jsonl'], 'HTTP Archive (HAR)': ['har'] };

/** Larger captures than this are refused rather than read into memory. */
const MAX_TRAFFIC_FILE_BYTES = 200 * 1_048_576;

/**
 * "ICWS Traffic": a webview view in the panel area (beside Output and Terminal, at full width: a
 * tree cannot show a sortable table, tabs of details or a waterfall). The recorder runs always,
 * bounded by its ring; the page is fed only while it is visible, and catches up from the recorder
 * when shown again. Filtering runs here, over the recorder, so the page holds one short row per
 * entry and no bodies; details are sent for the selected entry only.
 */
export class TrafficViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'icws.traffic';
  readonly recorder: TrafficRecorder;
  private view?: vscode.WebviewView;
  /** Bursts of messages become one post to the page. */
  private readonly pending = new Coalescer<PackedRow[]>(100, () => [], (rows) => {
    if (rows.length) this.post({ type: 'append', rows, capacity: this.recorder.capacity });
    this.postSessionBox();
  });
  private readonly disposables: vscode.Disposable[] = [];
  private messageListener?: { dispose(): void };
  private session?: IcwsSession;
  private filterText = '';
  /** The filter, parsed once per change (new entries are tested against it as they arrive). */
  private filter: TrafficFilter = parseTrafficFilter('');
  /** Messages from the page that were not of its protocol (a compromised page, or a bug). */
  rejectedMessages = 0;
  /** Messages posted to the page (none while it is hidden). */
  postedMessages = 0;

  constructor(
    sessions: SessionService,
    capacity: () => number,
    private readonly extensionUri: vscode.Uri,
    private readonly revealInteraction: (interactionId: string) => Thenable<unknown>,
    /** The extension's version, written into exported archives. */
    private readonly version: string,
    /** Opens a notebook with one request cell of this text. */
    private readonly openInNotebook: (source: string) => Thenable<unknown>,
  ) {
    this.recorder = new TrafficRecorder(capacity());
    this.disposables.push(
      sessions.onDidExchange((exchange) => this.recorder.recordExchange(exchange)),
      sessions.onDidChangeSession((session) => {
        this.messageListener?.dispose();
        this.session = session;
        this.messageListener = session?.messages.onMessage((decoded) => this.recorder.recordMessage(decoded, session.http.redactor));
        this.postSessionBox();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('icws.traffic.capacity')) {
          this.recorder.setCapacity(capacity());
          this.postAll();
        }
      }),
    );
    const recorded = this.recorder.onDidRecord((added) => this.queue(added));
    this.disposables.push({ dispose: () => recorded.dispose() });
  }

  /** Whether the page is on screen now (a hidden page is neither fed nor kept alive). */
  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webviews')] };
    view.webview.html = trafficPage(view.webview, this.extensionUri);
    view.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    view.onDidChangeVisibility(() => {
      // The page was torn down while hidden; it says "ready" when back, and catches up then.
      if (!view.visible) this.pending.discard();
    });
    view.onDidDispose(() => {
      this.view = undefined;
      this.pending.discard();
    });
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = fromTrafficPageSchema.safeParse(raw);
    if (!parsed.success) {
      this.rejectedMessages++;
      return;
    }
    await this.onMessage(parsed.data);
  }

  private async onMessage(message: FromTrafficPage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.postAll();
        this.postSessionBox();
        break;
      case 'select': {
        // One copy of the timeline serves the lookup and the relations.
        const entries = this.recorder.entries();
        const entry = entries[indexOfSeq(entries, message.seq)];
        if (entry) this.post({ type: 'details', ...this.detailsOf(entry, entries) });
        break;
      }
      case 'copy': {
        const entry = this.find(message.seq);
        if (!entry) break;
        const call = entry.kind === 'call' ? entry.exchange : undefined;
        const text = message.as === 'json' ? JSON.stringify(call ?? (entry.kind === 'message' ? entry.message : undefined), null, 2) : call ? (message.as === 'curl' ? curlFor(call) : fetchFor(call)) : undefined;
        if (text === undefined) break;
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage(`ICWS: copied ${message.as === 'json' ? 'as JSON' : `as ${message.as}`}`, 3_000);
        break;
      }
      case 'replay':
        await this.replay(message.seq);
        break;
      case 'toNotebook':
        await this.toNotebook(message.seq);
        break;
      case 'openDocs': {
        const entry = this.find(message.seq);
        const url = entry?.kind === 'call' ? documentationUrl(entry.exchange.template) : undefined;
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
        break;
      }
      case 'reveal':
        await this.revealInteraction(message.interactionId);
        break;
      case 'revealSessionId':
        this.post({ type: 'sessionId', value: this.session?.sessionId ?? '' });
        break;
      case 'save':
        await this.save(undefined, message.format);
        break;
      case 'open':
        await this.open();
        break;
      case 'clear':
        this.recorder.clear();
        this.postAll();
        break;
      case 'filter':
        this.filterText = message.text;
        this.filter = parseTrafficFilter(message.text);
        this.postAll();
        break;
    }
  }

  /** Saves the timeline (already redacted) as JSON lines or as a HAR 1.2 archive. */
  async save(target?: vscode.Uri, format?: 'jsonl' | 'har'): Promise<vscode.Uri | undefined> {
    const uri = target ?? (await vscode.window.showSaveDialog({ filters: format === 'har' ? { 'HTTP Archive (HAR)': ['har'] } : { 'ICWS traffic': ['jsonl'] }, saveLabel: format === 'har' ? 'Export HAR' : 'Save Traffic' }));
    if (!uri) return undefined;
    const asHar = format === 'har' || (format === undefined && uri.path.endsWith('.har'));
    const text = asHar ? this.files().toHar(this.recorder.entries(), { name: 'ICWS Interactions', version: this.version }) : this.recorder.toJsonLines();
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    return uri;
  }

  /** A recorded call as a notebook cell, to change and send from there. */
  async toNotebook(seq: number): Promise<unknown> {
    const entry = this.find(seq);
    return entry?.kind === 'call' ? this.openInNotebook(cellSourceFor(entry.exchange)) : undefined;
  }

  /**
   * Sends a recorded call again with the current session. Anything but a GET changes state on the
   * server (a second transfer of the same call is a real-world bug), so it asks first, naming it.
   */
  async replay(seq: number, confirmed = false): Promise<TrafficEntry | undefined> {
    const entry = this.find(seq);
    const session = this.session;
    if (entry?.kind !== 'call') return undefined;
    if (!session?.isUp) {
      void vscode.window.showWarningMessage('ICWS Traffic: connect to a server to replay a request.');
      return undefined;
    }
    const { method } = entry.exchange;
    if (method !== 'GET' && !confirmed) {
      const path = rowOf(entry).path;
      const send = 'Send Again';
      const answer = await vscode.window.showWarningMessage(
        plainText(`Send ${method} ${path} again to ${session.server}?`, 500),
        { modal: true, detail: `A ${method} changes state on the server: sending it again repeats its effect (a transfer, a disconnect, a status change). It is sent once, with your current session.` },
        send,
      );
      if (answer !== send) return undefined;
    }
    // The replay's own entry, recorded by the exchange hook while it runs (a failure too).
    let replayed: TrafficEntry | undefined;
    const recorded = this.recorder.onDidRecord(({ entry: added }) => {
      if (added.kind === 'call' && added.exchange.operation.startsWith('replay of')) replayed ??= added;
    });
    try {
      await resend(session.http, entry.exchange);
    } catch (error) {
      // The server's words are shown.
      void vscode.window.showErrorMessage(plainText(`ICWS Traffic: the replay of ${method} ${rowOf(entry).path} failed: ${error instanceof Error ? error.message : String(error)}`, 1_000));
    } finally {
      recorded.dispose();
    }
    if (replayed) this.post({ type: 'reveal', seq: replayed.seq });
    return replayed;
  }

  /**
   * Loads a saved timeline (JSON lines, or a HAR from here or from a browser) in place of the
   * live one; new traffic is appended after it. A file that cannot be read is refused whole, with
   * where and why, and the timeline kept.
   */
  async open(source?: vscode.Uri): Promise<number | undefined> {
    const uri = source ?? (await vscode.window.showOpenDialog({ filters: FILE_FILTERS, canSelectMany: false }))?.[0];
    if (!uri) return undefined;
    let skipped = 0;
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > MAX_TRAFFIC_FILE_BYTES) throw new Error(`the file has ${(size / 1_048_576).toFixed(0)} MB; at most ${MAX_TRAFFIC_FILE_BYTES / 1_048_576} MB can be opened`);
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      if (isHar(uri, text)) {
        const archive = this.files().fromHar(text);
        skipped = archive.skipped;
        this.recorder.restore(archive.entries.slice(-this.recorder.capacity));
      } else {
        this.recorder.restore(this.files().readTrafficLines(text).slice(-this.recorder.capacity));
      }
    } catch (error) {
      void vscode.window.showErrorMessage(plainText(`ICWS Traffic: ${uri.fsPath} was not opened: ${error instanceof Error ? error.message : String(error)}. The timeline is unchanged.`, 1_000));
      return undefined;
    }
    if (skipped) void vscode.window.showInformationMessage(`ICWS Traffic: ${skipped} ${skipped === 1 ? 'request that is' : 'requests that are'} not ICWS (pages, scripts, CORS preflights) left out.`);
    this.postAll();
    return this.recorder.size;
  }

  /**
   * "ICWS: Open Traffic File…": the file given (Explorer's context menu), else the .jsonl or .har
   * file in the active editor, else a file dialog. Shows the panel once the timeline is loaded.
   */
  async openFromCommand(argument?: unknown): Promise<number | undefined> {
    const active = vscode.window.activeTextEditor?.document.uri;
    const uri = argument instanceof vscode.Uri ? argument : active && /\.(jsonl|har)$/.test(active.path) ? active : undefined;
    const loaded = await this.open(uri);
    if (loaded !== undefined) await vscode.commands.executeCommand(`${TrafficViewProvider.viewId}.focus`);
    return loaded;
  }

  private files() {
    return trafficFiles(this.extensionUri.fsPath);
  }

  private detailsOf(entry: TrafficEntry, entries: readonly TrafficEntry[]) {
    const relations = relationsOf(entry, entries);
    return {
      seq: entry.seq,
      entry,
      hasDocs: entry.kind === 'call' && documentationUrl(entry.exchange.template) !== undefined,
      canReplay: entry.kind === 'call' && (this.session?.isUp ?? false),
      related: relations.messages.map(rowOf),
      cause: relations.cause ? rowOf(relations.cause) : undefined,
    };
  }

  private find(seq: number): TrafficEntry | undefined {
    const entries = this.recorder.entries();
    return entries[indexOfSeq(entries, seq)];
  }

  private post(message: ToTrafficPage): void {
    if (!this.isVisible || !this.view) return;
    this.postedMessages++;
    void this.view.webview.postMessage(message);
  }

  private queue({ row, searchText }: RecordedEntry): void {
    if (!this.isVisible || !this.filter.matches(row, searchText)) return; // a hidden page catches up when shown
    this.pending.add((rows) => rows.push(packRow(row)));
  }

  private postAll(): void {
    this.pending.discard();
    if (!this.isVisible) return;
    this.post({ type: 'reset', rows: this.recorder.filterRows(this.filterText).map(packRow), capacity: this.recorder.capacity, filter: this.filterText });
  }

  private postSessionBox(): void {
    const session = this.session;
    this.post({
      type: 'session',
      server: session?.server ?? '',
      user: session?.identity.userId ?? '',
      connected: session?.isUp ?? false,
      subscriptions: session?.queues.specs().map((spec) => spec.subscriptionId) ?? [],
      stats: this.recorder.stats,
    });
  }

  dispose(): void {
    this.pending.dispose();
    this.messageListener?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** A HAR by its name, or by its first bytes when the name says neither. */
function isHar(uri: vscode.Uri, text: string): boolean {
  if (uri.path.endsWith('.har')) return true;
  if (uri.path.endsWith('.jsonl')) return false;
  return /^\s*\{\s*"log"\s*:/.test(text);
}
