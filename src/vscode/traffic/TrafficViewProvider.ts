import * as vscode from 'vscode';
import { curlFor, describePhases, type IcwsSession, summarize, TrafficRecorder, type TrafficEntry } from '../../icws';
import { plainText } from '../display/untrustedText';
import type { SessionService } from '../session/SessionService';
import { trafficPage } from './trafficPage';
import { type FromTrafficPage, fromTrafficPageSchema, type ToTrafficPage, type TrafficRow } from './trafficProtocol';

/** Larger captures than this are refused rather than read into memory. */
const MAX_TRAFFIC_FILE_BYTES = 200 * 1_048_576;

/**
 * "ICWS Traffic": a webview view in the ICWS container (a tree cannot show collapsible JSON, a
 * filter box or a virtualised list of thousands of rows), beside the interactions it explains.
 * The recorder runs always, bounded by its ring; the page is fed only while it is visible, and
 * catches up from the recorder when shown again. Filtering runs here, over the recorder, so the
 * page holds one short row per entry and no bodies.
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
  private filterText = '';
  /** Messages from the page that were not of its protocol (a compromised page, or a bug). */
  rejectedMessages = 0;
  /** Messages posted to the page (none while it is hidden). */
  postedMessages = 0;

  constructor(
    sessions: SessionService,
    capacity: () => number,
    private readonly extensionUri: vscode.Uri,
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
      if (!view.visible) this.pending = [];
    });
    view.onDidDispose(() => {
      this.view = undefined;
      this.pending = [];
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
        const entry = this.find(message.seq);
        if (entry) {
          const call = entry.kind === 'call' ? entry.exchange : undefined;
          this.post({ type: 'details', seq: entry.seq, entry, curl: call ? curlFor(call) : undefined, timing: call?.phases ? describePhases(call.phases) : undefined });
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
        this.post({ type: 'sessionId', value: this.session?.sessionId ?? '' });
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
      case 'filter':
        this.filterText = message.text;
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

  /**
   * Loads a saved timeline in place of the live one (new traffic is appended after it). A file
   * that is not a traffic file is refused whole, with the line and field, and the timeline kept.
   */
  async open(source?: vscode.Uri): Promise<number | undefined> {
    const uri = source ?? (await vscode.window.showOpenDialog({ filters: { 'ICWS traffic': ['jsonl'] }, canSelectMany: false }))?.[0];
    if (!uri) return undefined;
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > MAX_TRAFFIC_FILE_BYTES) throw new Error(`the file has ${(size / 1_048_576).toFixed(0)} MB; at most ${MAX_TRAFFIC_FILE_BYTES / 1_048_576} MB can be opened`);
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      const loaded = TrafficRecorder.fromJsonLines(text, this.recorder.capacity);
      this.recorder.restore(loaded.entries());
    } catch (error) {
      void vscode.window.showErrorMessage(plainText(`ICWS Traffic: ${uri.fsPath} was not opened: ${error instanceof Error ? error.message : String(error)}. The timeline is unchanged.`, 1_000));
      return undefined;
    }
    this.postAll();
    return this.recorder.size;
  }

  /**
   * "ICWS: Open Traffic File…": the file given (Explorer's context menu), else the .jsonl file in
   * the active editor, else a file dialog. Shows the view once the timeline is loaded.
   */
  async openFromCommand(argument?: unknown): Promise<number | undefined> {
    const active = vscode.window.activeTextEditor?.document.uri;
    const uri = argument instanceof vscode.Uri ? argument : active?.path.endsWith('.jsonl') ? active : undefined;
    const loaded = await this.open(uri);
    if (loaded !== undefined) await vscode.commands.executeCommand(`${TrafficViewProvider.viewId}.focus`);
    return loaded;
  }

  private find(seq: number): TrafficEntry | undefined {
    return this.recorder.entries().find((entry) => entry.seq === seq);
  }

  private post(message: ToTrafficPage): void {
    if (!this.isVisible || !this.view) return;
    this.postedMessages++;
    void this.view.webview.postMessage(message);
  }

  private matches(entry: TrafficEntry): boolean {
    return !this.filterText.trim() || this.recorder.matches(entry, this.filterText);
  }

  private queue(entry: TrafficEntry): void {
    if (!this.isVisible || !this.matches(entry)) return; // a hidden page catches up when shown
    this.pending.push(rowOf(entry));
    // Bursts of messages become one post to the page.
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      const rows = this.pending;
      this.pending = [];
      if (rows.length) this.post({ type: 'append', rows, capacity: this.recorder.capacity });
      this.postSessionBox();
    }, 100);
  }

  private postAll(): void {
    this.pending = [];
    if (!this.isVisible) return;
    this.post({ type: 'reset', rows: this.recorder.filter(this.filterText).map(rowOf), capacity: this.recorder.capacity, filter: this.filterText });
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
    clearTimeout(this.flushTimer);
    this.messageListener?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function rowOf(entry: TrafficEntry): TrafficRow {
  const summary = summarize(entry);
  if (entry.kind === 'call') return { seq: entry.seq, time: entry.time, kind: 'call', summary, status: entry.exchange.status ?? 0 };
  return { seq: entry.seq, time: entry.time, kind: 'message', summary, group: `${entry.type} ${entry.subscriptionId ?? ''}`, subscriptionId: entry.subscriptionId };
}
