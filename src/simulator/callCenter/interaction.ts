// What the call center's parts share: the simulated interaction, how one reads its attributes, and
// the queue keys and time formats the wire shows.

import { QueueType } from '../../icws/wire';
import type { Party, SimUser } from '../directory';

export interface SimInteraction {
  readonly id: string;
  /** Keyed by lower-case name; keeps the first spelling for output. */
  readonly attributes: Map<string, { name: string; value: string }>;
  /** Queue keys (see `queueKey`) the interaction is on. */
  queues: Set<string>;
  /** The user whose leg this is (alerting, connected, held at that user). */
  owner?: string;
  /** The ACD workgroup it came through, while it is still that workgroup's. */
  workgroup?: string;
  /** Driven by the demo traffic script until a client acts on it. */
  scripted: boolean;
  /** Agents that let it ring out (not offered again). */
  readonly declinedBy: Set<string>;
  /** The interaction it consults on behalf of (consult legs only). */
  consultOf?: string;
}

export interface InteractionChange {
  interaction: SimInteraction;
  /** Lower-case names of the attributes whose values changed. */
  changed: ReadonlySet<string>;
  queuesBefore: ReadonlySet<string>;
}

export function attr(interaction: SimInteraction, name: string): string | undefined {
  return interaction.attributes.get(name.toLowerCase())?.value;
}

export function stateOf(interaction: SimInteraction): string {
  return attr(interaction, 'Eic_State') ?? '';
}

export function isDisconnected(interaction: SimInteraction): boolean {
  const state = stateOf(interaction);
  return state === 'I' || state === 'E';
}

export function queueKey(queueType: QueueType, queueName: string): string {
  return `${queueType}:${queueName.toLowerCase()}`;
}

/** The queues a call assigned to `user` is on: the user's, the user's system queue and the station's. */
export function userQueues(user: SimUser): string[] {
  return [queueKey(QueueType.User, user.userId), queueKey(QueueType.System, user.userId), queueKey(QueueType.Station, user.extension)];
}

/** Simulator choice: the docs leave the separator of list attributes (Eic_Recorders) open. */
export const LIST_SEPARATOR = ',';

export function listOf(value: string | undefined): string[] {
  return (value ?? '').split(LIST_SEPARATOR).filter(Boolean);
}

export function partyName(party: Party): string {
  if (party.kind === 'user') return party.user.displayName;
  if (party.kind === 'workgroup') return party.workgroup.name;
  return party.number;
}

export function partyAddress(party: Party): string {
  if (party.kind === 'user') return party.user.extension;
  if (party.kind === 'workgroup') return party.workgroup.name;
  return party.number;
}

/** `YYYYMMDD`, as in Eic_CallIdKey. */
export function basicDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** ISO-8601 basic UTC, e.g. `20240611T140512Z`, as CIC writes time attributes. */
export function basicDateTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
