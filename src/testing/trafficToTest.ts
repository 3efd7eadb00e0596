// "Save as Test…": a captured flow (Traffic entries, already redacted), or the entries selected in
// it, becomes a notebook of its requests with expectations drawn from what happened (each answer's
// status; the message types, and the state changes of the interactions it names, that followed
// within its window), plus a scenario that reproduces the inbound calls the capture saw, so a bug
// seen on a real server becomes a regression test that runs against the simulator.
import type { HttpExchange } from '../icws/httpTypes';
import { shortMessageType } from '../icws/messages';
import { cellSourceFor } from '../icws/notebook/requestCell';
import type { NotebookFile } from '../icws/notebook/notebookFile';
import type { ScenarioDefinition } from '../simulator';
import { FIRST_INTERACTION_ID } from '../simulator/callCenter/InteractionStore';
import type { TrafficEntry } from '../traffic/entry';

/** Answer properties that name something later requests use. */
const REFERENCED = ['interactionId', 'consultId', 'consultInteractionId', 'conferenceId'];
/** Requests the session itself makes (login, messages, logout): not part of a flow. */
const SESSION_PLUMBING = /\/icws\/connection(\/|$)|\/messaging\/messages$|\/icws\/\{sessionId\}\/connection$/;
/** A message type or state a saved expectation may name (letters, digits, `_`, `.`, `-`). */
const PLAIN_WORD = /^[\w.-]{1,100}$/;
/** What a session subscribed to: the channel the expectations' messages come through. */
const SUBSCRIPTION = /\/messaging\/subscriptions\//;

export interface SavedTest {
  notebook: NotebookFile;
  scenario: ScenarioDefinition;
}

type CallEntry = Extract<TrafficEntry, { kind: 'call' }>;
type MessageEntry = Extract<TrafficEntry, { kind: 'message' }>;

export interface TestFromTrafficOptions {
  /** How long after a request its messages count as what followed it. */
  windowMs?: number;
  name?: string;
  /** The seqs of the entries to save (a selection in the Traffic panel); all of them when absent. */
  selected?: ReadonlySet<number>;
  /** How `selected` was chosen, for the notebook's introduction: rows selected, or the rows a filter showed. */
  chosenBy?: 'selection' | 'filter';
}

/** The saved notebook's title: when it was saved, on the clock of the person who saved it (not UTC). */
export function savedTestName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `Saved from ICWS Traffic (${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())})`;
}

/** The requests of a flow: answered, and not the session's own plumbing. */
export function flowRequests(entries: readonly TrafficEntry[]): CallEntry[] {
  return entries.filter((entry): entry is CallEntry => entry.kind === 'call' && !SESSION_PLUMBING.test(entry.exchange.template) && entry.exchange.status !== undefined);
}

/**
 * With `selected`, the cells are the selected requests only; their expectations still come from
 * every message that followed each one (so selecting only the requests keeps them), up to the next
 * request of the whole capture that changes something; selected messages are listed as the evidence. The subscriptions
 * made before the first selected request come first, as set-up cells without expectations (not
 * tests): without them no message would come.
 */
export function testFromTraffic(entries: readonly TrafficEntry[], { windowMs = 2000, name = 'Saved from ICWS Traffic', selected, chosenBy = 'selection' }: TestFromTrafficOptions = {}): SavedTest {
  const flow = flowRequests(entries);
  const calls = selected ? flow.filter((entry) => selected.has(entry.seq)) : flow;
  const messages = entries.filter((entry): entry is MessageEntry => entry.kind === 'message');
  /** Each request → the next request of the capture that is not a GET. */
  const nextChange = new Map<CallEntry, CallEntry | undefined>();
  let later: CallEntry | undefined;
  for (let i = flow.length - 1; i >= 0; i--) {
    nextChange.set(flow[i]!, later);
    if (flow[i]!.exchange.method !== 'GET') later = flow[i];
  }
  /** A value seen in an answer → the reference that names it (`{{step2.interactionId}}`). */
  const references = new Map<string, string>();
  // An inbound call a saved request acts on came in a message, not an answer: the scenario places
  // it first, so the fresh simulator gives it a known id, and the requests name that id.
  const inbound = inboundCallsOf(messages);
  const actedOn = inbound.filter((call) => calls.some((step) => namesInteraction(step.exchange.url, call.interactionId)));
  actedOn.forEach((call, index) => references.set(call.interactionId, String(FIRST_INTERACTION_ID + index)));
  const what = `${calls.length} requests ${!selected ? 'captured in' : chosenBy === 'filter' ? 'shown by a filter in' : 'selected in'} the ICWS Traffic panel`;
  const cells: NotebookFile['cells'] = [{ kind: 'markdown', source: `# ${name}\n\n${what}, with what followed each one. Run against the simulator with the scenario saved beside this notebook.` }];
  const evidence = selected ? evidenceOf(messages.filter((message) => selected.has(message.seq)), calls) : '';
  if (evidence) cells.push({ kind: 'markdown', source: evidence });
  if (selected) setUpCells(flow, calls).forEach((entry, index) => cells.push({ kind: 'request', source: `# @name setup${index + 1}\n# Set-up: a subscription the capture made before the selected requests.\n${cellSourceFor(entry.exchange)}` }));
  calls.forEach((entry, index) => {
    const exchange = entry.exchange;
    const cellName = `step${index + 1}`;
    let source = replaceKnownValues(cellSourceFor(exchange), references);
    const lines = [`# @name ${cellName}`, source, `> status ${exchange.status}`];
    // The window ends at the next request of the capture that changes something, selected or not:
    // what followed that one is not this one's (a GET changes nothing, so it does not end it).
    const next = nextChange.get(entry);
    const until = Math.min(entry.time + windowMs, next?.time ?? Infinity);
    const followed = messages.filter((message) => message.time >= entry.time && message.time <= until);
    const window = `${Math.max(1, Math.ceil((until - entry.time + 500) / 1000))}s`;
    // Message types and states are server text (or a loaded file's): one that is not a plain word
    // could end the line or add to it (`on <session>`, `# @session …`), so it gives no expectation.
    for (const type of new Set(followed.map((message) => shortMessageType(message.type)))) if (PLAIN_WORD.test(type)) lines.push(`> message ${type} within ${window}`);
    // What this answer names (a new call) is followed too, by the cell's own name.
    const introduced = recordReferences(exchange.responseBody, cellName, references);
    for (const change of stateChanges(followed, exchange, references, introduced)) lines.push(`> message queueContentsMessage within ${window} where interactionsChanged[interactionId=${change.reference}].attributes.Eic_State == "${change.state}"`);
    source = lines.join('\n');
    cells.push({ kind: 'request', source });
  });
  return { notebook: { cells, metadata: { scenario: 'scenario.icws-scenario.json' } }, scenario: scenarioOf(inbound, actedOn, name, entries[0]?.time ?? 0) };
}

