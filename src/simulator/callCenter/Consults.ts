// Consult transfers: the caller is held while the agent talks to a third party on a consult leg;
// the agent then moves who hears whom, completes the transfer (the morph) or cancels it.

import { Emitter } from '../../icws/events';
import { EIC_STATE, QueueType } from '../../icws/wire';
import type { Party, SimUser } from '../directory';
import { simErrors } from '../SimError';
import type { Calls } from './Calls';
import { attr, basicDateTime, isDisconnected, partyAddress, partyName, queueKey, type SimInteraction, stateOf, userQueues } from './interaction';
import type { InteractionStore } from './InteractionStore';
import type { Routing } from './Routing';
import type { CallCenterTiming } from './timing';

export interface Morph {
  from: string;
  to: string;
  /** The session that created the consult transfer. */
  sessionId?: string;
}

export interface ConsultRecord {
  consultId: string;
  originalId: string;
  consultLegId: string;
  sessionId?: string;
  party: Party;
  /** The user who takes the caller on completion (the target user, or a free workgroup member). */
  consultedUser?: SimUser;
  /**
   * The consulted user's own leg, when that user has a live session: it alerts on the user's queue
   * until the user picks it up, and the consult leg rings (proceeding) until then.
   */
  ringingLegId?: string;
}

export class Consults {
  private readonly records = new Map<string, ConsultRecord>();
  private nextConsult = 1;
  private readonly morphEmitter = new Emitter<Morph>();
  readonly onMorph = this.morphEmitter.event;

  constructor(
    private readonly store: InteractionStore,
    private readonly calls: Calls,
    private readonly routing: Routing,
    private readonly timing: CallCenterTiming,
  ) {}

  get(consultId: string): ConsultRecord {
    const record = this.records.get(consultId);
    if (!record) throw simErrors.consultNotFound(consultId);
    return record;
  }

  start(id: string, party: Party, additionalAttributes: Record<string, string>, sessionId: string | undefined, agent: SimUser): ConsultRecord {
    const { store } = this;
    const original = store.get(id);
    if (isDisconnected(original)) throw simErrors.invalidState(id, 'consult on', stateOf(original));
    store.change(original, (set) => set('Eic_State', EIC_STATE.held));
    const consultedUser = party.kind === 'user' ? party.user : party.kind === 'workgroup' ? this.routing.freeMember(party.workgroup.name, agent.userId) : undefined;
    // A consulted user who is logged in answers for themselves; others are answered by the simulator.
    const ringsAt = party.kind === 'user' && this.routing.hasLiveSession(party.user.userId) ? party.user : undefined;
    const leg = store.create({
      Eic_CallDirection: 'O',
      Eic_CallType: party.kind === 'external' ? 'E' : 'I',
      Eic_RemoteName: consultedUser?.displayName ?? partyName(party),
      Eic_RemoteAddress: consultedUser?.extension ?? partyAddress(party),
      // Attribute name unconfirmed (IceLib speaks of a "ConsultCallId"); kept in one place.
      Eic_ConsultCallId: original.id,
      ...additionalAttributes,
    }, false);
    leg.consultOf = original.id;
    store.change(leg, (set) => {
      store.assignTo(leg, agent);
      if (party.kind === 'workgroup') leg.queues.add(queueKey(QueueType.Workgroup, party.workgroup.name));
      if (consultedUser && !ringsAt) for (const key of userQueues(consultedUser)) leg.queues.add(key);
      set('Eic_State', EIC_STATE.system);
    });
    this.calls.progressOutbound(leg, { answered: !ringsAt });
    const ringing = ringsAt ? this.ring(ringsAt, agent, original.id, additionalAttributes) : undefined;
    const record: ConsultRecord = { consultId: String(this.nextConsult++), originalId: original.id, consultLegId: leg.id, sessionId, party, consultedUser, ringingLegId: ringing?.id };
    this.records.set(record.consultId, record);
    return record;
  }

  /** The consulted user's leg: an intercom call from the consulting agent, alerting on the user's queues. */
  private ring(user: SimUser, agent: SimUser, originalId: string, additionalAttributes: Record<string, string>): SimInteraction {
    const { store } = this;
    const ringing = store.create({
      Eic_CallDirection: 'I',
      Eic_CallType: 'I',
      Eic_RemoteName: agent.displayName,
      Eic_RemoteAddress: agent.extension,
      Eic_RemoteId: agent.userId,
      Eic_ConsultCallId: originalId,
      ...additionalAttributes,
    }, false);
    store.change(ringing, (set) => {
      store.assignTo(ringing, user);
      set('Eic_State', EIC_STATE.alerting);
    });
    return ringing;
  }

  /** Someone picked up `interaction`: if it is a consulted user's ringing leg, the consult leg connects. */
  pickedUp(interaction: SimInteraction): void {
    for (const record of this.records.values()) {
      if (record.ringingLegId !== interaction.id) continue;
      const leg = this.store.find(record.consultLegId);
      if (leg) this.calls.answer(leg);
    }
  }

