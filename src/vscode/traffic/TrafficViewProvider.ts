import * as path from 'node:path';
import * as vscode from 'vscode';
import { DisposableOwner } from '../../icws/lifecycle';
import { documentationUrl } from '../../icws/catalog/documentation';
import { indexOfSeq, parseTrafficFilter, type RecordedEntry, relationsOf, rowOf, type TrafficEntry, type TrafficFilter } from '../../traffic';
import { OPEN_WITH_DIALOG, TRAFFIC_COMMAND } from '../commands/traffic/trafficCommandIds';
import { packRows } from './rowCodec';
import { RowBatcher } from './RowBatcher';
import { trafficPage } from './trafficPage';
import type * as PageMessages from './pageMessages';
import { type FromTrafficPage, type ToTrafficPage, type TrafficRow } from './trafficProtocol';
import type { TrafficRecording } from './TrafficRecording';

/** The key of the page's column choices in the extension's global state. */
const COLUMNS_KEY = 'icws.traffic.columns';

/** What the page's copy buttons run. */
const COPY_COMMANDS = { curl: TRAFFIC_COMMAND.copyAsCurl, fetch: TRAFFIC_COMMAND.copyAsFetch, json: TRAFFIC_COMMAND.copyAsJson } as const;

/**
 * "ICWS Traffic": a webview view in the panel area (beside Output and Terminal, at full width: a
 * tree cannot show a sortable table, tabs of details or a waterfall). It only hosts the page: it
 * shows the recording's timeline and routes the page's buttons to the traffic commands
 * (commands/traffic/). The page is fed only while it is visible, and catches up from the timeline
 * when shown again. Filtering runs here, over the timeline, so the page holds one short row per
 * entry and no bodies; details are sent for the selected entry only.
 */
