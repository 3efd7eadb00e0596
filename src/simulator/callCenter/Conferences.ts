// Conferences. Simulator choice (the docs do not say how a conference shows in a queue): the
// conference is an interaction of its own, whose id is the conferenceId, and each party carries
// Eic_ConferenceId; clients nest the parties under it.

import { EIC_STATE } from '../../icws/wire';
import type { Party, SimUser } from '../directory';
import { SimError, simErrors } from '../SimError';
import type { Calls, EndState } from './Calls';
import { attr, basicDateTime, isDisconnected, partyAddress, partyName, type SimInteraction, stateOf } from './interaction';
import type { InteractionStore } from './InteractionStore';

export class Conferences {
  constructor(
    private readonly store: InteractionStore,
    private readonly calls: Calls,
  ) {}

  /** Makes a conference of the agent's calls. */
  create(ids: string[], agent: SimUser): string {
    const { store } = this;
    const parties = ids.map((id) => store.requireState(id, ['C', 'H'], 'conference'));
    if (new Set(ids).size < 2) throw simErrors.invalidProperty('interactions', 'a conference needs two or more different interactions');
    for (const party of parties) {
      if (attr(party, 'Eic_ConferenceId')) throw simErrors.invalidState(party.id, 'add to a new conference (it is in one)', stateOf(party));
    }
    const conference = store.create({ Eic_CallDirection: 'O', Eic_CallType: 'I', Eic_ObjectType: 'Conference', Eic_RemoteName: 'Conference', Eic_RemoteAddress: '' }, false);
    store.change(conference, (set) => {
      store.assignTo(conference, agent);
      set('Eic_State', EIC_STATE.connected);
      set('Eic_ConnectTime', basicDateTime(store.now()));
    });
    for (const party of parties) this.join(party, conference.id);
    return conference.id;
  }

  /** Adds more of the agent's calls to a conference. */
  add(conferenceId: string, ids: string[]): void {
    this.conference(conferenceId);
    for (const id of ids) this.join(this.store.requireState(id, ['C', 'H'], 'add to a conference'), conferenceId);
  }

  /** Calls someone into a conference (or into a call, which becomes a conference). */
  invite(conferenceOrCall: string, party: Party, agent: SimUser): string {
    const { store } = this;
    const existing = store.get(conferenceOrCall);
    const conferenceId = attr(existing, 'Eic_ObjectType') === 'Conference' ? existing.id : attr(existing, 'Eic_ConferenceId') || undefined;
    const target = conferenceId ?? this.createAround(existing, agent);
    const leg = store.create({
      Eic_CallDirection: 'O',
      Eic_CallType: party.kind === 'external' ? 'E' : 'I',
      Eic_RemoteName: partyName(party),
      Eic_RemoteAddress: partyAddress(party),
      Eic_ConferenceId: target,
    }, false);
    store.change(leg, (set) => {
      store.assignTo(leg, agent);
      set('Eic_State', EIC_STATE.system);
    });
    this.calls.progressOutbound(leg);
    return leg.id;
  }

  /** When a party ends, a conference left without parties ends; when a conference ends, its parties do. */
  ended(interaction: SimInteraction, state: EndState): void {
    const conferenceId = attr(interaction, 'Eic_ConferenceId');
    if (conferenceId) this.endWithoutParties(conferenceId);
    if (attr(interaction, 'Eic_ObjectType') === 'Conference') {
      for (const party of this.store.all()) if (attr(party, 'Eic_ConferenceId') === interaction.id && !isDisconnected(party)) this.calls.end(party, state);
    }
  }

  private createAround(call: SimInteraction, agent: SimUser): string {
    const { store } = this;
    store.requireState(call.id, ['C', 'H'], 'invite a party to');
    const conference = store.create({ Eic_CallDirection: 'O', Eic_CallType: 'I', Eic_ObjectType: 'Conference', Eic_RemoteName: 'Conference', Eic_RemoteAddress: '' }, false);
    store.change(conference, (set) => {
      store.assignTo(conference, agent);
      set('Eic_State', EIC_STATE.connected);
    });
    this.join(call, conference.id);
    return conference.id;
  }

  private conference(conferenceId: string): SimInteraction {
    const conference = this.store.find(conferenceId);
    if (!conference || attr(conference, 'Eic_ObjectType') !== 'Conference') throw new SimError(404, 'error.request.interactions.conferenceNotFound', `The conference ${conferenceId} was not found.`);
    return conference;
  }

  private join(party: SimInteraction, conferenceId: string): void {
    this.store.change(party, (set) => {
      set('Eic_ConferenceId', conferenceId);
      set('Eic_State', EIC_STATE.connected);
    });
  }

  private endWithoutParties(conferenceId: string): void {
    const conference = this.store.find(conferenceId);
    if (!conference || isDisconnected(conference)) return;
    const live = this.store.all().some((other) => other.id !== conferenceId && attr(other, 'Eic_ConferenceId') === conferenceId && !isDisconnected(other));
    if (!live) this.calls.end(conference, EIC_STATE.internallyDisconnected);
  }
}