/** The subscriptions (the last of each) made before the first of `calls` and not among them. */
function setUpCells(flow: readonly CallEntry[], calls: readonly CallEntry[]): CallEntry[] {
  const first = calls[0];
  if (!first) return [];
  const byUrl = new Map<string, CallEntry>();
  for (const entry of flow) {
    if (entry.time >= first.time) break;
    if (entry.exchange.method === 'PUT' && SUBSCRIPTION.test(entry.exchange.template) && (entry.exchange.status ?? 0) < 400 && !calls.includes(entry)) {
      byUrl.delete(entry.exchange.url);
      byUrl.set(entry.exchange.url, entry);
    }
  }
  return [...byUrl.values()];
}

/** The selected messages, each after the step it followed: what the capture saw, kept beside the test. */
function evidenceOf(selected: readonly MessageEntry[], calls: readonly CallEntry[]): string {
  if (!selected.length) return '';
  const lines = selected.map((message) => {
    let step = -1;
    calls.forEach((call, index) => {
      if (call.time <= message.time) step = index;
    });
    // A message type is server text: only its word characters reach the Markdown.
    const type = shortMessageType(message.type).replace(/[^\w.:-]/g, '') || 'message';
    const after = step < 0 ? 'before the first step' : `${Math.round(message.time - calls[step]!.time)} ms after step${step + 1}`;
    return `- ${type} (entry ${message.seq}), ${after}`;
  });
  return `## Evidence\n\nThe messages selected with the requests, as the capture saw them:\n\n${lines.join('\n')}`;
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

/** Every known value at once (one pass: a value replaced is not replaced again). */
function replaceKnownValues(source: string, references: Map<string, string>): string {
  if (!references.size) return source;
  const values = [...references.keys()].sort((a, b) => b.length - a.length).map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return source.replace(new RegExp(values.join('|'), 'g'), (value) => references.get(value) ?? value);
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
      if (typeof item?.interactionId === 'string' && typeof state === 'string' && PLAIN_WORD.test(state)) last.set(item.interactionId, state);
    }
  }
  return named.flatMap(([value, reference]) => (last.has(value) && /\.interactionId\}\}$|^\d+$/.test(reference) ? [{ reference, state: last.get(value)! }] : []));
}

type ScenarioCall = NonNullable<ScenarioDefinition['calls']>[number];
interface InboundCall {
  interactionId: string;
  time: number;
  call: Omit<ScenarioCall, 'at'>;
}

/** Whether a request's URL names this interaction (a whole path segment). */
function namesInteraction(url: string, interactionId: string): boolean {
  return url.split(/[/?#]/).includes(interactionId);
}

/** Inbound calls that came in the capture (added to a queue, direction I), in the order they came. */
function inboundCallsOf(messages: readonly MessageEntry[]): InboundCall[] {
  const calls: InboundCall[] = [];
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
        interactionId: item.interactionId,
        time: message.time,
        call: {
          to,
          ...(typeof attributes.Eic_RemoteAddress === 'string' && attributes.Eic_RemoteAddress ? { from: attributes.Eic_RemoteAddress } : {}),
          ...(typeof attributes.Eic_RemoteName === 'string' ? { name: attributes.Eic_RemoteName } : {}),
        },
      });
    }
  }
  return calls;
}

/**
 * The inbound calls at the times they came; those a saved request acts on come first and at once,
 * in their order (so they get the simulator's first ids, and are there when the request runs: a
 * test runs its requests back to back, sooner than a person did).
 */
function scenarioOf(inbound: readonly InboundCall[], actedOn: readonly InboundCall[], name: string, start: number): ScenarioDefinition {
  const calls: ScenarioCall[] = [...actedOn.map((inboundCall) => ({ at: '0ms', ...inboundCall.call })), ...inbound.filter((inboundCall) => !actedOn.includes(inboundCall)).map((inboundCall) => ({ at: `${Math.max(0, Math.round(inboundCall.time - start))}ms`, ...inboundCall.call }))];
  return { name, description: SAVED_SCENARIO_DESCRIPTION, ...(calls.length ? { calls } : {}) };
}

const SAVED_SCENARIO_DESCRIPTION = 'The inbound calls an ICWS Traffic capture saw, at the times it saw them.';

/** Whether a scenario file's text is one Save as Test wrote (so saving again may replace it; a person's own is kept). */
export function isSavedScenario(text: string): boolean {
  try {
    return (JSON.parse(text) as { description?: unknown } | null)?.description === SAVED_SCENARIO_DESCRIPTION;
  } catch {
    return false;
  }
}
