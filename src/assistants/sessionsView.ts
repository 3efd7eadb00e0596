// The read-only views of sessions: which sessions are live, their interactions as the live cache
// has them, one interaction in full, and a session's health as far as the session knows it.
import { allowedActions, attribute, type CachedInteraction, consultRole, type ConsultTransfer, describeQueue, type IcwsSession, sessionByName } from '../icws';
import type { ToolInput } from './definitions';
import type { AssistantHost, HostSession } from './host';

/** A problem with what the assistant asked (bad input, no such session or interaction). */
export class ToolProblem extends Error {
  override readonly name = 'ToolProblem';
}

/** The consults the tools started, per session, by the original interaction's id. */
export type ConsultBook = WeakMap<IcwsSession, Map<string, ConsultTransfer>>;

export function pickSession(host: AssistantHost, wanted: string | undefined): HostSession {
  const sessions = host.sessions();
  if (sessions.length === 0) throw new ToolProblem('no ICWS session is live: log in first (in VS Code: "ICWS: Connect"; icws-mcp: --simulator or --server)');
  const names = sessions.map((s) => JSON.stringify(s.profile.name)).join(', ');
  if (!wanted?.trim()) {
    if (sessions.length === 1) return sessions[0]!;
    throw new ToolProblem(`${sessions.length} sessions are live; name one in "session": ${names}`);
  }
  const found = sessionByName(wanted, sessions, ({ session, profile }) => ({ profileName: profile.name, userId: session.identity.userId }));
  if (found.session) return found.session;
  throw new ToolProblem(found.problem);
}

/** The session a host session is in words (no id, no secret). */
export function sessionInfo({ session, profile }: HostSession): Record<string, unknown> {
  return {
    name: profile.name,
    server: profile.serverUrl,
    userId: session.identity.userId,
    production: profile.production,
    simulator: profile.simulator,
    assistantsMayAct: !profile.production || profile.allowAssistants,
    up: session.isUp,
    stream: { mode: session.messages.mode, state: session.messages.state },
  };
}

function queueOf(session: IcwsSession, subscriptionId: string): string {
  const spec = session.queues.specs().find((s) => s.subscriptionId === subscriptionId);
  return spec ? spec.queues.map(describeQueue).join(', ') : subscriptionId;
}

export function describeInteraction(host: HostSession, item: CachedInteraction, consults: ConsultBook, extra: readonly string[] = []): Record<string, unknown> {
  const { session } = host;
  const consult = consults.get(session)?.get(item.id);
  const allowed = allowedActions(item, { ...consultRole(item, consult), me: session.identity.userId });
  const value = (name: string) => attribute(item, name);
  const described: Record<string, unknown> = {
    interactionId: item.id,
    session: host.profile.name,
    queue: queueOf(session, item.subscriptionId),
    state: value('Eic_State') ?? '',
    stateText: value('Eic_CallStateString') ?? '',
    direction: value('Eic_CallDirection'),
    type: value('Eic_ObjectType'),
    caller: { name: value('Eic_RemoteName'), number: value('Eic_RemoteAddress') },
    workgroup: value('Eic_WorkgroupName'),
    userId: value('Eic_LocalUserId'),
    consultInteractionId: consult?.consultInteractionId ?? value('Eic_ConsultCallId'),
    conferenceId: value('Eic_ConferenceId') ?? item.conferenceParentId,
    allowedActions: [...allowed],
  };
  if (extra.length) described.attributes = Object.fromEntries(extra.map((name) => [name, value(name) ?? null]));
  return described;
}

/** The subscriptions that watch `queue` (a queue name, or "workgroup queue Support"). */
function subscriptionsOf(session: IcwsSession, queue: string): Set<string> {
  const lower = queue.trim().toLowerCase();
  const watching = session.queues.specs().filter((spec) => spec.queues.some((q) => q.queueName.toLowerCase() === lower || describeQueue(q).toLowerCase() === lower));
  return new Set(watching.map((spec) => spec.subscriptionId));
}

/** What the text filter searches (the cache keys attributes by lower-case name). */
const SEARCHED = ['eic_remotename', 'eic_remoteaddress', 'eic_workgroupname', 'eic_localuserid'];

/** A case-insensitive test that allocates nothing per interaction (10,000 of them are walked). */
function textTest(text: string): (item: CachedInteraction) => boolean {
  const pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (item) => {
    if (pattern.test(item.id)) return true;
    for (const name of SEARCHED) {
      const value = item.attributes[name];
      if (value !== undefined && pattern.test(value)) return true;
    }
    return false;
  };
}

