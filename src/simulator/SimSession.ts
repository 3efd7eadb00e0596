import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { IcwsMessage } from '../icws/wire';
import type { SimUser } from './directory';

/** Messages kept for a session that is not reading them (no stream open, no poll). */
const OUTBOX_LIMIT = 10_000;

/** One ICWS session on the simulator: its credentials and its message queue. */
export class SimSession {
  readonly csrfToken = randomBytes(24).toString('base64');
  readonly cookieName: string;
  readonly cookieValue: string;
  up = true;
  endReason?: { reason: string; shouldReconnect: boolean };
  private outbox: IcwsMessage[] = [];
  private stream?: ServerResponse;
  private keepAlive?: NodeJS.Timeout;
  private stalled: () => boolean = () => false;
  messagesSent = 0;
  droppedMessages = 0;
  /** Lower-case user ids whose status changes this session is told about. */
  watchedStatuses = new Set<string>();

  constructor(
    readonly id: string,
    readonly user: SimUser,
    readonly language: string,
  ) {
    this.cookieName = `icws_${id}`;
    // The shape seen in production logs; clients must treat it as opaque.
    this.cookieValue = `${randomUUID()}|languageId=${language}`;
  }

  get setCookieHeader(): string {
    return `${this.cookieName}=${this.cookieValue}; Path=/icws/${this.id}; HttpOnly`;
  }

  get hasStream(): boolean {
    return this.stream !== undefined;
  }

  /** Queues a message and sends what is queued, in order, when a stream can take it. */
  send(message: IcwsMessage): void {
    if (!this.up) return;
    this.outbox.push(message);
    if (this.outbox.length > OUTBOX_LIMIT) {
      this.outbox.shift();
      this.droppedMessages++;
    }
    this.flush();
  }

  /** Writes the queue to the open stream, oldest first (never a newer message before an older one). */
  private flush(): void {
    const stream = this.stream;
    // A stalled stream holds messages back (as a wedged, buffering proxy would) and sends nothing.
    if (!stream || this.stalled()) return;
    for (const message of this.drain()) stream.write(`data: ${JSON.stringify(message)}\n\n`);
  }

  /** Short polling: hands over and forgets everything queued. */
  drain(): IcwsMessage[] {
    const messages = this.outbox;
    this.outbox = [];
    this.messagesSent += messages.length;
    return messages;
  }

  /** Server-sent events: one stream per session; a new one replaces the old. */
  attachStream(response: ServerResponse, keepAliveMs: number, stalled: () => boolean = () => false, extraHeaders: Record<string, string> = {}): void {
    this.stalled = stalled;
    this.detachStream();
    response.writeHead(200, {
      ...extraHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write(':connected\n\n');
    this.stream = response;
    this.flush();
    this.keepAlive = setInterval(() => {
      if (this.stalled()) return;
      this.flush();
      response.write(':ping\n\n');
    }, keepAliveMs);
    this.keepAlive.unref?.();
    response.once('close', () => {
      if (this.stream === response) this.detachStream();
    });
  }

  detachStream(): void {
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    const stream = this.stream;
    this.stream = undefined;
    if (stream && !stream.writableEnded) stream.end();
  }

  end(reason: string, shouldReconnect: boolean): void {
    if (!this.up) return;
    this.up = false;
    this.endReason = { reason, shouldReconnect };
    this.outbox = [];
    this.detachStream();
  }
}
