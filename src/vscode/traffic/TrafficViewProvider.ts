import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { curlFor, describePhases, type IcwsSession, searchText, summarize, TrafficRecorder, type TrafficEntry } from '../../icws';
import type { SessionService } from '../session/SessionService';
import { trafficHtml } from './trafficHtml';

/** What the webview lists: one line an entry (details are fetched when one is selected). */
export interface TrafficRow {
  seq: number;
  time: number;
  kind: 'call' | 'message';
  summary: string;
  /** Text the filter box searches (summary, template, bodies). */
  search: string;
  /** Calls: the HTTP status, or 0 when no answer came. */
  status?: number;
  /** Messages: `type subscription`, to highlight its siblings. */
  group?: string;
  subscriptionId?: string;
}

type FromWebview =
  | { type: 'ready' }
  | { type: 'select'; seq: number }
  | { type: 'copyJson'; seq: number }
  | { type: 'copyCurl'; seq: number }
  | { type: 'reveal'; interactionId: string }
  | { type: 'revealSessionId' }
  | { type: 'save' }
  | { type: 'open' }
  | { type: 'clear' };

/**
 * "ICWS Traffic": a webview view in the ICWS container (a tree cannot show collapsible JSON, a
 * filter box or a virtualised list of thousands of rows), beside the interactions it explains.
 * The recorder runs always, bounded by its ring; the view only renders while it is open.
 */
export class TrafficViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'icws.traffic';
  readonly recorder: TrafficRecorder;
  private view?: vscode.WebviewView;
  private pending: TrafficRow[] = [];
  private flushTimer?: NodeJS.Timeout;
  private readonly disposables: vscode.Disposable[] = [];
  private messageListener?: { dispose(): void };
  private session?: IcwsSession;

  constructor(
    sessions: SessionService,
    capacity: () => number,
    private readonly revealInteraction: (interactionId: string) => Thenable<unknown>,
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
    const recorded = this.recorder.onDidRecord((entry) => this.queue(entry));
    this.disposables.push({ dispose: () => recorded.dispose() });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true };
    const nonce = randomBytes(16).toString('base64');
    view.webview.html = trafficHtml(nonce, view.webview.cspSource);
    view.webview.onDidReceiveMessage((message: FromWebview) => void this.onMessage(message));
    view.onDidDispose(() => (this.view = undefined));
  }

  private async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.postAll();
        this.postSessionBox();
        break;
      case 'select': {
        const entry = this.find(message.seq);
        if (entry) {
          const call = entry.kind === 'call' ? entry.exchange : undefined;
          void this.view?.webview.postMessage({ type: 'details', seq: entry.seq, entry, curl: call ? curlFor(call) : undefined, timing: call?.phases ? describePhases(call.phases) : undefined });
        }
        break;
      }
      case 'copyJson': {
        const entry = this.find(message.seq);
        if (entry) await vscode.env.clipboard.writeText(JSON.stringify(entry.kind === 'call' ? entry.exchange : entry.message, null, 2));
        break;
      }
      case 'copyCurl': {
        const entry = this.find(message.seq);
        if (entry?.kind === 'call') await vscode.env.clipboard.writeText(curlFor(entry.exchange));
        break;
      }
      case 'reveal':
        await this.revealInteraction(message.interactionId);
        break;
      case 'revealSessionId':
        void this.view?.webview.postMessage({ type: 'sessionId', value: this.session?.sessionId ?? '' });
        break;
      case 'save':
        await this.save();
        break;
      case 'open':
        await this.open();
        break;
      case 'clear':
        this.recorder.clear();
        this.postAll();
        break;
    }
  }

  async save(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const uri = target ?? (await vscode.window.showSaveDialog({ filters: { 'ICWS traffic': ['jsonl'] }, saveLabel: 'Save Traffic' }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(this.recorder.toJsonLines(), 'utf8'));
    return uri;
  }

  /** Loads a saved timeline in place of the live one (new traffic is appended after it). */
  async open(source?: vscode.Uri): Promise<number | undefined> {
    const uri = source ?? (await vscode.window.showOpenDialog({ filters: { 'ICWS traffic': ['jsonl'] }, canSelectMany: false }))?.[0];
    if (!uri) return undefined;
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const { recorder, skipped } = TrafficRecorder.fromJsonLines(text);
    if (skipped > 0) void vscode.window.showWarningMessage(`ICWS Traffic: ${skipped} line(s) of ${uri.fsPath} were not traffic entries and were skipped.`);
    this.recorder.restore(recorder.entries());
    this.postAll();
    return recorder.size;
  }

  private find(seq: number): TrafficEntry | undefined {
    return this.recorder.entries().find((entry) => entry.seq === seq);
  }

  private queue(entry: TrafficEntry): void {
    if (!this.view) return; // nothing to render while the view is closed; the ring keeps it
    this.pending.push(rowOf(entry));
    // Bursts of messages become one post to the webview.
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      const rows = this.pending;
      this.pending = [];
      void this.view?.webview.postMessage({ type: 'append', rows, stats: this.recorder.stats, capacity: this.recorder.size });
      this.postSessionBox();
    }, 100);
  }

  private postAll(): void {
    this.pending = [];
    void this.view?.webview.postMessage({ type: 'reset', rows: this.recorder.entries().map(rowOf), stats: this.recorder.stats });
  }

  private postSessionBox(): void {
    const session = this.session;
    void this.view?.webview.postMessage({
      type: 'session',
      server: session?.server ?? '',
      user: session?.identity.userId ?? '',
      connected: session?.isUp ?? false,
      subscriptions: session?.queues.specs().map((spec) => spec.subscriptionId) ?? [],
      stats: this.recorder.stats,
    });
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    this.messageListener?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function rowOf(entry: TrafficEntry): TrafficRow {
  const summary = summarize(entry);
  if (entry.kind === 'call') {
    const e = entry.exchange;
    return { seq: entry.seq, time: entry.time, kind: 'call', summary, status: e.status ?? 0, search: searchText(entry) };
  }
  return { seq: entry.seq, time: entry.time, kind: 'message', summary, group: `${entry.type} ${entry.subscriptionId ?? ''}`, subscriptionId: entry.subscriptionId, search: searchText(entry) };
}
