// "Save as Test…": a captured flow (Traffic entries, already redacted) becomes a notebook of its
// requests with expectations drawn from what happened (each answer's status; the message types,
// and the state changes of the interactions it names, that followed within its window), plus a
// scenario that reproduces the inbound calls the capture saw, so a bug seen on a real server
// becomes a regression test that runs against the simulator.
import type { HttpExchange } from '../icws/httpTypes';
import { shortMessageType } from '../icws/messages';
import { cellSourceFor } from '../icws/notebook/requestCell';
import type { NotebookFile } from '../icws/notebook/notebookFile';
import type { ScenarioDefinition } from '../simulator';
import type { TrafficEntry } from '../traffic/entry';

/** Answer properties that name something later requests use. */
const REFERENCED = ['interactionId', 'consultId', 'consultInteractionId', 'conferenceId'];
/** Requests the session itself makes (login, messages, logout): not part of a flow. */
const SESSION_PLUMBING = /\/icws\/connection(\/|$)|\/messaging\/messages$|\/icws\/\{sessionId\}\/connection$/;

export interface SavedTest {
  notebook: NotebookFile;
  scenario: ScenarioDefinition;
}

export function testFromTraffic(entries: readonly TrafficEntry[], { windowMs = 2000, name = 'Saved from ICWS Traffic' } = {}): SavedTest {
  const calls = entries.filter((entry): entry is Extract<TrafficEntry, { kind: 'call' }> => entry.kind === 'call' && !SESSION_PLUMBING.test(entry.exchange.template) && entry.exchange.status !== undefined);
  const messages = entries.filter((entry): entry is Extract<TrafficEntry, { kind: 'message' }> => entry.kind === 'message');
  /** A value seen in an answer → the reference that names it (`{{step2.interactionId}}`). */
  const references = new Map<string, string>();
  const cells: NotebookFile['cells'] = [{ kind: 'markdown', source: `# ${name}\n\n${calls.length} requests captured in the ICWS Traffic panel, with what followed each one. Run against the simulator with the scenario saved beside this notebook.` }];
  calls.forEach((entry, index) => {
    const exchange = entry.exchange;
    const cellName = `step${index + 1}`;
    let source = replaceKnownValues(cellSourceFor(exchange), references);
    const lines = [`# @name ${cellName}`, source, `> status ${exchange.status}`];
    const until = Math.min(entry.time + windowMs, calls[index + 1]?.time ?? Infinity);
    const followed = messages.filter((message) => message.time >= entry.time && message.time <= until);
    const window = `${Math.max(1, Math.ceil((until - entry.time + 500) / 1000))}s`;
    for (const type of new Set(followed.map((message) => shortMessageType(message.type)))) lines.push(`> message ${type} within ${window}`);
    // What this answer names (a new call) is followed too, by the cell's own name.
    const introduced = recordReferences(exchange.responseBody, cellName, references);
    for (const change of stateChanges(followed, exchange, references, introduced)) lines.push(`> message queueContentsMessage within ${window} where interactionsChanged[interactionId=${change.reference}].attributes.Eic_State == "${change.state}"`);
    source = lines.join('\n');
    cells.push({ kind: 'request', source });
  });
  return { notebook: { cells, metadata: { scenario: 'scenario.icws-scenario.json' } }, scenario: scenarioOf(messages, name, entries[0]?.time ?? 0) };
}

/** Records the values an answer names; returns the ones it introduced. */
function recordReferences(body: unknown, cellName: string, references: Map<string, string>): Set<string> {
  const introduced = new Set<string>();
  if (body === null || typeof body !== 'object') return introduced;
  for (const key of REFERENCED) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'string' && value && !references.has(value)) {
      references.set(value, `{{${cellName}.${key}}}`);
      introduced.add(value);
    }
  }
  return introduced;
}

function replaceKnownValues(source: string, references: Map<string, string>): string {
  let text = source;
  for (const [value, reference] of references) text = text.split(value).join(reference);
  return text;
}

/** The last state each interaction the request names (by a reference) reached within the window. */
function stateChanges(followed: readonly Extract<TrafficEntry, { kind: 'message' }>[], exchange: HttpExchange, references: Map<string, string>, introduced: ReadonlySet<string>): { reference: string; state: string }[] {
  const named = [...references].filter(([value]) => introduced.has(value) || exchange.url.includes(`/${value}`));
  const last = new Map<string, string>();
  for (const message of followed) {
    const changed = (message.message as { interactionsChanged?: { interactionId?: unknown; attributes?: Record<string, unknown> }[] }).interactionsChanged;
    if (!Array.isArray(changed)) continue;
    for (const item of changed) {
      const state = item?.attributes?.Eic_State;
      if (typeof item?.interactionId === 'string' && typeof state === 'string') last.set(item.interactionId, state);
    }
  }
  return named.flatMap(([value, reference]) => (last.has(value) && /\.interactionId\}\}$/.test(reference) ? [{ reference, state: last.get(value)! }] : []));
}

/** Inbound calls that came in the capture (added to a queue, direction I), at the times they came. */
function scenarioOf(messages: readonly Extract<TrafficEntry, { kind: 'message' }>[], name: string, start: number): ScenarioDefinition {
  const calls: NonNullable<ScenarioDefinition['calls']> = [];
  const seen = new Set<string>();
  for (const message of messages) {
    const added = (message.message as { interactionsAdded?: { interactionId?: unknown; attributes?: Record<string, unknown> }[] }).interactionsAdded;
    if (!Array.isArray(added)) continue;
    for (const item of added) {
      const attributes = item?.attributes ?? {};
      if (typeof item?.interactionId !== 'string' || seen.has(item.interactionId) || attributes.Eic_CallDirection !== 'I') continue;
      seen.add(item.interactionId);
      const to = typeof attributes.Eic_WorkgroupName === 'string' && attributes.Eic_WorkgroupName ? attributes.Eic_WorkgroupName : typeof attributes.Eic_LocalUserId === 'string' && attributes.Eic_LocalUserId ? attributes.Eic_LocalUserId : 'agent1';
      calls.push({
        at: `${Math.max(0, Math.round(message.time - start))}ms`,
        to,
        ...(typeof attributes.Eic_RemoteAddress === 'string' && attributes.Eic_RemoteAddress ? { from: attributes.Eic_RemoteAddress } : {}),
        ...(typeof attributes.Eic_RemoteName === 'string' ? { name: attributes.Eic_RemoteName } : {}),
      });
    }
  }
  return { name, description: 'The inbound calls an ICWS Traffic capture saw, at the times it saw them.', ...(calls.length ? { calls } : {}) };
}
