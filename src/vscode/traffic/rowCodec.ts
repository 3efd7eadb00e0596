// Timeline rows travel to the page as arrays, not objects: a full 100,000-row timeline is copied
// across the webview boundary several times, and arrays of plain values copy about four times
// faster than objects with named properties. (No imports but types: the page bundles this file.)
import type { TrafficRow } from '../../traffic/rows';

/** seq, time, kind (0 request, 1 message), method, path, status (-1: none), duration (-1: none), bytes, interaction ids space-separated, name, session ('': none). */
export type PackedRow = [number, number, 0 | 1, string, string, number, number, number, string, string, string];

export function packRow(row: TrafficRow): PackedRow {
  return [row.seq, row.time, row.kind === 'call' ? 0 : 1, row.method, row.path, row.status ?? -1, row.durationMs ?? -1, row.bytes, row.interactionIds.join(' '), row.name, row.session ?? ''];
}

export function unpackRow([seq, time, kind, method, path, status, durationMs, bytes, ids, name, session]: PackedRow): TrafficRow {
  const row: TrafficRow = { seq, time, kind: kind === 0 ? 'call' : 'message', method, name, path, bytes, interactionIds: ids ? ids.split(' ') : [] };
  if (session) row.session = session;
  if (status >= 0) row.status = status;
  if (durationMs >= 0) row.durationMs = durationMs;
  return row;
}