export class TrafficViewProvider extends DisposableOwner implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'icws.traffic';
  private view?: vscode.WebviewView;
  private readonly rows = this.register(new RowBatcher((rows) => this.postRows(rows)));
  private filterText = '';
  /** The filter, parsed once per change (new entries are tested against it as they arrive). */
  private filter: TrafficFilter = parseTrafficFilter('');
  private selected?: number;
  /** Whether the page has said "ready" since it was (re)built: until then posts would be lost. */
  private pageReady = false;
  /** An entry to select once the page is ready (asked for while the panel was closed or loading). */
  private pendingReveal?: number;
  private selection: readonly number[] = [];
  private loadedPageMessages?: typeof PageMessages;
  /** Messages from the page that were not of its protocol (a compromised page, or a bug). */
  rejectedMessages = 0;
  /** Messages posted to the page (none while it is hidden). */
  postedMessages = 0;

  constructor(
    private readonly recording: TrafficRecording,
    private readonly extensionUri: vscode.Uri,
    private readonly revealInteraction: (interactionId: string) => Thenable<unknown>,
    /** Where the page's column set is kept (it outlives a reload of the window). */
    private readonly columnStore?: vscode.Memento,
  ) {
    super();
    this.register(recording.timeline.onDidRecord((added) => this.queue(added)));
    this.register(recording.timeline.onDidReset(() => this.postAll()));
    this.register(recording.onDidChangeSession(() => this.postSessionBox()));
  }

  /** Whether the page is on screen now (a hidden page is neither fed nor kept alive). */
  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  /** The entry last selected on the page (the palette's traffic commands work on it); it may have left the timeline since. */
  get selectedSeq(): number | undefined {
    return this.selected;
  }

  /** The entries selected on the page, in arrival order (Save as Test… converts them when there are several). */
  get selectedSeqs(): readonly number[] {
    return this.selection;
  }

  /** The filter the page shows its rows by ('' for none): "Export Filtered Traffic" exports what it keeps. */
  get shownFilter(): string {
    return this.filterText;
  }

  /** Shows the entries this filter keeps (the page's box says it too). */
  setFilter(text: string): void {
    this.filterText = text;
    this.filter = parseTrafficFilter(text);
    this.postAll();
  }

  /** Shows the panel. */
  async show(): Promise<void> {
    await vscode.commands.executeCommand(`${TrafficViewProvider.viewId}.focus`);
  }

  /** Selects an entry on the page: now when it is shown, else as soon as it is (a replay from the palette, a Session Health link). */
  reveal(seq: number): void {
    if (this.isVisible && this.pageReady) this.post({ type: 'reveal', seq });
    else this.pendingReveal = seq;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.pageReady = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webviews')] };
    view.webview.html = trafficPage(view.webview, this.extensionUri);
    view.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    view.onDidChangeVisibility(() => {
      // The page was torn down while hidden; it says "ready" when back, and catches up then.
      if (view.visible) return;
      this.pageReady = false;
      this.rows.discard();
    });
    view.onDidDispose(() => {
      this.view = undefined;
      this.rows.discard();
    });
  }

  /** The page's message checks, from their own bundle on the first message (see pageMessages.ts). */
  private pageMessages(): typeof PageMessages {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.loadedPageMessages ??= require(path.join(this.extensionUri.fsPath, 'dist', 'trafficPage.js')) as typeof PageMessages;
    return this.loadedPageMessages;
  }

  private async receive(raw: unknown): Promise<void> {
    const message = this.pageMessages().parsePageMessage(raw);
    if (!message) {
      this.rejectedMessages++;
      return;
    }
    await this.onMessage(message);
  }

  private async onMessage(message: FromTrafficPage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        // A page built anew has no selection yet (it says so when it restores its focused row).
        this.selection = [];
        const choices = this.columnStore?.get<Record<string, boolean>>(COLUMNS_KEY);
        if (choices) this.post({ type: 'columns', choices });
        this.postAll();
        this.postSessionBox();
        this.pageReady = true;
        const pending = this.pendingReveal;
        this.pendingReveal = undefined;
        if (pending !== undefined) this.reveal(pending);
        break;
      }
      case 'columns':
        await this.columnStore?.update(COLUMNS_KEY, message.choices);
        break;
      case 'select': {
        this.selected = message.seq;
        // One copy of the timeline serves the lookup and the relations.
        const entries = this.recording.timeline.entries();
        const entry = entries[indexOfSeq(entries, message.seq)];
        if (entry) this.post({ type: 'details', ...this.detailsOf(entry, entries) });
        break;
      }
      case 'selection':
        this.selection = message.seqs;
        break;
      case 'saveAsTest':
        await vscode.commands.executeCommand(TRAFFIC_COMMAND.saveAsTest);
        break;
      case 'revealSessionId':
        this.post({ type: 'sessionId', value: this.recording.session?.sessionId ?? '' });
        break;
      case 'reveal':
        await this.revealInteraction(message.interactionId);
        break;
      case 'filter':
        this.setFilter(message.text);
        break;
      // The buttons: each is a command, the same one the palette runs.
      case 'copy':
        await vscode.commands.executeCommand(COPY_COMMANDS[message.as], message.seq);
        break;
      case 'replay':
        await vscode.commands.executeCommand(TRAFFIC_COMMAND.replay, message.seq);
        break;
      case 'toNotebook':
        await vscode.commands.executeCommand(TRAFFIC_COMMAND.openInNotebook, message.seq);
        break;
      case 'openDocs':
        await vscode.commands.executeCommand(TRAFFIC_COMMAND.openDocumentation, message.seq);
        break;
      case 'save':
        await vscode.commands.executeCommand(message.format === 'har' ? TRAFFIC_COMMAND.exportHar : TRAFFIC_COMMAND.save);
        break;
      case 'open':
        await vscode.commands.executeCommand(TRAFFIC_COMMAND.openFile, OPEN_WITH_DIALOG);
        break;
      case 'clear':
        await vscode.commands.executeCommand(TRAFFIC_COMMAND.clear);
        break;
    }
  }

  private detailsOf(entry: TrafficEntry, entries: readonly TrafficEntry[]) {
    const relations = relationsOf(entry, entries);
    return {
      seq: entry.seq,
      entry,
      name: rowOf(entry).name,
      hasDocs: entry.kind === 'call' && documentationUrl(entry.exchange.template) !== undefined,
      canReplay: entry.kind === 'call' && (this.recording.session?.isUp ?? false),
      related: relations.messages.map(rowOf),
      cause: relations.cause ? rowOf(relations.cause) : undefined,
    };
  }

  private post(message: ToTrafficPage): void {
    if (!this.isVisible || !this.view) return;
    this.postedMessages++;
    void this.view.webview.postMessage(message);
  }

  private queue({ row, searchText }: RecordedEntry): void {
    if (!this.isVisible) return; // a hidden page catches up when shown
    // An entry the filter hides still opens a batch: the session box's counts change with it.
    if (this.filter.matches(row, searchText)) this.rows.add(row);
    else this.rows.touch();
  }

  private postRows(rows: TrafficRow[]): void {
    this.post({ type: 'append', rows: packRows(rows), capacity: this.recording.timeline.capacity, stats: this.recording.timeline.stats });
  }

  private postAll(): void {
    this.rows.discard();
    if (!this.isVisible) return;
    this.post({ type: 'reset', rows: packRows(this.recording.timeline.filterRows(this.filterText)), capacity: this.recording.timeline.capacity, filter: this.filterText, stats: this.recording.timeline.stats });
  }

  private postSessionBox(): void {
    const session = this.recording.session;
    this.post({
      type: 'session',
      server: session?.server ?? '',
      user: session?.identity.userId ?? '',
      connected: session?.isUp ?? false,
      subscriptions: session?.queues.specs().map((spec) => spec.subscriptionId) ?? [],
    });
  }
}