export function listInteractions(host: AssistantHost, input: ToolInput<'icws_list_interactions'>, consults: ConsultBook): unknown {
  const chosen = input.session ? [pickSession(host, input.session)] : host.sessions();
  const limit = input.limit ?? 50;
  const matchesText = input.text?.trim() ? textTest(input.text.trim()) : undefined;
  return {
    sessions: chosen.map((hostSession) => {
      const { session } = hostSession;
      const cache = session.queues.cache;
      const inQueue = input.queue ? subscriptionsOf(session, input.queue) : undefined;
      const picked: CachedInteraction[] = [];
      const subscriptionIds = cache.subscriptionIds();
      // Two queues may hold one interaction; with one subscription there is nothing to skip.
      const seen = subscriptionIds.length > 1 ? new Set<string>() : undefined;
      let matching = 0;
      for (const subscriptionId of subscriptionIds) {
        if (inQueue && !inQueue.has(subscriptionId)) continue;
        const items = cache.interactions(subscriptionId);
        // The cache keeps arrival order: walk from the newest.
        for (let i = items.length - 1; i >= 0; i--) {
          const item = items[i]!;
          if ((matchesText && !matchesText(item)) || seen?.has(item.id)) continue;
          seen?.add(item.id);
          matching++;
          if (picked.length < limit) picked.push(item);
        }
      }
      return {
        ...sessionInfo(hostSession),
        queues: session.queues.specs().map((spec) => spec.queues.map(describeQueue).join(', ')),
        matchingInteractions: matching,
        interactions: picked.map((item) => describeInteraction(hostSession, item, consults, input.attributes)),
      };
    }),
  };
}

/** The interaction and the session whose cache has it (the named one, or the first that does). */
export function findInteraction(host: AssistantHost, interactionId: string, sessionName: string | undefined): { host: HostSession; item: CachedInteraction } {
  const id = interactionId.trim();
  if (!/^\S+$/.test(id)) throw new ToolProblem('interactionId is empty or has spaces; pass an id such as "1001234567"');
  const candidates = sessionName ? [pickSession(host, sessionName)] : host.sessions();
  if (candidates.length === 0) pickSession(host, undefined);
  for (const candidate of candidates) {
    const cache = candidate.session.queues.cache;
    const item = cache.find(cache.currentId(id));
    if (item) return { host: candidate, item };
  }
  throw new ToolProblem(`interaction ${id} is not in a watched queue of ${sessionName ? `session "${sessionName}"` : 'any live session'} (icws_list_interactions shows the ones that are)`);
}

export function getInteraction(host: AssistantHost, input: ToolInput<'icws_get_interaction'>, consults: ConsultBook): unknown {
  const found = findInteraction(host, input.interactionId, input.session);
  const cache = found.host.session.queues.cache;
  return { ...describeInteraction(found.host, found.item, consults), attributes: cache.attributesForDisplay(found.item) };
}

export function sessionHealth(host: AssistantHost, input: ToolInput<'icws_session_health'>): unknown {
  const chosen = pickSession(host, input.session);
  const { session } = chosen;
  const version = session.version;
  const stats = host.timeline()?.stats;
  return {
    ...sessionInfo(chosen),
    endReason: session.endReason?.reason,
    serverVersion: version ? (version.productReleaseDisplayString ?? `${version.majorVersion}.${version.minorVersion}`) : undefined,
    subscriptions: session.queues.specs().map((spec) => ({
      subscriptionId: spec.subscriptionId,
      queues: spec.queues.map(describeQueue),
      attributes: spec.attributeNames.length,
      cachedInteractions: session.queues.cache.size(spec.subscriptionId),
    })),
    resubscriptionsRunning: session.queues.resubscriptionsRunning,
    traffic: stats ? { requests: stats.calls, messages: stats.messages, dropped: stats.dropped } : undefined,
    health: healthModel(host, session),
  };
}

/** The host's health model, if it keeps one: features only where the server lacks something. */
function healthModel(host: AssistantHost, session: IcwsSession): unknown {
  const snapshot = host.health?.(session);
  if (!snapshot) return undefined;
  const { features, ...rest } = snapshot;
  return { ...rest, takenAt: new Date(snapshot.takenAt).toISOString(), featuresLacking: features.filter((feature) => feature.lacks.length > 0) };
}
