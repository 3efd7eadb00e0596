// What the assistant tools see of the world: the live sessions with their profiles, the Traffic
// timeline, the ICWS catalog, and an optional simulator. The extension and `icws-mcp` each build
// one; the tools never reach further than this.
import type { ConnectionProfile, IcwsSession } from '../icws';
import type { IcwsCatalog } from '../icws/catalog';
import type { SessionHealthSnapshot } from '../icws/health';
import type { TrafficTimeline } from '../traffic';

/** A live session and the profile it was made from. */
export interface HostSession {
  readonly session: IcwsSession;
  readonly profile: ConnectionProfile;
}

/** An inbound call the simulator places (its control API's fields). */
export interface SimulatedCall {
  to: string;
  from?: string;
  name?: string;
  attributes?: Record<string, string>;
}

export interface SimulatorControl {
  readonly url: string;
  /** Places an inbound call; returns its interaction id. */
  createCall(call: SimulatedCall): string;
}

export interface AssistantHost {
  /** The live sessions, oldest first. */
  sessions(): readonly HostSession[];
  /** The recorded Traffic (already redacted), if the host records it. */
  timeline(): TrafficTimeline | undefined;
  catalog(): IcwsCatalog;
  /** The running simulator, if there is one. */
  simulator(): SimulatorControl | undefined;
  /** The session's health model now (stream, subscriptions, requests), if the host keeps one. */
  health?(session: IcwsSession): SessionHealthSnapshot | undefined;
}

/** What of a simulator the control needs (a type only: the simulator's code is not loaded here). */
interface SimulatorLike {
  readonly url: string;
  readonly callCenter: { createInbound(call: { to: string; from: string; name?: string; attributes?: Record<string, string> }): { id: string } };
}

/** The control of a running simulator: places calls as its control API does (same default caller number). */
export function simulatorControl(simulator: SimulatorLike): SimulatorControl {
  return {
    url: simulator.url,
    createCall: (call) => simulator.callCenter.createInbound({ ...call, from: call.from ?? '+13175550100' }).id,
  };
}
