// Runs a scenario against the simulator's state: calls arrive at their times, simulated agents
// answer, talk and hang up or transfer, and status changes, faults and switchovers happen when the
// file says. All timing goes through the call center's timers and one seeded random source, so the
// same file and seed give the same run. `speed` shortens every wait (10: ten times as fast).

import { Emitter } from '../../icws/events';
import type { CallCenter, SimInteraction } from '../CallCenter';
import { attr, stateOf } from '../CallCenter';
import { seededRandom } from '../DemoTraffic';
import type { FaultRequest } from '../Faults';
import type { SimulatorConfig } from '../SimulatorOptions';
import type { UserStatuses } from '../UserStatuses';
import { MAX_SCENARIO_STEPS, milliseconds, type ScenarioDefinition, scenarioSteps } from './scenarioSchema';

export interface ScenarioProgress {
  callsPlaced: number;
  callsPlanned: number;
  eventsDone: number;
  eventsPlanned: number;
  finished: boolean;
}

export interface ScenarioTargets {
  callCenter: CallCenter;
  statuses: UserStatuses;
  config: SimulatorConfig;
  applyFaults(request: FaultRequest): unknown;
  log(line: string): void;
}

export class ScenarioRunner {
  private readonly random: () => number;
  private readonly progressEmitter = new Emitter<ScenarioProgress>();
  /** Fired as calls arrive and events happen, and once when everything planned has happened. */
  readonly onProgress = this.progressEmitter.event;
  readonly progress: ScenarioProgress;
  private readonly handled = new Set<string>();

  constructor(
    private readonly scenario: ScenarioDefinition,
    private readonly targets: ScenarioTargets,
    options: { seed?: number; speed?: number } = {},
  ) {
    // A definition that did not come through loadScenario is held to the file's bound too.
    const steps = scenarioSteps(scenario);
    if (steps > MAX_SCENARIO_STEPS) throw new Error(`scenario "${scenario.name}": ${steps} calls and events in all (repeats counted); at most ${MAX_SCENARIO_STEPS}`);
    this.random = seededRandom(options.seed ?? scenario.seed ?? 1);
    this.speed = Math.max(0.01, options.speed ?? 1);
    const callsPlanned = (scenario.calls ?? []).reduce((sum, call) => sum + (call.repeat?.count ?? 1), 0);
    this.progress = { callsPlaced: 0, callsPlanned, eventsDone: 0, eventsPlanned: scenario.events?.length ?? 0, finished: callsPlanned === 0 && !scenario.events?.length };
  }

  private readonly speed: number;

  start(): void {
    const { callCenter, statuses } = this.targets;
    // Only agents the file gives a plan to, or who log in through ICWS, take calls.
    const planned = new Set(Object.keys(this.scenario.agents ?? {}).map((userId) => userId.toLowerCase()));
    const statusAllows = callCenter.acdAvailable;
    callCenter.acdAvailable = (userId) => statusAllows(userId) && (planned.has(userId.toLowerCase()) || callCenter.hasLiveSession(userId));
    for (const [userId, statusId] of Object.entries(this.scenario.statuses ?? {})) statuses.set(userId, { statusId });
    callCenter.onChange(({ interaction }) => this.agentsAct(interaction));
    for (const call of this.scenario.calls ?? []) {
      const count = call.repeat?.count ?? 1;
      for (let index = 0; index < count; index++) {
        const jitter = call.repeat?.jitter ? this.random() * milliseconds(call.repeat.jitter) : 0;
        const at = milliseconds(call.at) + (call.repeat ? index * milliseconds(call.repeat.every) : 0) + jitter;
        this.after(at, () => {
          callCenter.createInbound({ to: call.to, from: call.from ?? '+13175550100', name: call.name, attributes: call.attributes, scripted: true });
          this.progress.callsPlaced++;
          this.report();
        });
      }
    }
    for (const event of this.scenario.events ?? []) {
      this.after(milliseconds(event.at), () => {
        for (const [userId, statusId] of Object.entries(event.status ?? {})) statuses.set(userId, { statusId });
        if (event.fault) this.targets.applyFaults(event.fault as FaultRequest);
        if (event.switchover) {
          this.targets.config.acceptSessions = event.switchover.acceptSessions;
          this.targets.config.alternateHosts = event.switchover.alternateHosts ?? [];
        }
        this.progress.eventsDone++;
        this.report();
      });
    }
    this.report();
  }

  private after(ms: number, action: () => void): void {
    this.targets.callCenter.later(ms / this.speed, action);
  }

  private report(): void {
    const p = this.progress;
    p.finished = p.callsPlaced >= p.callsPlanned && p.eventsDone >= p.eventsPlanned;
    this.progressEmitter.fire({ ...p });
  }

  /** A call alerting a scripted agent: answer, talk, then hang up or transfer, as the file says. */
  private agentsAct(interaction: SimInteraction): void {
    const owner = interaction.owner;
    const plan = owner ? this.scenario.agents?.[owner] : undefined;
    const { callCenter } = this.targets;
    if (!owner || !plan || stateOf(interaction) !== 'A' || callCenter.hasLiveSession(owner) || !interaction.scripted) return;
    const key = `${interaction.id}/${owner}`;
    if (this.handled.has(key)) return;
    this.handled.add(key);
    this.after(milliseconds(plan.answerAfter ?? 3), () => {
      if (stateOf(interaction) !== 'A' || interaction.owner !== owner) return;
      const user = callCenter.directory.user(owner);
      if (!user) return;
      callCenter.pickup(interaction.id, user);
      this.after(milliseconds(plan.talkFor ?? 30), () => {
        if (stateOf(interaction) !== 'C' || attr(interaction, 'Eic_LocalUserId') !== owner) return;
        const target = plan.transferTo ? callCenter.directory.resolveTarget(plan.transferTo) : undefined;
        if (target) callCenter.blindTransfer(interaction.id, target);
        else callCenter.disconnect(interaction.id);
      });
    });
  }
}
