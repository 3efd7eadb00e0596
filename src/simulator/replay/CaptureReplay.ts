// Replays a session captured by the Traffic panel (saved as JSON lines or exported as HAR): the messages the real
// server sent are sent again, in order and with their timing (or faster), to a client that logs
// in and subscribes to a captured subscription, so a customer's bug can be reproduced without
// their server. Captures hold no secrets (the recorder redacts them).
import type { IcwsMessage } from '../../icws/wire';
import { fromHar } from '../../traffic/formats/har';
import { readTrafficLines } from '../../traffic/formats/jsonLines';
import type { SimSession } from '../SimSession';

export interface CapturedMessage {
  /** Milliseconds after the capture's first message. */
  offsetMs: number;
  subscriptionId?: string;
  message: IcwsMessage;
}

/** The messages of a saved timeline, JSON lines or HAR (checked field by field like any traffic file). */
export function readCapture(text: string): CapturedMessage[] {
  const entries = /^\s*\{\s*"log"\s*:/.test(text) ? fromHar(text).entries : readTrafficLines(text);
  const messages = entries.flatMap((entry) => (entry.kind === 'message' && typeof entry.message === 'object' && entry.message !== null ? [entry] : []));
  const start = messages[0]?.time ?? 0;
  return messages.map((entry) => ({ offsetMs: Math.max(0, entry.time - start), subscriptionId: entry.subscriptionId, message: entry.message as IcwsMessage }));
}

export class CaptureReplay {
  private readonly started = new WeakSet<SimSession>();
  private readonly subscriptions: ReadonlySet<string>;

  constructor(
    private readonly messages: readonly CapturedMessage[],
    private readonly later: (ms: number, action: () => void) => void,
    private readonly speed = 1,
  ) {
    this.subscriptions = new Set(messages.flatMap((m) => (m.subscriptionId ? [m.subscriptionId] : [])));
  }

  /** A session subscribed: when the capture knows that subscription, its messages start (once per session). */
  subscribed(session: SimSession, subscriptionId: string): boolean {
    if (!this.subscriptions.has(subscriptionId) || this.started.has(session)) return this.subscriptions.has(subscriptionId);
    this.started.add(session);
    for (const captured of this.messages) this.later(captured.offsetMs / this.speed, () => session.up && session.send(captured.message));
    return true;
  }
}
