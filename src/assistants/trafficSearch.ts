// Searching the recorded Traffic with the panel's filter language: the matching entries (already
// redacted when recorded), newest first, each request with the messages it caused and each
// message with the request that caused it.
import { pathOf } from '../icws';
import { interactionIdsOf, relationsOf, summarize, type TrafficEntry } from '../traffic';
import type { ToolInput } from './definitions';
import type { AssistantHost } from './host';
import { ToolProblem } from './sessionsView';

const MAX_RELATED = 10;

function entryData(entry: TrafficEntry, bodies: boolean): Record<string, unknown> {
  const common = { seq: entry.seq, time: new Date(entry.time).toISOString(), summary: summarize(entry), interactionIds: interactionIdsOf(entry) };
  if (entry.kind === 'message') {
    return { ...common, kind: 'message', type: entry.type, subscriptionId: entry.subscriptionId, ...(bodies ? { message: entry.message } : {}) };
  }
  const x = entry.exchange;
  return {
    ...common,
    kind: 'request',
    session: x.sessionName,
    method: x.method,
    path: pathOf(x.url),
    operation: x.operation,
    status: x.status,
    error: x.error,
    durationMs: Math.round(x.durationMs),
    ...(bodies ? { requestBody: x.requestBody, responseBody: x.responseBody } : {}),
  };
}

export function searchTraffic(host: AssistantHost, input: ToolInput<'icws_search_traffic'>): unknown {
  const timeline = host.timeline();
  if (!timeline) throw new ToolProblem('this host records no Traffic');
  const limit = input.limit ?? 20;
  const bodies = input.includeBodies ?? true;
  const matching = timeline.filter(input.filter ?? '');
  const entries = matching.length ? timeline.entries() : [];
  const newest = matching.slice(-limit).reverse();
  return {
    filter: input.filter,
    matchingEntries: matching.length,
    recordedEntries: timeline.size,
    entries: newest.map((entry) => {
      const data = entryData(entry, bodies);
      const relations = relationsOf(entry, entries);
      if (relations.cause) data.causedBy = entryData(relations.cause, false);
      if (entry.kind === 'call') data.relatedMessages = relations.messages.slice(0, MAX_RELATED).map((message) => entryData(message, bodies));
      return data;
    }),
  };
}
