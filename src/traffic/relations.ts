// How entries relate: the messages a request caused, the request behind a message. Both are
// found through the interactions the entries are about, within a short window of time.

import { indexOfSeq, interactionIdsOf, type TrafficEntry } from './entry';

/** How long after a request its messages still count as caused by it. */
export const RELATED_WINDOW_MS = 10_000;
const MAX_RELATED = 50;

export interface Relations {
  /** For a message: the state-changing request about the same interaction that came shortly before it. */
  cause?: TrafficEntry;
  /** For a request: the messages about its interactions that followed it. */
  messages: TrafficEntry[];
}

/**
 * How `entry` relates to the rest of the timeline (`entries` oldest first). A request relates to
 * the messages about its interactions in the next ten seconds, up to the next state-changing
 * request about them; a message to the latest state-changing request about its interactions
 * within ten seconds before it (a GET changes nothing, so causes nothing).
 */
export function relationsOf(entry: TrafficEntry, entries: readonly TrafficEntry[]): Relations {
  const mine = interactionIdsOf(entry);
  const at = indexOfSeq(entries, entry.seq);
  if (!mine.length || at < 0) return { messages: [] };
  const shares = (other: TrafficEntry) => interactionIdsOf(other).some((id) => mine.includes(id));
  const changesState = (other: TrafficEntry) => other.kind === 'call' && other.exchange.method !== 'GET';
  if (entry.kind === 'message') {
    for (let i = at - 1; i >= 0; i--) {
      const other = entries[i]!;
      if (entry.time - other.time > RELATED_WINDOW_MS) break;
      if (changesState(other) && shares(other)) return { cause: other, messages: [] };
    }
    return { messages: [] };
  }
  const messages: TrafficEntry[] = [];
  for (let i = at + 1; i < entries.length && messages.length < MAX_RELATED; i++) {
    const other = entries[i]!;
    if (other.time - entry.time > RELATED_WINDOW_MS) break;
    if (!shares(other)) continue;
    if (changesState(other)) break;
    if (other.kind === 'message') messages.push(other);
  }
  return { messages };
}
