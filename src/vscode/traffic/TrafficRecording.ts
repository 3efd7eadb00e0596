import * as vscode from 'vscode';
import { type ConnectionProfile, DisposableOwner, type HttpExchange, type IcwsSession } from '../../icws';
import { type CallEntry, indexOfSeq, resend, type TrafficEntry, TrafficTimeline } from '../../traffic';
import type { SessionService } from '../session/SessionService';

/** What a replay did: the entry its exchange was recorded as (a failure too), and the error, if any. */
export interface ReplayOutcome {
  replayed?: TrafficEntry;
  error?: unknown;
}

/**
 * Records the sessions' traffic into one timeline, always (bounded by its ring), whether or not the
 * Traffic panel is shown: every exchange, and the messages of every live session. Built
 * once in extension.ts; the panel and the traffic commands work on the timeline through it. It
 * keeps the context keys the commands' palette entries are shown by.
 */
export class TrafficRecording extends DisposableOwner implements vscode.Disposable {
  readonly timeline: TrafficTimeline;
  private current?: IcwsSession;
  private readonly sessionEmitter = this.register(new vscode.EventEmitter<IcwsSession | undefined>());
  /** The session whose messages are recorded changed (its replays, its session box). */
  readonly onDidChangeSession = this.sessionEmitter.event;
  private readonly contextValues = new Map<string, boolean>();

  constructor(
    private readonly sessions: SessionService,
    capacity: () => number,
  ) {
    super();
    this.timeline = new TrafficTimeline(capacity());
    this.register(this.timeline.onDidRecord(({ entry }) => this.noteEntry(entry)));
    this.register(this.timeline.onDidReset(() => this.recount()));
    this.register(sessions.onDidExchange((exchange) => this.timeline.recordExchange(exchange)));
    this.register(sessions.forward((session) => session.messages.onMessage)(({ session, value }) => this.timeline.recordMessage(value, session.http.redactor, Date.now(), this.sessions.profileOf(session)?.name)));
    this.register(sessions.onDidAddSession((session) => this.follow(session)));
    this.register(sessions.onDidRemoveSession((session) => session === this.current && this.follow(this.sessions.sessions.at(-1))));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('icws.traffic.capacity')) this.timeline.setCapacity(capacity());
      }),
    );
  }

  /** The current session: the one whose messages are recorded and with which calls are replayed. */
  get session(): IcwsSession | undefined {
    return this.current;
  }

  /** The profile of a live session (whether it is production, its name), for the replay's guard. */
  profileOf(session: IcwsSession): ConnectionProfile | undefined {
    return this.sessions.profileOf(session);
  }

  /**
   * Records an exchange of a session the service does not hold (a debug test run's simulator
   * sessions), under its own name, so the panel's session filter and Save as Test work on it.
   */
  recordExchangeOf(exchange: HttpExchange, sessionName: string): TrafficEntry {
    exchange.sessionName = sessionName;
    return this.timeline.recordExchange(exchange);
  }

  /** Records the messages of a session the service does not hold, under its own name, until released. */
  recordMessagesOf(session: IcwsSession, sessionName: string): vscode.Disposable {
    return session.messages.onMessage((decoded) => this.timeline.recordMessage(decoded, session.http.redactor, Date.now(), sessionName));
  }

  find(seq: number): TrafficEntry | undefined {
    const entries = this.timeline.entries();
    return entries[indexOfSeq(entries, seq)];
  }

  /** Sends a recorded call again with `session` (which must be up), and finds the entry the replay was recorded as. */
  async replay(call: CallEntry, session: IcwsSession): Promise<ReplayOutcome> {
    let replayed: TrafficEntry | undefined;
    // The replay's own entry, recorded by the exchange hook while it runs (a failure too).
    const recorded = this.timeline.onDidRecord(({ entry }) => {
      if (entry.kind === 'call' && entry.exchange.operation.startsWith('replay of')) replayed ??= entry;
    });
    try {
      await resend(session.http, call.exchange);
      return { replayed };
    } catch (error) {
      return { replayed, error };
    } finally {
      recorded.dispose();
    }
  }

  /** The newest live session is the current one: its replays, its session box. */
  private follow(session: IcwsSession | undefined): void {
    this.current = session;
    this.sessionEmitter.fire(session);
  }

  // The palette shows a traffic command only when there is something for it (package.json's
  // `commandPalette` when-clauses). Set on a change only: entries arrive by the thousand.
  private noteEntry(entry: TrafficEntry): void {
    this.setContext('icws.traffic.hasEntries', true);
    if (entry.kind === 'call') this.setContext('icws.traffic.hasCalls', true);
  }

  private recount(): void {
    const entries = this.timeline.entries();
    this.setContext('icws.traffic.hasEntries', entries.length > 0);
    this.setContext('icws.traffic.hasCalls', entries.some((entry) => entry.kind === 'call'));
  }

  private setContext(key: string, value: boolean): void {
    if (this.contextValues.get(key) === value) return;
    this.contextValues.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
