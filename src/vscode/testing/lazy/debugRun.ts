// A debug run of ICWS tests ("Debug against …"): what helps find why an expectation failed, since a
// notebook is not code to step through. Every request, answer and message of the run goes to the
// test run's output at the cell that caused it (exchanges come redacted from the transport;
// messages go through their session's redactor); a simulator run's sessions are recorded in ICWS
// Traffic under their own name; at the first failure the notebook is shown at the failing cell and
// Traffic at that cell's request. docs/testing.md describes it.
import * as vscode from 'vscode';
import type { HttpExchange } from '../../../icws/httpTypes';
import type { IcwsSession } from '../../../icws/IcwsSession';
import { type DecodedMessage, shortMessageType } from '../../../icws/messages';
import { parseExpectations } from '../../../icws/notebook/expectations/parseExpectations';
import { failureText } from '../../../icws/notebook/expectations';
import type { TrafficEntry } from '../../../traffic/entry';
import type { CellResult, NotebookSessionProvider } from '../../../testing/runNotebook';
import { TRAFFIC_COMMAND } from '../../commands/traffic/trafficCommandIds';
import { plainText } from '../../display/untrustedText';

/** What a debug run needs of ICWS Traffic (TrafficRecording offers it). */
export interface DebugTraffic {
  readonly timeline: { entries(): TrafficEntry[] };
  recordExchangeOf(exchange: HttpExchange, sessionName: string): TrafficEntry;
  recordMessagesOf(session: IcwsSession, sessionName: string): vscode.Disposable;
}

/** Sees what a run writes to its output (the extension's tests use it). */
export type OutputObserver = (text: string, location: vscode.Location | undefined) => void;

/** The longest excerpt of a body or message written to the output. */
const EXCERPT = 600;

interface CurrentCell {
  index: number;
  location?: vscode.Location;
  item?: vscode.TestItem;
  /** The short message types the cell's expectations watch. */
  watched: Set<string>;
}

/** The name of a debug run's simulator session in Traffic: one word before the user, for `session:test:<notebook>`. */
export function testSessionName(notebookName: string, userId: string): string {
  return `test:${notebookName.replace(/\s+/g, '_')} (${userId})`;
}

/** One notebook of a debug run: follows its sessions, writes what they do to the run's output, and shows the first failure. */
export class DebugRecorder implements vscode.Disposable {
  private current?: CurrentCell;
  private readonly followed = new Set<IcwsSession>();
  private readonly exchangesOfCell = new Map<number, HttpExchange[]>();
  private readonly listeners: vscode.Disposable[] = [];
  /** The first cell that failed (a test or a step). */
  firstFailure?: CellResult;

  /**
   * @param trafficName set when this run's sessions are its own (a simulator's): they are recorded
   *   in Traffic under this name; the extension's live sessions are recorded there already.
   */
  constructor(
    private readonly run: vscode.TestRun,
    private readonly document: vscode.NotebookDocument,
    private readonly traffic: DebugTraffic | undefined,
    private readonly trafficName: ((userId: string) => string) | undefined,
    private readonly observeOutput?: OutputObserver,
  ) {}

  /** The provider's sessions, followed as they are handed out. */
  follow(provider: NotebookSessionProvider): NotebookSessionProvider {
    return {
      session: async (name) => {
        const session = await provider.session(name);
        this.followSession(session);
        return session;
      },
    };
  }

  /** An exchange of one of the run's own sessions (from its login on). */
  exchange(exchange: HttpExchange, userId: string): void {
    if (this.trafficName) this.traffic?.recordExchangeOf(exchange, this.trafficName(userId));
    this.note(exchange);
  }

  cellStarted(index: number, source: string, item: vscode.TestItem | undefined): void {
    const cell = index < this.document.cellCount ? this.document.cellAt(index) : undefined;
    this.current = { index, watched: watchedTypes(source), ...(item ? { item } : {}), ...(cell ? { location: new vscode.Location(cell.document.uri, new vscode.Position(0, 0)) } : {}) };
    this.write(`── cell ${index + 1}: ${plainText(item?.label ?? source.split('\n')[0], 120)}`);
  }

  cellEnded(result: CellResult): void {
    // A cell skipped after a failure never started: nothing of it to write.
    if (result.verdict === 'skipped') return;
    const lines: string[] = [];
    for (const outcome of result.run?.outcomes ?? []) lines.push(outcome.passed ? `✔ line ${outcome.expectation.line + 1}: ${outcome.expectation.text.trim()}` : `✘ ${failureText(outcome)}`);
    if (result.run?.problem) lines.push(`✘ ${result.run.problem.message}`);
    else if (result.verdict === 'failed' && !result.run?.outcomes.some((outcome) => !outcome.passed)) lines.push(...result.failures.map((failure) => `✘ ${failure.message}`));
    lines.push(`${result.verdict} in ${Math.round(result.durationMs)} ms`);
    for (const line of lines) this.write(plainText(line, 2000));
    if (result.verdict === 'failed') this.firstFailure ??= result;
    this.current = undefined;
  }

