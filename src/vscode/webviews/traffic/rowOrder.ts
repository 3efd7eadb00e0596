// The order of the table's rows: arrival (seq) order, or sorted by a column; new rows merged into a
// sorted view without sorting it again.
import type { TrafficRow } from '../../traffic/trafficProtocol';
import { COLUMNS } from './columns';

export type RowComparator = (a: TrafficRow, b: TrafficRow) => number;

/** How rows compare under a sort (by seq when there is none, or its column is unknown). */
export function comparatorFor(sort: { column: string; descending: boolean } | undefined): RowComparator {
  const column = COLUMNS.find((c) => c.id === sort?.column);
  if (!column) return (a, b) => a.seq - b.seq;
  return sort!.descending ? (a, b) => column.compare(b, a) : column.compare;
}

/** Two sorted lists as one (appending to a sorted view costs O(n), not a sort). */
export function merge(sorted: TrafficRow[], more: TrafficRow[], compare: RowComparator): TrafficRow[] {
  const out: TrafficRow[] = new Array(sorted.length + more.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < sorted.length && j < more.length) out[k++] = compare(sorted[i]!, more[j]!) <= 0 ? sorted[i++]! : more[j++]!;
  while (i < sorted.length) out[k++] = sorted[i++]!;
  while (j < more.length) out[k++] = more[j++]!;
  return out;
}
