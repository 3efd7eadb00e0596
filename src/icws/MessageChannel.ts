import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Backoff, sleep } from './Backoff';
import { Emitter } from './events';
import type { IcwsHttp } from './http';
import { IcwsError } from './IcwsError';
import { nestedTooDeep, nestsDeeperThan, parseAnswer } from './jsonDepth';
import type { IcwsLog } from './log';
import { type DecodedMessage, decodeMessage, shortMessageType } from './messages';

export type MessagingMode = 'sse' | 'polling';

export interface MessageChannelOptions {
  mode: MessagingMode;
  /** Pause between two short polls (one request in flight at a time). */
  pollIntervalMs?: number;
  /**
   * An SSE stream silent for this long (no event, no keep-alive) is treated as stalled and
   * reopened. Before the headers arrive, the transport's stream-headers timeout applies instead.
   */
  staleAfterMs?: number;
  /** First reconnect delay; doubles up to `maxBackoffMs`, with jitter. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  log: IcwsLog;
}

export type ChannelState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'stopped';

const MESSAGES = '/icws/{sessionId}/messaging/messages';

/**
 * The session's one message channel: server-sent events where the server offers them, short
 * polling otherwise. It decodes each message once and hands it to listeners; after a gap
 * (reconnect) it says so, because messages may have been lost and subscriptions need a fresh
 * snapshot.
 */
export class MessageChannel {
  private readonly messageEmitter = new Emitter<DecodedMessage>();
  private readonly stateEmitter = new Emitter<ChannelState>();
  private readonly reconnectEmitter = new Emitter<void>();
  private readonly endEmitter = new Emitter<IcwsError>();
  private readonly heartbeatEmitter = new Emitter<void>();
  private readonly interruptEmitter = new Emitter<string>();
  readonly onMessage = this.messageEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fired when the channel is open again after a gap: messages may have been missed. */
  readonly onDidReconnect = this.reconnectEmitter.event;
  /** Fired once when the server says the session is over (401). */
  readonly onSessionEnded = this.endEmitter.event;
  /** A sign of life that is not a message: a keep-alive comment on the stream, or a poll answered. */
  readonly onHeartbeat = this.heartbeatEmitter.event;
  /** The channel was interrupted and will retry; the reason in words (redacted). */
  readonly onDidInterrupt = this.interruptEmitter.event;
  /** When the channel last became open (Date.now()), undefined while it is not open. */
  openSince?: number;

  private currentState: ChannelState = 'idle';
  private stopController?: AbortController;
  private readonly backoff: Backoff;
  private hadGap = false;
  messagesReceived = 0;

  constructor(
    private readonly http: IcwsHttp,
    private readonly options: MessageChannelOptions,
  ) {
    this.backoff = new Backoff({ initialMs: options.initialBackoffMs, maxMs: options.maxBackoffMs });
    // The channel lives no longer than the session's transport.
    http.lifetime.addEventListener('abort', () => this.stop(), { once: true });
  }

  get state(): ChannelState {
    return this.currentState;
  }

  get mode(): MessagingMode {
    return this.options.mode;
  }

  /**
   * The longest silence the channel itself expects: the poll interval, or for a stream the silence
   * after which it is reopened (the server's keep-alive interval is not documented).
   */
  get expectedSilenceMs(): number {
    return this.options.mode === 'polling' ? (this.options.pollIntervalMs ?? 1_000) : (this.options.staleAfterMs ?? 60_000);
  }

  /** Starts the channel; calling it again while running does nothing (one channel per session). */
  start(): void {
    if (this.stopController || this.http.isClosed) return;
    const controller = new AbortController();
    this.stopController = controller;
    this.setState('connecting');
    const loop = this.options.mode === 'sse' ? this.runServerSentEvents(controller.signal) : this.runPolling(controller.signal);
    loop.catch((error) => this.options.log.error(`ICWS messaging stopped unexpectedly: ${String(error)}`));
  }

  /** Ends the channel at once: a poll or stream in any phase is aborted, a back-off wait ends. */
  stop(): void {
    this.stopController?.abort();
    this.stopController = undefined;
    this.setState('stopped');
  }

  private setState(state: ChannelState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.openSince = state === 'open' ? Date.now() : undefined;
    this.stateEmitter.fire(state);
  }

  private deliver(raw: unknown): void {
    this.messagesReceived++;
    const decoded = decodeMessage(raw);
    const log = this.options.log;
    if (decoded.kind === 'invalid') log.warn(`ICWS message skipped: ${decoded.reason}`);
    else if (decoded.kind === 'unknown') log.debug(`ICWS message of unhandled type ${shortMessageType(decoded.message.__type)} skipped`);
    else log.debug(`ICWS message ${shortMessageType(decoded.message.__type)}${subscriptionSuffix(decoded)}`);
    if (decoded.kind !== 'invalid' && (log.isTraceEnabled?.() ?? true)) log.trace(JSON.stringify(this.http.redactor.json(decoded.message)));
    this.messageEmitter.fire(decoded);
  }