  /** The notebook at the failing cell, and Traffic at its request (filtered to its session). */
  async showFailure(): Promise<void> {
    const failed = this.firstFailure;
    if (!failed) return;
    await vscode.window.showNotebookDocument(this.document, { selections: [new vscode.NotebookRange(failed.index, failed.index + 1)], preview: false });
    const exchanges = (this.exchangesOfCell.get(failed.index) ?? []).filter((exchange) => !isMessagePoll(exchange));
    const last = exchanges.at(-1);
    if (!this.traffic || !last) return;
    const entry = this.traffic.timeline.entries().find((each) => each.kind === 'call' && each.exchange === last);
    // The session filter is one word: the name's first (`test:<notebook>`, `agent1` of "agent1 @ cic-dev").
    const session = last.sessionName?.split(/\s+/)[0];
    if (session) await vscode.commands.executeCommand(TRAFFIC_COMMAND.filter, `session:${session}`);
    if (entry) await vscode.commands.executeCommand(TRAFFIC_COMMAND.revealEntries, entry.seq);
  }

  /** Writes a line to the run's output, at the current cell. */
  write(line: string, location = this.current?.location): void {
    const text = `${line}\r\n`;
    this.run.appendOutput(text, location, this.current?.item);
    this.observeOutput?.(text, location);
  }

  dispose(): void {
    this.listeners.splice(0).forEach((listener) => listener.dispose());
  }

  private followSession(session: IcwsSession): void {
    if (this.followed.has(session)) return;
    this.followed.add(session);
    // The run's own sessions report their exchanges from their login on (`exchange`); live ones from now.
    if (!this.trafficName) this.listeners.push(session.http.onExchange((exchange) => this.note(exchange)));
    else if (this.traffic) this.listeners.push(this.traffic.recordMessagesOf(session, this.trafficName(session.identity.userId)));
    this.listeners.push(session.messages.onMessage((decoded) => this.noteMessage(session, decoded)));
  }

  private note(exchange: HttpExchange): void {
    const cell = this.current;
    if (!cell) return;
    const list = this.exchangesOfCell.get(cell.index) ?? [];
    list.push(exchange);
    this.exchangesOfCell.set(cell.index, list);
    // The channel's polls (one every 100 ms) are in Traffic; here they would bury the cell's request.
    if (!isMessagePoll(exchange)) describeExchange(exchange).forEach((line) => this.write(line));
  }

  private noteMessage(session: IcwsSession, decoded: DecodedMessage): void {
    const cell = this.current;
    if (!cell) return;
    const message = decoded.kind === 'invalid' ? decoded.raw : decoded.message;
    const type = decoded.kind === 'invalid' ? '(invalid)' : shortMessageType(decoded.message.__type);
    const checked = cell.watched.has(type) ? ', checked' : '';
    this.write(`⇠ message ${plainText(type, 120)} (${plainText(session.identity.userId, 60)}${checked}): ${excerpt(session.http.redactor.json(message))}`);
  }
}

/** A request and its answer in a few lines; the transport redacted the exchange before anyone saw it. */
function describeExchange(exchange: HttpExchange): string[] {
  const lines = [`→ ${exchange.method} ${plainText(exchange.url, 300)}`, `  request headers: ${headerText(exchange.requestHeaders)}`];
  if (exchange.requestBody !== undefined) lines.push(`  request body: ${excerpt(exchange.requestBody)}`);
  if (exchange.status === undefined) lines.push(`← no answer after ${Math.round(exchange.durationMs)} ms: ${plainText(exchange.error ?? 'unknown', 500)}`);
  else {
    lines.push(`← ${exchange.status} in ${Math.round(exchange.durationMs)} ms`, `  headers: ${headerText(exchange.responseHeaders ?? {})}`);
    if (exchange.responseBody !== undefined) lines.push(`  body: ${excerpt(exchange.responseBody)}`);
  }
  return lines;
}

function headerText(headers: Record<string, string>): string {
  return plainText(Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('; '), EXCERPT);
}

function excerpt(value: unknown): string {
  return plainText(typeof value === 'string' ? value : JSON.stringify(value), EXCERPT);
}

function isMessagePoll(exchange: HttpExchange): boolean {
  return exchange.method === 'GET' && exchange.template.endsWith('/messaging/messages');
}

/** The message types a cell's expectations watch (none for a cell whose expectations do not parse). */
function watchedTypes(source: string): Set<string> {
  try {
    return new Set(parseExpectations(source).flatMap((expectation) => (expectation.kind === 'message' ? [shortMessageType(expectation.messageType)] : [])));
  } catch {
    return new Set();
  }
}
