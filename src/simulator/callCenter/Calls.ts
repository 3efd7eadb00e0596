// Calls and what an agent does with one: inbound and outbound calls, pick up, hold, mute, hang up,
// blind transfer, digits, privacy, attributes; and how a call ends.

import { EIC_STATE } from '../../icws/wire';
import type { Party, SimUser } from '../directory';
import { simErrors } from '../SimError';
import { attr, basicDateTime, isDisconnected, partyAddress, partyName, type SimInteraction, stateOf } from './interaction';
import type { InteractionStore } from './InteractionStore';
import type { Routing } from './Routing';
import type { CallCenterTiming } from './timing';

export type EndState = typeof EIC_STATE.internallyDisconnected | typeof EIC_STATE.externallyDisconnected;

export class Calls {
  private readonly endHooks: ((interaction: SimInteraction, state: EndState) => void)[] = [];

  constructor(
    private readonly store: InteractionStore,
    private readonly routing: Routing,
    private readonly timing: CallCenterTiming,
  ) {}

  /** Runs `hook` as each interaction ends, after its state changed and before it is removed; in the order added. */
  whenEnded(hook: (interaction: SimInteraction, state: EndState) => void): void {
    this.endHooks.push(hook);
  }

  /** An inbound call from outside to a workgroup, user or extension. */
  createInbound(options: { to: string; from: string; name?: string; scripted?: boolean; attributes?: Record<string, string> }): SimInteraction {
    const party = this.store.directory.resolveTarget(options.to);
    if (!party || party.kind === 'external') throw simErrors.unknownTarget(options.to);
    const interaction = this.store.create({
      Eic_CallDirection: 'I',
      Eic_CallType: 'E',
      Eic_RemoteName: options.name ?? options.from,
      Eic_RemoteAddress: options.from,
      Eic_RemoteId: options.from,
      ...options.attributes,
    }, options.scripted ?? false);
    this.routing.deliverTo(interaction, party);
    return interaction;
  }

  /** An outbound call placed by `user`. Remote parties answer after `answerDelayMs`. */
  makeCall(user: SimUser, target: string, extra: Record<string, string> = {}): SimInteraction {
    const { store } = this;
    const party = store.directory.resolveTarget(target);
    if (!party) throw simErrors.unknownTarget(target);
    const interaction = store.create({
      Eic_CallDirection: 'O',
      Eic_CallType: party.kind === 'external' ? 'E' : 'I',
      Eic_RemoteName: partyName(party),
      Eic_RemoteAddress: partyAddress(party),
      ...extra,
    }, false);
    store.change(interaction, (set) => {
      store.assignTo(interaction, user);
      set('Eic_State', EIC_STATE.system);
    });
    this.progressOutbound(interaction);
    return interaction;
  }

  pickup(id: string, user: SimUser): void {
    const { store } = this;
    const interaction = store.get(id);
    const state = stateOf(interaction);
    if (!['A', 'O', 'H', 'P', 'X'].includes(state)) throw simErrors.invalidState(id, 'pick up', state);
    store.change(interaction, (set) => {
      store.assignTo(interaction, user);
      if (state !== 'H' && !attr(interaction, 'Eic_ConnectTime')) set('Eic_ConnectTime', basicDateTime(store.now()));
      set('Eic_State', EIC_STATE.connected);
      set('Eic_LocalUserId', user.userId);
      set('Eic_LocalName', user.displayName);
    });
  }

  hold(id: string, on: boolean): void {
    const interaction = this.store.get(id);
    const state = stateOf(interaction);
    if (on ? state !== 'C' && state !== 'H' : state !== 'H' && state !== 'C') throw simErrors.invalidState(id, on ? 'hold' : 'resume', state);
    this.store.change(interaction, (set) => set('Eic_State', on ? EIC_STATE.held : EIC_STATE.connected));
  }

  mute(id: string, on: boolean): void {
    const interaction = this.store.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'mute', stateOf(interaction));
    this.store.change(interaction, (set) => set('Eic_Muted', on ? '1' : '0'));
  }

  /** The local (CIC-side) party hangs up. */
  disconnect(id: string): void {
    const interaction = this.store.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'disconnect', stateOf(interaction));
    this.end(interaction, EIC_STATE.internallyDisconnected);
  }

  /** The remote party hangs up. */
  remoteHangup(id: string): void {
    const interaction = this.store.get(id);
    if (isDisconnected(interaction)) return;
    this.end(interaction, EIC_STATE.externallyDisconnected);
  }

  setAttributes(id: string, attributes: Record<string, string>): void {
    const interaction = this.store.get(id);
    this.store.change(interaction, (set) => {
      for (const [name, value] of Object.entries(attributes)) set(name, value);
    });
  }

  blindTransfer(id: string, party: Party): void {
    const { store } = this;
    const interaction = store.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'transfer', stateOf(interaction));
    const previousOwner = interaction.owner;
    store.change(interaction, (set) => {
      store.leaveAgent(interaction);
      interaction.workgroup = undefined;
      set('Eic_WorkgroupName', '');
      interaction.queues.clear();
      set('Eic_State', EIC_STATE.offering);
    });
    this.routing.deliverTo(interaction, party);
    if (previousOwner) this.routing.routeWaiting();
  }

  /** DTMF into a connected call (simulator choice: the last digits sent show as Eic_LastDtmfDigits). */
  sendDigits(id: string, digits: string): void {
    const interaction = this.store.requireState(id, ['C'], 'send digits to');
    this.store.change(interaction, (set) => set('Eic_LastDtmfDigits', digits));
  }

  makePrivate(id: string, on: boolean): void {
    const interaction = this.store.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'make private', stateOf(interaction));
    this.store.change(interaction, (set) => set('Eic_Private', on ? '1' : '0'));
  }

  /**
   * A call placed to a simulated party: dialing, proceeding, then answered after `answerDelayMs`.
   * With `answered: false` it stays proceeding (ringing) until `answer()` (a real user picks up).
   */
  progressOutbound(interaction: SimInteraction, options: { answered: boolean } = { answered: true }): void {
    const { store } = this;
    store.later(Math.min(100, this.timing.answerDelayMs / 2), () => {
      if (stateOf(interaction) === 'S') store.change(interaction, (set) => set('Eic_State', EIC_STATE.proceeding));
    });
    if (options.answered) store.later(this.timing.answerDelayMs, () => this.answer(interaction));
  }

  /** The far end of a dialing or proceeding call answers: it connects. */
  answer(interaction: SimInteraction): void {
    const state = stateOf(interaction);
    if (state !== 'S' && state !== 'R') return;
    this.store.change(interaction, (set) => {
      set('Eic_State', EIC_STATE.connected);
      set('Eic_ConnectTime', basicDateTime(this.store.now()));
    });
  }

  /** Disconnects it, tells the parts that hang on it (`whenEnded`), and removes it after a while. */
  end(interaction: SimInteraction, state: EndState): void {
    const { store } = this;
    store.change(interaction, (set) => {
      set('Eic_State', state);
      set('Eic_TerminationTime', basicDateTime(store.now()));
    });
    for (const hook of this.endHooks) hook(interaction, state);
    store.later(this.timing.disconnectLingerMs, () => store.removeNow(interaction));
    this.routing.routeWaiting();
  }
}
