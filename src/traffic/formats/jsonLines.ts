// A timeline as JSON lines: one entry per line, as recorded. Reading checks every line field by
// field (entrySchema.ts); a file with one bad line is refused whole.
import { MAX_ENTRY_DEPTH, nestedTooDeep, nestsDeeperThan } from '../../icws/jsonDepth';
import type { TrafficEntry } from '../entry';
import { trafficEntrySchema } from './entrySchema';

/** The entries (already redacted), oldest first, one JSON document per line. */
export function toJsonLines(entries: readonly TrafficEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n';
}

/** A traffic file that does not match: says which line and which field. */
export class TrafficFileError extends Error {
  constructor(
    readonly line: number,
    readonly field: string,
    problem: string,
  ) {
    super(`line ${line}${field ? `, field "${field}"` : ''}: ${problem}`);
    this.name = 'TrafficFileError';
  }
}

/** Parses one line of a JSON-lines traffic file, or throws a TrafficFileError. */
export function parseTrafficLine(text: string, line: number): TrafficEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TrafficFileError(line, '', 'not JSON');
  }
  if (nestsDeeperThan(value, MAX_ENTRY_DEPTH)) throw new TrafficFileError(line, '', nestedTooDeep(MAX_ENTRY_DEPTH));
  const result = trafficEntrySchema.safeParse(value);
  if (result.success) return result.data as TrafficEntry;
  const [issue] = result.error.issues;
  throw new TrafficFileError(line, issue?.path.map(String).join('.') ?? '', issue?.message ?? 'not a traffic entry');
}

/**
 * The entries of a saved JSON-lines timeline, oldest first. Every line is checked field by field;
 * a file with a line that is not a traffic entry is refused whole (TrafficFileError names the line
 * and the field).
 */
export function readTrafficLines(text: string): TrafficEntry[] {
  const entries: TrafficEntry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim()) entries.push(parseTrafficLine(line, index + 1));
  });
  return entries;
}
