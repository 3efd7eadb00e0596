// Timeline rows travel to the page as columns, not as one object or array per row: numbers in
// ArrayBuffers (VS Code hands those to the webview as bytes, and a structured clone copies them in
// one go) and each distinct text once, all of them in one string. A full 100,000-row timeline as
// one array per row cost about a second to clone into the page and left 1.1 million values for the
// page's garbage collector; as columns it is four buffers and one string. (No imports but types:
// the page bundles this file.)
import type { TrafficRow } from '../../traffic/rows';

/** Rows as columns. Every buffer holds `count` rows; texts are indexes into `strings`. */
export interface PackedRows {
  count: number;
  /** Float64, NUMBER_FIELDS a row: seq, time, status (-1: none), duration in ms (-1: none), bytes. */
  numbers: ArrayBuffer;
  /** Uint8, one a row: 0 request, 1 message. */
  kinds: ArrayBuffer;
  /** Uint32, TEXT_FIELDS a row, indexes of distinct texts: method, path, interaction ids (space-separated), name, session ('': none). */
  texts: ArrayBuffer;
  /** Each distinct text once, one after the other (one string clones as one copy; thousands do not). */
  strings: string;
  /** Uint32, the length of each distinct text in `strings`. */
  lengths: ArrayBuffer;
}

const NUMBER_FIELDS = 5;
const TEXT_FIELDS = 5;

export function packRows(rows: readonly TrafficRow[]): PackedRows {
  const numbers = new Float64Array(rows.length * NUMBER_FIELDS);
  const kinds = new Uint8Array(rows.length);
  const texts = new Uint32Array(rows.length * TEXT_FIELDS);
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const text = (value: string): number => {
    let index = indexOf.get(value);
    if (index === undefined) {
      index = strings.push(value) - 1;
      indexOf.set(value, index);
    }
    return index;
  };
  rows.forEach((row, i) => {
    const n = i * NUMBER_FIELDS;
    numbers[n] = row.seq;
    numbers[n + 1] = row.time;
    numbers[n + 2] = row.status ?? -1;
    numbers[n + 3] = row.durationMs ?? -1;
    numbers[n + 4] = row.bytes;
    kinds[i] = row.kind === 'call' ? 0 : 1;
    const t = i * TEXT_FIELDS;
    texts[t] = text(row.method);
    texts[t + 1] = text(row.path);
    texts[t + 2] = text(row.interactionIds.join(' '));
    texts[t + 3] = text(row.name);
    texts[t + 4] = text(row.session ?? '');
  });
  return { count: rows.length, numbers: numbers.buffer, kinds: kinds.buffer, texts: texts.buffer, strings: strings.join(''), lengths: Uint32Array.from(strings, (text) => text.length).buffer };
}

/**
 * The rows again. Rows with the same texts share them, and share one `interactionIds` array (read
 * only), so the page holds one small object a row for its garbage collector to walk.
 */
export function unpackRows(packed: PackedRows): TrafficRow[] {
  const { count } = packed;
  const strings = distinctTexts(packed.strings, new Uint32Array(packed.lengths));
  const numbers = new Float64Array(packed.numbers);
  const kinds = new Uint8Array(packed.kinds);
  const texts = new Uint32Array(packed.texts);
  if (numbers.length !== count * NUMBER_FIELDS || kinds.length !== count || texts.length !== count * TEXT_FIELDS) throw new Error(`packed rows: buffers do not hold ${count} rows`);
  const idLists = new Map<number, string[]>();
  const idsAt = (index: number): string[] => {
    let ids = idLists.get(index);
    if (!ids) {
      const joined = stringAt(strings, index);
      ids = joined ? joined.split(' ') : [];
      idLists.set(index, ids);
    }
    return ids;
  };
  const rows: TrafficRow[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const n = i * NUMBER_FIELDS;
    const t = i * TEXT_FIELDS;
    const row: TrafficRow = { seq: numbers[n]!, time: numbers[n + 1]!, kind: kinds[i] === 0 ? 'call' : 'message', method: stringAt(strings, texts[t]!), name: stringAt(strings, texts[t + 3]!), path: stringAt(strings, texts[t + 1]!), bytes: numbers[n + 4]!, interactionIds: idsAt(texts[t + 2]!) };
    const session = stringAt(strings, texts[t + 4]!);
    if (session) row.session = session;
    if (numbers[n + 2]! >= 0) row.status = numbers[n + 2]!;
    if (numbers[n + 3]! >= 0) row.durationMs = numbers[n + 3]!;
    rows[i] = row;
  }
  return rows;
}

function distinctTexts(joined: string, lengths: Uint32Array): string[] {
  const texts: string[] = new Array(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) texts[i] = joined.slice(at, (at += lengths[i]!));
  if (at !== joined.length) throw new Error(`packed rows: the texts' lengths add up to ${at}, not ${joined.length}`);
  return texts;
}

function stringAt(strings: readonly string[], index: number): string {
  const value = strings[index];
  if (typeof value !== 'string') throw new Error(`packed rows: no text at ${index}`);
  return value;
}
