// How an interaction reads in the tree: label, description, icon, tooltip rows and the
// contextValue that menus key on. Pure functions over cached attributes (no `vscode` import), so
// they are unit-tested in Node.

import { allowedActions, attribute, type CachedInteraction, type ConsultRole, type InteractionAction, isRecorded } from '../../icws';
import { markdownText, plainText } from '../display/untrustedText';

/** Longest caller name a row shows; the tooltip and the JSON document have it whole. */
const LABEL_LENGTH = 80;

export interface StateLook {
  text: string;
  /** A codicon id. */
  icon: string;
  /** A theme color id, or undefined for the default foreground. */
  color?: string;
}

const STATES: Record<string, StateLook> = {
  A: { text: 'Alerting', icon: 'bell-dot', color: 'charts.yellow' },
  O: { text: 'Offering', icon: 'inbox', color: 'charts.yellow' },
  C: { text: 'Connected', icon: 'pulse', color: 'charts.green' },
  H: { text: 'Held', icon: 'debug-pause', color: 'charts.orange' },
  P: { text: 'Parked', icon: 'pinned', color: 'charts.orange' },
  X: { text: 'Suspended', icon: 'debug-pause', color: 'charts.orange' },
  M: { text: 'Voice mail', icon: 'mail' },
  S: { text: 'Dialing', icon: 'sync', color: 'charts.blue' },
  R: { text: 'Proceeding', icon: 'sync', color: 'charts.blue' },
  I: { text: 'Disconnected', icon: 'circle-slash', color: 'disabledForeground' },
  E: { text: 'Disconnected (remote)', icon: 'circle-slash', color: 'disabledForeground' },
};

export function stateLook(item: CachedInteraction): StateLook {
  const state = attribute(item, 'Eic_State') ?? '';
  const known = STATES[state];
  if (known && state === 'C' && attribute(item, 'Eic_Muted') === '1') return { text: 'Connected, muted', icon: 'mute', color: 'charts.green' };
  return known ?? { text: plainText(attribute(item, 'Eic_CallStateString') || 'Unknown state', 40), icon: 'question' };
}

export function interactionLabel(item: CachedInteraction): string {
  return plainText(attribute(item, 'Eic_RemoteName') || attribute(item, 'Eic_RemoteAddress') || `Interaction ${item.id}`, LABEL_LENGTH);
}

/** Recording state in words: "recording", "recording paused", "secure pause 0:42". */
export function recordingText(item: CachedInteraction, now = Date.now()): string | undefined {
  if (attribute(item, 'Eic_SecurePause') === '1') {
    const ends = Date.parse(attribute(item, 'Eic_SecurePauseEndTime') ?? '');
    if (Number.isNaN(ends)) return 'secure pause';
    const seconds = Math.max(0, Math.ceil((ends - now) / 1_000));
    return `secure pause ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }
  if (!isRecorded(item)) return undefined;
  return attribute(item, 'Eic_RecordingPaused') === '1' ? 'recording paused' : 'recording';
}

/** When a timed secure pause ends (its countdown is on the row until then). */
export function securePauseEnd(item: CachedInteraction): number | undefined {
  if (attribute(item, 'Eic_SecurePause') !== '1') return undefined;
  const ends = Date.parse(attribute(item, 'Eic_SecurePauseEndTime') ?? '');
  return Number.isNaN(ends) ? undefined : ends;
}

export function interactionDescription(item: CachedInteraction, busy?: string, now = Date.now()): string {
  const parts: string[] = [];
  if (busy) parts.push(`${busy}…`);
  // State first, beside the icon: the default sidebar width cuts the end of a description.
  parts.push(stateLook(item).text);
  const name = attribute(item, 'Eic_RemoteName');
  const address = attribute(item, 'Eic_RemoteAddress');
  if (name && address && address !== name) parts.push(plainText(address, 40));
  const direction = attribute(item, 'Eic_CallDirection');
  const media = plainText(attribute(item, 'Eic_ObjectType') || 'Call', 20).toLowerCase();
  parts.push(direction === 'I' ? `inbound ${media}` : direction === 'O' ? `outbound ${media}` : media);
  if (attribute(item, 'Eic_ConsultCallId')) parts.push('consult');
  const recording = recordingText(item, now);
  if (recording) parts.push(recording);
  if (attribute(item, 'Eic_Private') === '1') parts.push('private');
  if (attribute(item, 'Eic_Monitors')) parts.push('listened to');
  if (attribute(item, 'Eic_Coaches')) parts.push('coached');
  if (attribute(item, 'Eic_ConferenceMembers')) parts.push('joined');
  return parts.join(' · ');
}

/**
 * The menu word for each action: package.json's `when` clauses test them with
 * `viewItem =~ /\bcanHold\b/` (test/unit/interactionActions.test.ts checks they agree with the palette).
 */
const ACTION_WORDS: Record<InteractionAction, string> = {
  disconnect: 'canDisconnect',
  pickup: 'canPickup',
  hold: 'canHold',
  mute: 'canMute',
  blindTransfer: 'canTransfer',
  consult: 'canConsult',
  consultSpeakTo: 'inConsult',
  completeConsult: 'inConsult',
  cancelConsult: 'inConsult',
  record: 'canRecord',
  securePause: 'canSecurePause',
  pauseRecording: 'isRecorded',
  sendDigits: 'canSendDigits',
  park: 'canPark',
  transferToVoicemail: 'canVoicemail',
  sendToVoicemail: 'canVoicemail',
  makePrivate: 'canPrivate',
  setAttributes: 'canSetAttributes',
  conference: 'canConference',
  listen: 'canMonitor',
  coach: 'canMonitor',
  join: 'canMonitor',
};

/**
 * Words separated by spaces, so `when` clauses can test each with `viewItem =~ /\bcanHold\b/`:
 * `interaction`, the state, and a word for each action `allowedActions` allows.
 */
export function interactionContextValue(item: CachedInteraction, consult: ConsultRole, me?: string): string {
  const state = attribute(item, 'Eic_State') ?? '';
  const allowed = allowedActions(item, { ...consult, me });
  const words = new Set(['interaction', `state${state || 'None'}`]);
  for (const action of allowed) words.add(ACTION_WORDS[action]);
  if (allowed.has('record') && !allowed.has('pauseRecording')) words.add('notRecorded');
  return [...words].join(' ');
}

/** `20240611T140512Z` (CIC's ISO-8601 basic form) as a Date. */
export function parseBasicTime(value: string | undefined): Date | undefined {
  const match = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/**
 * Markdown for the tooltip: who, state, times, then every attribute (all escaped: attributes are
 * untrusted), those the last message changed marked with a dot.
 */
export function interactionTooltip(item: CachedInteraction, attributes: Record<string, string>, changedNames: readonly string[] = []): string {
  const changed = new Set(changedNames);
  const lines = [`**${markdownText(interactionLabel(item))}** · ${markdownText(stateLook(item).text)}`, '', `Interaction ${markdownText(item.id)}`];
  const started = parseBasicTime(attribute(item, 'Eic_InitiationTime'));
  if (started) lines.push(`Started ${started.toLocaleString()}`);
  lines.push('', '| Attribute | Value |', '|---|---|');
  for (const name of Object.keys(attributes).sort()) {
    const mark = changed.has(name.toLowerCase()) ? ' ●' : '';
    lines.push(`| ${markdownText(name, 100)}${mark} | ${markdownText(attributes[name] ?? '', 300) || '—'} |`);
  }
  if (changed.size) lines.push('', '● changed in the last message');
  return lines.join('\n');
}