  changeAudience(consultId: string, audience: { originalParty?: boolean; consultedParty?: boolean }): void {
    const record = this.get(consultId);
    const original = this.store.get(record.originalId);
    const leg = this.store.get(record.consultLegId);
    const toCaller = audience.originalParty === true;
    const toConsulted = audience.consultedParty === true;
    if (!toCaller && !toConsulted) throw simErrors.invalidProperty('audience', 'at least one of originalParty and consultedParty must be true');
    this.store.change(original, (set) => set('Eic_State', toCaller ? EIC_STATE.connected : EIC_STATE.held));
    if (!isDisconnected(leg)) this.store.change(leg, (set) => set('Eic_State', toConsulted ? EIC_STATE.connected : EIC_STATE.held));
  }

  /**
   * Completes a consult transfer: the caller ends up with the consulted party on a new
   * interaction that replaces the original (the morph), and the agent's two legs leave.
   * Simulator choice: which id survives a consult is not documented (docs/simulator.md).
   */
  conclude(consultId: string): string {
    const { store } = this;
    const record = this.get(consultId);
    const original = store.get(record.originalId);
    const leg = store.get(record.consultLegId);
    const ringing = record.ringingLegId ? store.find(record.ringingLegId) : undefined;
    this.records.delete(consultId);
    const replacement = store.create({
      Eic_CallDirection: attr(original, 'Eic_CallDirection') ?? 'I',
      Eic_CallType: attr(original, 'Eic_CallType') ?? 'E',
      Eic_RemoteName: attr(original, 'Eic_RemoteName') ?? '',
      Eic_RemoteAddress: attr(original, 'Eic_RemoteAddress') ?? '',
      Eic_RemoteId: attr(original, 'Eic_RemoteId') ?? '',
      Eic_ConnectTime: basicDateTime(store.now()),
    }, false);
    const party = record.party;
    store.change(replacement, (set) => {
      if (party.kind === 'workgroup') {
        replacement.workgroup = party.workgroup.name;
        replacement.queues.add(queueKey(QueueType.Workgroup, party.workgroup.name));
        set('Eic_WorkgroupName', party.workgroup.name);
      }
      if (record.consultedUser) {
        store.assignTo(replacement, record.consultedUser);
        set('Eic_LocalUserId', record.consultedUser.userId);
        set('Eic_LocalName', record.consultedUser.displayName);
      }
      const stillRinging = ringing !== undefined && stateOf(ringing) === 'A';
      set('Eic_State', party.kind === 'workgroup' && !record.consultedUser ? EIC_STATE.offering : stillRinging ? EIC_STATE.alerting : EIC_STATE.connected);
    });
    this.morphEmitter.fire({ from: original.id, to: replacement.id, sessionId: record.sessionId });
    store.removeNow(original);
    store.removeNow(leg);
    if (ringing) store.removeNow(ringing);
    if (party.kind === 'external') store.later(this.timing.disconnectLingerMs, () => store.removeNow(replacement));
    this.routing.routeWaiting();
    return replacement.id;
  }

  /** Cancels a consult: the consult leg ends, the caller stays held (or resumes, if so configured). */
  cancel(consultId: string): void {
    const record = this.get(consultId);
    this.records.delete(consultId);
    const leg = this.store.find(record.consultLegId);
    if (leg && !isDisconnected(leg)) this.calls.end(leg, EIC_STATE.internallyDisconnected);
    this.hangUpRinging(record);
    const original = this.store.find(record.originalId);
    if (original && this.timing.resumeCallerOnCancel && stateOf(original) === 'H') this.store.change(original, (set) => set('Eic_State', EIC_STATE.connected));
  }

  /**
   * A consult whose leg or caller is gone cannot be concluded any more. The two legs between the
   * agent and a consulted user end together: whoever hangs up, the other side sees the far end go.
   */
  ended(interaction: SimInteraction): void {
    for (const [consultId, record] of this.records) {
      if (record.ringingLegId === interaction.id) {
        this.records.delete(consultId);
        const leg = this.store.find(record.consultLegId);
        if (leg && !isDisconnected(leg)) this.calls.end(leg, EIC_STATE.externallyDisconnected);
      } else if (record.originalId === interaction.id || record.consultLegId === interaction.id) {
        this.records.delete(consultId);
        if (record.consultLegId === interaction.id) this.hangUpRinging(record);
      }
    }
  }

  private hangUpRinging(record: ConsultRecord): void {
    const ringing = record.ringingLegId ? this.store.find(record.ringingLegId) : undefined;
    if (ringing && !isDisconnected(ringing)) this.calls.end(ringing, EIC_STATE.externallyDisconnected);
  }
}
