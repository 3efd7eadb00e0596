// What the Session Health view says, as plain lines made from one snapshot (no `vscode` import: the
// provider only renders them, and a unit test reads them). Ages are rounded so a line does not
// change its text every few milliseconds.
import type { FeatureSnapshot, Reconnect, RequestSnapshot, SessionHealthSnapshot, StreamGap, StreamSnapshot, SubscriptionSnapshot } from '../../icws/health';

export interface HealthLine {
  /** Stable within its section (a subscription id, a status, an operation). */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** Shown with the warning icon. */
  warning?: boolean;
  /** A codicon for a line that is not a warning. */
  icon?: string;
  /** The session's exchanges behind the line: its command shows them in Traffic. */
  exchangeIds: number[];
  children?: HealthLine[];
}

export type SectionId = 'stream' | 'subscriptions' | 'requests' | 'features';

export interface HealthSection extends HealthLine {
  id: SectionId;
  children: HealthLine[];
}

/** Gaps this recent keep the Stream section's warning. */
const RECENT_GAP_MS = 5 * 60_000;

export function healthSections(snapshot: SessionHealthSnapshot): HealthSection[] {
  const now = snapshot.takenAt;
  return [streamSection(snapshot.stream, now), subscriptionSection(snapshot.subscriptions, now), requestSection(snapshot.requests), featureSection(snapshot.features)];
}

function streamSection(stream: StreamSnapshot, now: number): HealthSection {
  const mode = stream.mode === 'sse' ? 'Server-sent events' : 'Short polling';
  const recentGap = stream.gaps.some((gap) => gap.to === undefined || now - gap.to < RECENT_GAP_MS);
  const interval = `${duration(stream.heartbeatIntervalMs)}${stream.intervalLearned ? ' (measured)' : ' (expected; not measured yet)'}`;
  const lines: HealthLine[] = [
    { id: 'mode', label: mode, description: stream.connectedSince ? `${stream.state} since ${clock(stream.connectedSince)}` : stream.state, tooltip: `The message channel is ${stream.state}.`, icon: stream.state === 'open' ? 'pass' : 'sync', exchangeIds: stream.exchangeIds },
    { id: 'message', label: 'Last message', description: stream.lastMessageAt ? `${age(now - stream.lastMessageAt)} · ${count(stream.messages, 'message')}` : 'none yet', icon: 'mail', exchangeIds: [] },
    { id: 'heartbeat', label: 'Last heartbeat', description: stream.lastHeartbeatAt ? `${age(now - stream.lastHeartbeatAt)} · every ${interval}` : `none yet · expected every ${interval}`, tooltip: stream.mode === 'sse' ? 'A keep-alive comment on the event stream.' : 'An answered poll.', icon: 'pulse', exchangeIds: stream.exchangeIds },
  ];
  if (stream.silentSince !== undefined) {
    lines.push({ id: 'silent', label: `Silent for ${duration(now - stream.silentSince)}`, description: `nothing since ${clock(stream.silentSince)}; allowed ${duration(stream.allowedSilenceMs)}`, tooltip: 'No message and no heartbeat for longer than the heartbeat interval allows: the tree may be out of date. See the Session Health documentation.', warning: true, exchangeIds: stream.exchangeIds });
  }
  lines.push({
    id: 'gaps',
    label: `Gaps: ${stream.gapCount}`,
    description: `silences over ${duration(stream.allowedSilenceMs)}`,
    warning: recentGap,
    icon: 'history',
    exchangeIds: stream.gaps.flatMap((gap) => gap.exchangeIds),
    children: stream.gaps.map(gapLine),
  });
  lines.push({ id: 'reconnects', label: `Reconnects: ${stream.reconnectCount}`, warning: stream.reconnects.some((r) => r.reopenedAt === undefined), icon: 'debug-restart', exchangeIds: stream.reconnects.flatMap((r) => r.exchangeIds), children: stream.reconnects.map(reconnectLine) });
  const warning = stream.silentSince !== undefined || recentGap || stream.state === 'reconnecting';
  return { id: 'stream', label: 'Stream', description: `${stream.mode === 'sse' ? 'SSE' : 'polling'} · ${stream.silentSince !== undefined ? 'silent' : stream.state}`, warning, icon: 'radio-tower', exchangeIds: stream.exchangeIds, children: lines };
}

function gapLine(gap: StreamGap): HealthLine {
  return { id: `gap-${gap.from}`, label: `${clock(gap.from)} · ${duration(gap.ms)} silent`, description: gap.to === undefined ? 'going on' : `until ${clock(gap.to)}`, icon: 'dash', exchangeIds: gap.exchangeIds };
}

