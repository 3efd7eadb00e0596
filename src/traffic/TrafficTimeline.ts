// The timeline of what a client said to the server and what came back: HTTP calls and messages,
// in one bounded, time-ordered list (the model behind the "ICWS Traffic" panel). Everything in it
// is already redacted; it can be saved (see formats/) and loaded back for a bug report.

import { Emitter } from '../icws/events';
import type { HttpExchange } from '../icws/httpTypes';
import { type DecodedMessage, shortMessageType } from '../icws/messages';
import type { Redactor } from '../icws/redact';
import { searchText, type TrafficEntry } from './entry';
import { parseTrafficFilter } from './filter';
import { rowOf, type TrafficRow } from './rows';

export interface TrafficStats {
  calls: number;
  messages: number;
  bytesSent: number;
  bytesReceived: number;
  /** Entries dropped from the front of the ring. */
  dropped: number;
}

export const DEFAULT_TRAFFIC_CAPACITY = 5_000;

/** A new entry with what was made of it once: its table row and the text a filter searches. */
export interface RecordedEntry {
  entry: TrafficEntry;
  row: TrafficRow;
  searchText: string;
}

export class TrafficTimeline {
  private ring: TrafficEntry[] = [];
  /**
   * The text a filter searches, per entry, at the same index as the entry in the ring: made once
   * when the entry is recorded, so a filter over 100,000 entries is a substring test per entry,
   * not a serialisation of every body per keystroke.
   */
  private texts: string[] = [];
  /** The table row of each entry, made once too (the same index again). */
  private rowRing: TrafficRow[] = [];
  private start = 0;
  private nextSeq = 1;
  private readonly recordEmitter = new Emitter<RecordedEntry>();
  readonly onDidRecord = this.recordEmitter.event;
  private readonly resetEmitter = new Emitter<void>();
  /** The timeline changed other than by an entry added at the end: cleared, resized or replaced. */
  readonly onDidReset = this.resetEmitter.event;
  readonly stats: TrafficStats = { calls: 0, messages: 0, bytesSent: 0, bytesReceived: 0, dropped: 0 };

  constructor(private maxEntries = DEFAULT_TRAFFIC_CAPACITY) {}

  get capacity(): number {
    return this.maxEntries;
  }

  recordExchange(exchange: HttpExchange): TrafficEntry {
    this.stats.calls++;
    this.stats.bytesSent += exchange.requestBytes;
    this.stats.bytesReceived += exchange.responseBytes;
    return this.push({ kind: 'call', seq: this.nextSeq++, time: exchange.startedAt, exchange });
  }

  /** A message as received; its content is redacted with the session's redactor. `sessionName` names the session it came to. */
  recordMessage(decoded: DecodedMessage, redactor: Redactor, time = Date.now(), sessionName?: string): TrafficEntry {
    const message = redactor.json(decoded.kind === 'invalid' ? decoded.raw : decoded.message);
    const bytes = Buffer.byteLength(JSON.stringify(message) ?? '');
    this.stats.messages++;
    this.stats.bytesReceived += bytes;
    const type = decoded.kind === 'invalid' ? '(invalid)' : shortMessageType(decoded.message.__type);
    const subscriptionId = decoded.kind !== 'invalid' && typeof decoded.message.subscriptionId === 'string' ? decoded.message.subscriptionId : undefined;
    return this.push({ kind: 'message', seq: this.nextSeq++, time, type, subscriptionId, message, bytes, ...(sessionName ? { sessionName } : {}) });
  }

  /** Oldest first. */
  entries(): TrafficEntry[] {
    return this.inOrder(this.ring);
  }

  private inOrder<T>(ring: T[]): T[] {
    return [...ring.slice(this.start), ...ring.slice(0, this.start)];
  }

  get size(): number {
    return this.ring.length;
  }

  setCapacity(capacity: number): void {
    const entries = this.entries();
    const texts = this.inOrder(this.texts);
    const rows = this.inOrder(this.rowRing);
    this.maxEntries = Math.max(1, Math.floor(capacity));
    const from = Math.max(0, entries.length - this.maxEntries);
    this.stats.dropped += from;
    this.ring = entries.slice(from);
    this.texts = texts.slice(from);
    this.rowRing = rows.slice(from);
    this.start = 0;
    this.resetEmitter.fire();
  }

  clear(): void {
    this.ring = [];
    this.texts = [];
    this.rowRing = [];
    this.start = 0;
    this.resetEmitter.fire();
  }

  /** Entries the filter matches: words in a summary, template or body (case-insensitive), and properties (see filter.ts). */
  filter(text: string): TrafficEntry[] {
    return this.select(text, this.ring);
  }

  /** The table rows of the entries `filter` finds. */
  filterRows(text: string): TrafficRow[] {
    return this.select(text, this.rowRing);
  }

  private select<T>(text: string, ring: T[]): T[] {
    const filter = parseTrafficFilter(text);
    if (filter.empty) return this.inOrder(ring);
    const found: T[] = [];
    const size = ring.length;
    for (let i = 0; i < size; i++) {
      const at = (this.start + i) % size;
      if (filter.matches(this.rowRing[at]!, this.texts[at]!)) found.push(ring[at]!);
    }
    return found;
  }

  matches(entry: TrafficEntry, text: string): boolean {
    const filter = parseTrafficFilter(text);
    return filter.empty || filter.matches(rowOf(entry), searchText(entry));
  }

  /**
   * Replaces the timeline with these entries (e.g. loaded from a file), counting them anew. Every
   * row and search text is made before anything is replaced: an entry that cannot be shown throws
   * and leaves the timeline as it was.
   */
  restore(entries: TrafficEntry[]): void {
    const numbered = entries.map((entry, index): TrafficEntry => (entry.kind === 'call' ? { kind: 'call', seq: this.nextSeq + index, time: entry.exchange.startedAt, exchange: entry.exchange } : { ...entry, seq: this.nextSeq + index }));
    const kept: RecordedEntry[] = numbered.slice(-this.maxEntries).map((entry) => ({ entry, row: rowOf(entry), searchText: searchText(entry) }));
    for (const entry of entries) {
      if (entry.kind === 'call') {
        this.stats.calls++;
        this.stats.bytesSent += entry.exchange.requestBytes;
        this.stats.bytesReceived += entry.exchange.responseBytes;
      } else {
        this.stats.messages++;
        this.stats.bytesReceived += entry.bytes;
      }
    }
    this.stats.dropped += entries.length - kept.length;
    this.nextSeq += entries.length;
    this.ring = kept.map(({ entry }) => entry);
    this.texts = kept.map(({ searchText: text }) => text);
    this.rowRing = kept.map(({ row }) => row);
    this.start = 0;
    for (const recorded of kept) this.recordEmitter.fire(recorded);
    this.resetEmitter.fire();
  }

  private push(entry: TrafficEntry): TrafficEntry {
    const text = searchText(entry);
    const row = rowOf(entry);
    if (this.ring.length < this.maxEntries) {
      this.ring.push(entry);
      this.texts.push(text);
      this.rowRing.push(row);
    } else {
      this.ring[this.start] = entry;
      this.texts[this.start] = text;
      this.rowRing[this.start] = row;
      this.start = (this.start + 1) % this.maxEntries;
      this.stats.dropped++;
    }
    this.recordEmitter.fire({ entry, row, searchText: text });
    return entry;
  }
}