  private opened(): void {
    this.setState('open');
    this.backoff.reset();
    if (this.hadGap) {
      this.hadGap = false;
      this.reconnectEmitter.fire();
    }
  }

  /** Returns false when the channel must stop (stopped, or the session ended). */
  private async afterFailure(signal: AbortSignal, error: unknown): Promise<boolean> {
    if (signal.aborted) return false;
    if (error instanceof IcwsError && error.kind === 'session-ended') {
      this.stopController = undefined;
      this.setState('stopped');
      this.endEmitter.fire(error);
      return false;
    }
    this.hadGap = true;
    this.setState('reconnecting');
    this.interruptEmitter.fire(this.http.redactor.text(describeFailure(error)));
    const delay = this.backoff.nextDelayMs();
    this.options.log.info(`ICWS messaging ${describeFailure(error)}; retrying in ${Math.round(delay)} ms`);
    return sleep(delay, signal);
  }

  private async runPolling(signal: AbortSignal): Promise<void> {
    const interval = this.options.pollIntervalMs ?? 1_000;
    while (!signal.aborted) {
      try {
        const result = await this.http.request<unknown>({ method: 'GET', template: MESSAGES, operation: 'polling for messages', signal, eachItemBounded: true });
        if (signal.aborted) return;
        this.opened();
        this.heartbeatEmitter.fire();
        if (result.itemsTooDeep) this.options.log.warn(`ICWS message${result.itemsTooDeep === 1 ? '' : `s (${result.itemsTooDeep})`} skipped: ${nestedTooDeep()}`);
        if (Array.isArray(result.body)) for (const raw of result.body) this.deliver(raw);
        else if (result.body !== undefined) this.options.log.warn('ICWS messages response was not an array; skipped');
        await sleep(interval, signal);
      } catch (error) {
        if (!(await this.afterFailure(signal, error))) return;
      }
    }
  }

  private async runServerSentEvents(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.readOneStream(signal);
        if (signal.aborted) return;
        throw new Error('the event stream closed');
      } catch (error) {
        if (!(await this.afterFailure(signal, error))) return;
      }
    }
  }

  /** Reads one SSE response until it ends, fails, stalls or the channel stops. */
  private async readOneStream(signal: AbortSignal): Promise<void> {
    const operation = 'opening the event stream';
    const stream = await this.http.openEventStream({ method: 'GET', template: MESSAGES, operation, headers: { accept: 'text/event-stream' }, signal });
    stream.body.setEncoding('utf8');
    if (stream.status !== 200) {
      try {
        // Read the error body so the failure carries the server's message (masked: it may repeat the secrets).
        let text = '';
        for await (const chunk of stream.body) text += chunk;
        throw IcwsError.fromResponse(operation, stream.status, this.http.redactor.json(safeJson(text)));
      } finally {
        stream.close();
      }
    }
    this.opened();
    const staleAfter = this.options.staleAfterMs ?? 60_000;
    await new Promise<void>((resolve, reject) => {
      let staleTimer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(staleTimer);
        signal.removeEventListener('abort', onAbort);
        stream.close();
        if (error) reject(error);
        else resolve();
      };
      const armStaleTimer = () => {
        clearTimeout(staleTimer);
        staleTimer = setTimeout(() => settle(new Error(`the event stream was silent for ${staleAfter} ms`)), staleAfter);
      };
      const onAbort = () => settle();
      if (signal.aborted) return settle();
      signal.addEventListener('abort', onAbort);
      const parser = createParser({
        onEvent: (event: EventSourceMessage) => {
          if (event.event && event.event !== 'message') return;
          let raw: unknown;
          try {
            raw = JSON.parse(event.data);
          } catch {
            this.options.log.warn('ICWS event skipped: its data is not JSON');
            return;
          }
          if (nestsDeeperThan(raw)) {
            this.options.log.warn(`ICWS message skipped: ${nestedTooDeep()}`);
            return;
          }
          this.deliver(raw);
        },
        onComment: () => this.heartbeatEmitter.fire(),
      });
      armStaleTimer();
      stream.body.on('data', (chunk: string) => {
        armStaleTimer();
        parser.feed(chunk);
      });
      stream.body.once('end', () => settle());
      stream.body.once('close', () => settle());
      stream.body.once('error', (error: Error) => settle(signal.aborted ? undefined : error));
    });
  }
}

function subscriptionSuffix(decoded: DecodedMessage): string {
  if (decoded.kind === 'queueContents' || decoded.kind === 'queueSubscriptionState') return ` (${decoded.message.subscriptionId})`;
  return '';
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) return `interrupted (${error.message})`;
  return 'interrupted';
}

function safeJson(text: string): unknown {
  const body = parseAnswer(text);
  return body.ok ? body.value : undefined;
}
