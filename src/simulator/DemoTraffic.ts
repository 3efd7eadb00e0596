// Seeded demo traffic: calls arrive on the workgroups at a realistic pace, ring, get answered,
// held, sometimes transferred, and hang up. The same seed replays the same decisions. A call a
// client acts on is left alone from then on (its `scripted` flag drops).

import type { UserStatuses } from './UserStatuses';
import { attr, type CallCenter, isDisconnected, type SimInteraction, stateOf } from './CallCenter';

export type Scenario = 'demo' | 'quiet';

export interface DemoTrafficOptions {
  /** Mean pause between two new calls. */
  meanArrivalMs: number;
  /** No new call while this many demo calls are live, so a tree stays readable. */
  maxLiveCalls: number;
  /** Length of a scripted conversation, in ms. */
  talkMs: [number, number];
  answerMs: [number, number];
  /** A caller still waiting in the queue after this long hangs up. */
  abandonMs: [number, number];
}

export const DEFAULT_DEMO: DemoTrafficOptions = {
  meanArrivalMs: 6_000,
  maxLiveCalls: 8,
  talkMs: [12_000, 45_000],
  answerMs: [1_500, 5_000],
  abandonMs: [30_000, 90_000],
};

const CALLERS = [
  ['ACME Corp', '+13175550100'],
  ['Globex Support Desk', '+13175550142'],
  ['Initech', '+16125550199'],
  ['Umbrella Health', '+14045550123'],
  ['Hooli', '+16505550187'],
  ['Stark Industries', '+12125550110'],
  ['Wayne Enterprises', '+13125550177'],
  ['Soylent Foods', '+17735550166'],
  ['Cyberdyne Systems', '+14155550134'],
  ['Tyrell Corporation', '+13105550155'],
] as const;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class DemoTraffic {
  private readonly random: () => number;
  private running = false;
  private readonly live = new Set<string>();

  constructor(
    private readonly callCenter: CallCenter,
    seed: number,
    private readonly options: DemoTrafficOptions = DEFAULT_DEMO,
    private readonly statuses?: UserStatuses,
  ) {
    this.random = seededRandom(seed);
    callCenter.onChange(({ interaction }) => {
      if (!this.callCenter.find(interaction.id)) this.live.delete(interaction.id);
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // A first call right away, so a new user sees something at once.
    this.callCenter.later(300, () => this.arrive());
    if (this.statuses) this.callCenter.later(this.between([20_000, 40_000]), () => this.takeABreak());
  }

  /** A simulated agent (not one logged in through ICWS) goes to lunch and comes back: ACD calls skip them meanwhile. */
  private takeABreak(): void {
    if (!this.running || !this.statuses) return;
    const agents = this.callCenter.directory.directory.users.filter((user) => !this.callCenter.hasLiveSession(user.userId));
    if (agents.length > 0) {
      const agent = this.pick(agents);
      const statuses = this.statuses;
      statuses.set(agent.userId, { statusId: this.pick(['At Lunch', 'Away from desk', 'In a Meeting']) });
      this.callCenter.later(this.between([15_000, 30_000]), () => this.running && !this.callCenter.hasLiveSession(agent.userId) && statuses.set(agent.userId, { statusId: 'Available' }));
    }
    this.callCenter.later(this.between([45_000, 90_000]), () => this.takeABreak());
  }

  stop(): void {
    this.running = false;
  }

  private between([low, high]: readonly [number, number]): number {
    return Math.round(low + this.random() * (high - low));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private arrive(): void {
    if (!this.running) return;
    const nextIn = Math.round(-Math.log(1 - this.random()) * this.options.meanArrivalMs);
    this.callCenter.later(Math.max(500, nextIn), () => this.arrive());
    if (this.live.size >= this.options.maxLiveCalls) return;
    const [name, number] = this.pick(CALLERS);
    const workgroup = this.random() < 0.6 ? 'Support' : 'Sales';
    const call = this.callCenter.createInbound({ to: workgroup, from: number, name, scripted: true });
    this.live.add(call.id);
    this.callCenter.later(this.between(this.options.answerMs), () => this.answer(call));
    this.callCenter.later(this.between(this.options.abandonMs), () => {
      if (this.scripted(call) && ['O', 'A'].includes(stateOf(call))) this.callCenter.remoteHangup(call.id);
    });
  }

  private scripted(call: SimInteraction): boolean {
    return this.running && call.scripted && this.callCenter.find(call.id) !== undefined && !isDisconnected(call);
  }

  private answer(call: SimInteraction): void {
    if (!this.scripted(call)) return;
    const state = stateOf(call);
    if (state === 'O') {
      // No agent free yet: try again shortly (callers in a queue wait).
      this.callCenter.later(this.between(this.options.answerMs), () => this.answer(call));
      return;
    }
    if (state !== 'A' || !call.owner) return;
    if (this.callCenter.hasLiveSession(call.owner)) {
      // A person is logged in as this agent: let them answer (or let it ring out to another).
      this.callCenter.later(this.between(this.options.answerMs), () => this.answer(call));
      return;
    }
    const agent = this.callCenter.directory.user(call.owner);
    if (!agent) return;
    this.callCenter.pickup(call.id, agent);
    const talk = this.between(this.options.talkMs);
    if (this.random() < 0.35) {
      const holdAt = Math.round(talk * 0.3);
      this.callCenter.later(holdAt, () => this.scripted(call) && stateOf(call) === 'C' && this.callCenter.hold(call.id, true));
      this.callCenter.later(holdAt + this.between([3_000, 8_000]), () => this.scripted(call) && stateOf(call) === 'H' && this.callCenter.hold(call.id, false));
    }
    if (this.random() < 0.15) {
      this.callCenter.later(talk, () => this.transfer(call));
      return;
    }
    this.callCenter.later(talk, () => this.hangUp(call));
  }

  private transfer(call: SimInteraction): void {
    if (!this.scripted(call)) return;
    const other = attr(call, 'Eic_WorkgroupName') === 'Support' ? 'Sales' : 'Support';
    this.callCenter.blindTransfer(call.id, { kind: 'workgroup', workgroup: this.callCenter.directory.workgroup(other)! });
    this.callCenter.later(this.between(this.options.answerMs), () => this.answer(call));
  }

  private hangUp(call: SimInteraction): void {
    if (!this.scripted(call)) return;
    if (stateOf(call) === 'H') this.callCenter.hold(call.id, false);
    if (this.random() < 0.5) this.callCenter.remoteHangup(call.id);
    else this.callCenter.disconnect(call.id);
  }
}
