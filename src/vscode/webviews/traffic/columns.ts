// The timeline table's columns: what each shows and sorts by, and which are shown. Name comes first
// and cannot be hidden (as in DevTools): it is what tells one row from the next.
import type { TrafficRow } from '../../traffic/trafficProtocol';
import { clock } from './dom';

export interface Column {
  id: string;
  title: string;
  /** Default width in px; 0 takes the space left. */
  width: number;
  text(row: TrafficRow): string;
  compare(a: TrafficRow, b: TrafficRow): number;
  align?: 'end';
  /** What the header's tooltip says beside "Sort by …". */
  about?: string;
  /** Shown when no choice was made: false, or a test on the rows the table holds. */
  shownByDefault?: false | ((rows: RowFacts) => boolean);
  /** Always shown (no entry in the column chooser). */
  fixed?: boolean;
}

/** What the rows held so far tell about the default column set. */
export interface RowFacts {
  /** Whether the rows come from more than one session. */
  severalSessions: boolean;
}

const byNumber = (value: (row: TrafficRow) => number) => (a: TrafficRow, b: TrafficRow) => value(a) - value(b) || a.seq - b.seq;
const byText = (value: (row: TrafficRow) => string) => (a: TrafficRow, b: TrafficRow) => value(a).localeCompare(value(b)) || a.seq - b.seq;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** A duration as the table writes it (the Headers tab and the Timing tab say the same number to a tenth). */
export function durationText(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

export const COLUMNS: Column[] = [
  { id: 'name', title: 'Name', width: 200, text: (r) => r.name, compare: byText((r) => r.name), fixed: true, about: 'the operation, or the path after /icws/{sessionId}/' },
  { id: 'method', title: 'Method / type', width: 150, text: (r) => r.method, compare: byText((r) => r.method) },
  { id: 'status', title: 'Status', width: 56, text: (r) => (r.kind === 'message' ? '' : r.status ? String(r.status) : 'failed'), compare: byNumber((r) => r.status ?? -1), align: 'end' },
  { id: 'time', title: 'Time', width: 104, text: (r) => clock(r.time), compare: byNumber((r) => r.seq) },
  { id: 'duration', title: 'Duration', width: 78, text: (r) => (r.durationMs === undefined ? '' : durationText(r.durationMs)), compare: byNumber((r) => r.durationMs ?? -1), align: 'end', about: 'until the body was read' },
  { id: 'size', title: 'Size', width: 64, text: (r) => size(r.bytes), compare: byNumber((r) => r.bytes), align: 'end' },
  { id: 'interaction', title: 'Interaction', width: 120, text: (r) => (r.interactionIds.length > 1 ? `${r.interactionIds[0]} +${r.interactionIds.length - 1}` : (r.interactionIds[0] ?? '')), compare: byText((r) => r.interactionIds[0] ?? '') },
  { id: 'kind', title: 'Kind', width: 64, text: (r) => (r.kind === 'call' ? 'request' : 'message'), compare: byText((r) => r.kind) },
  { id: 'session', title: 'Session', width: 140, text: (r) => r.session ?? '', compare: byText((r) => r.session ?? ''), shownByDefault: (facts) => facts.severalSessions },
  { id: 'path', title: 'Path / subscription', width: 0, text: (r) => r.path, compare: byText((r) => r.path) },
];

/** A person's choices in the column chooser, by column id (a column not named keeps its default). */
export type ColumnChoices = Record<string, boolean>;

export function isShown(column: Column, choices: ColumnChoices, facts: RowFacts): boolean {
  if (column.fixed) return true;
  const chosen = choices[column.id];
  if (chosen !== undefined) return chosen;
  return column.shownByDefault === undefined ? true : column.shownByDefault !== false && column.shownByDefault(facts);
}
