// What the assistant tools see of the world: the live sessions with their profiles, the Traffic
// timeline, the ICWS catalog, and an optional simulator. The extension and `icws-mcp` each build
// one; the tools never reach further than this.
import type { ConnectionProfile, IcwsSession } from '../icws';
import type { IcwsCatalog } from '../icws/catalog';
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
}