function reconnectLine(reconnect: Reconnect): HealthLine {
  return {
    id: `reconnect-${reconnect.at}`,
    label: `${clock(reconnect.at)} · ${reconnect.reason}`,
    description: reconnect.reopenedAt === undefined ? 'still retrying' : `open again after ${duration(reconnect.reopenedAt - reconnect.at)}`,
    tooltip: reconnect.reason,
    warning: reconnect.reopenedAt === undefined,
    icon: 'debug-restart',
    exchangeIds: reconnect.exchangeIds,
  };
}

function subscriptionSection(subscriptions: SubscriptionSnapshot[], now: number): HealthSection {
  const lines = subscriptions.map((subscription): HealthLine => {
    const problems = [...(subscription.duplicateOf.length ? [`duplicate of ${subscription.duplicateOf.join(', ')}`] : []), ...(subscription.unneeded ? ['no view needs it'] : [])];
    const facts = [subscription.watches, count(subscription.messages, 'message'), subscription.lastMessageAt ? `last ${age(now - subscription.lastMessageAt)}` : 'no message yet'];
    return {
      id: `${subscription.kind}:${subscription.subscriptionId}`,
      label: subscription.subscriptionId,
      description: [...problems, ...facts].join(' · '),
      tooltip: [
        `${subscription.kind === 'queue' ? 'Queue subscription' : 'User-status watch'} ${subscription.subscriptionId}: ${subscription.watches}`,
        subscription.subscribedAt ? `made at ${clock(subscription.subscribedAt)}` : 'being made',
        subscription.heldBy.length ? `needed by ${subscription.heldBy.join(', ')}` : subscription.unneeded === undefined ? 'no owner answered for this session' : 'needed by no view',
        ...problems,
      ].join('\n'),
      warning: problems.length > 0,
      icon: subscription.kind === 'queue' ? 'inbox' : 'person',
      exchangeIds: subscription.exchangeIds,
    };
  });
  const flagged = lines.filter((line) => line.warning).length;
  return { id: 'subscriptions', label: 'Subscriptions', description: `${subscriptions.length}${flagged ? ` · ${flagged} flagged` : ''}`, warning: flagged > 0, icon: 'inbox', exchangeIds: [], children: lines };
}

function requestSection(requests: RequestSnapshot): HealthSection {
  const failed = requests.failedLastMinute.reduce((sum, failure) => sum + failure.count, 0);
  const lines: HealthLine[] = [
    { id: 'in-flight', label: `In flight: ${requests.inFlight}`, icon: 'loading', exchangeIds: requests.inFlightExchangeIds },
    {
      id: 'failed',
      label: `Failed in the last minute: ${failed}`,
      warning: failed > 0,
      icon: 'pass',
      exchangeIds: requests.failedLastMinute.flatMap((failure) => failure.exchangeIds),
      children: requests.failedLastMinute.map((failure) => ({ id: `status-${failure.status}`, label: typeof failure.status === 'number' ? `${failure.status}` : failure.status, description: `× ${failure.count}`, warning: true, exchangeIds: failure.exchangeIds })),
    },
    {
      id: 'timings',
      label: 'Time by operation',
      description: `${requests.timings.length} operations`,
      icon: 'watch',
      exchangeIds: [],
      children: requests.timings.map((timing) => ({ id: timing.operation, label: timing.operation, description: `p50 ${milliseconds(timing.p50Ms)} · p95 ${milliseconds(timing.p95Ms)} · ${count(timing.count, 'request')}`, tooltip: `${timing.operation}: the slowest recent requests are linked.`, icon: 'watch', exchangeIds: timing.exchangeIds })),
    },
  ];
  return { id: 'requests', label: 'Requests', description: `${requests.inFlight} in flight · ${failed} failed`, warning: failed > 0, icon: 'arrow-swap', exchangeIds: [], children: lines };
}

function featureSection(features: FeatureSnapshot[]): HealthSection {
  const lines = features.map((feature): HealthLine => ({
    id: feature.featureId,
    label: `${feature.featureId} ${feature.version || '(not offered)'}`,
    description: [feature.enables.length ? `enables ${feature.enables.join(', ')}` : '', feature.lacks.length ? `lacks ${feature.lacks.map((lack) => `${lack.what} (needs ${lack.version})`).join(', ')}` : ''].filter(Boolean).join(' · ') || 'not used by the extension',
    icon: feature.lacks.length ? 'info' : 'check',
    exchangeIds: [],
  }));
  return { id: 'features', label: 'Features', description: `${features.filter((f) => f.version > 0).length} reported`, icon: 'extensions', exchangeIds: [], children: lines };
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** `just now`, `4 s ago`, `3 min ago`: rounded so the text changes rarely. */
export function age(ms: number): string {
  if (ms < 1_000) return 'just now';
  return `${duration(ms)} ago`;
}

export function duration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

function milliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function clock(time: number): string {
  return new Date(time).toLocaleTimeString('en-GB');
}
