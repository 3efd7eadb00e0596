// Where calls go: delivering to a user, a workgroup (ACD: offered to the next free member, again
// when it rings out) or out of CIC; parking on a queue; sending to voicemail.

import { EIC_STATE, QueueType } from '../../icws/wire';
import type { Party, SimUser } from '../directory';
import { simErrors } from '../SimError';
import { isDisconnected, queueKey, type SimInteraction, stateOf } from './interaction';
import type { InteractionStore } from './InteractionStore';
import type { CallCenterTiming } from './timing';

export class Routing {
  private roundRobin = 0;

  constructor(
    private readonly store: InteractionStore,
    private readonly timing: CallCenterTiming,
    /** Agents with a live ICWS session answer for themselves; others are answered by the script. */
    readonly hasLiveSession: (userId: string) => boolean,
    /** Whether ACD calls may alert an agent (their status). */
    private readonly acdAvailable: (userId: string) => boolean,
  ) {}

  deliverTo(interaction: SimInteraction, party: Party): void {
    const { store } = this;
    if (party.kind === 'external') {
      // Transferred out of CIC: it leaves every queue.
      store.change(interaction, (set) => {
        store.leaveAgent(interaction);
        interaction.queues.clear();
        set('Eic_State', EIC_STATE.connected);
      });
      store.later(this.timing.disconnectLingerMs, () => store.removeNow(interaction));
      return;
    }
    if (party.kind === 'user') {
      store.change(interaction, (set) => {
        store.assignTo(interaction, party.user);
        set('Eic_State', EIC_STATE.alerting);
      });
      return;
    }
    store.change(interaction, (set) => {
      interaction.workgroup = party.workgroup.name;
      interaction.queues.add(queueKey(QueueType.Workgroup, party.workgroup.name));
      set('Eic_WorkgroupName', party.workgroup.name);
      set('Eic_State', EIC_STATE.offering);
    });
    this.route(interaction);
  }

  /** Offers waiting workgroup calls again (an agent became free). */
  routeWaiting(): void {
    for (const interaction of this.store.values()) if (stateOf(interaction) === 'O' && interaction.workgroup) this.route(interaction);
  }

  isBusy(userId: string): boolean {
    for (const interaction of this.store.values()) {
      if (interaction.owner === userId && !isDisconnected(interaction)) return true;
    }
    return false;
  }

  /** A member of the workgroup other than `except` without a live call, if there is one. */
  freeMember(workgroupName: string, except: string): SimUser | undefined {
    const workgroup = this.store.directory.workgroup(workgroupName);
    const userId = workgroup?.members.find((member) => member !== except && !this.isBusy(member));
    return userId ? this.store.directory.user(userId) : undefined;
  }

  /** Parks the call on a user's queue or a workgroup queue, where anyone watching it can pick it up. */
  park(id: string, party: Party): void {
    const { store } = this;
    const interaction = store.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'park', stateOf(interaction));
    if (party.kind === 'external') throw simErrors.invalidProperty('target', 'a call is parked on a user or a queue, not on an outside number');
    store.change(interaction, (set) => {
      interaction.queues.clear();
      if (party.kind === 'user') {
        store.assignTo(interaction, party.user);
      } else {
        store.leaveAgent(interaction);
        interaction.queues.add(queueKey(QueueType.Workgroup, party.workgroup.name));
      }
      set('Eic_State', EIC_STATE.parked);
    });
    this.routeWaiting();
  }

  /** The call goes to a voicemail box: it leaves the queues it was on, then ends. */
  toVoicemail(id: string, owner?: SimUser): void {
    const { store } = this;
    const interaction = store.get(id);
    if (isDisconnected(interaction) || stateOf(interaction) === 'M') throw simErrors.invalidState(id, 'send to voicemail', stateOf(interaction));
    store.change(interaction, (set) => {
      store.leaveAgent(interaction);
      interaction.queues.clear();
      interaction.workgroup = undefined;
      if (owner) set('Eic_VoicemailOwner', owner.userId);
      set('Eic_State', EIC_STATE.messaging);
    });
    store.later(this.timing.disconnectLingerMs, () => store.removeNow(interaction));
    this.routeWaiting();
  }

  /** ACD: offer a waiting workgroup call to the next free member. */
  private route(interaction: SimInteraction): void {
    if (stateOf(interaction) !== 'O' || !interaction.workgroup) return;
    const workgroup = this.store.directory.workgroup(interaction.workgroup);
    if (!workgroup) return;
    const members = workgroup.members;
    for (let i = 0; i < members.length; i++) {
      const userId = members[(this.roundRobin + i) % members.length]!;
      if (interaction.declinedBy.has(userId) || this.isBusy(userId) || !this.acdAvailable(userId)) continue;
      this.roundRobin = (this.roundRobin + i + 1) % members.length;
      const user = this.store.directory.user(userId)!;
      this.store.change(interaction, (set) => {
        this.store.assignTo(interaction, user);
        set('Eic_State', EIC_STATE.alerting);
      });
      if (this.hasLiveSession(userId)) {
        this.store.later(this.timing.alertTimeoutMs, () => this.ringOut(interaction.id, userId));
      }
      return;
    }
  }

  private ringOut(id: string, userId: string): void {
    const interaction = this.store.find(id);
    if (!interaction || stateOf(interaction) !== 'A' || interaction.owner !== userId) return;
    interaction.declinedBy.add(userId);
    this.store.change(interaction, (set) => {
      this.store.leaveAgent(interaction);
      set('Eic_State', EIC_STATE.offering);
    });
    this.route(interaction);
  }
}
