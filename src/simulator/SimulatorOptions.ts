// What the simulator is started with, and the switches it can be changed with while it runs. Kept
// apart from IcwsSimulator so the routes, which read both, do not import the server that loads them.

import type { CallCenterTiming } from './CallCenter';
import type { DemoTrafficOptions, Scenario } from './DemoTraffic';
import type { Directory } from './directory';
import type { FaultRequest } from './Faults';
import type { CorsOrigins } from './http/cors';
import type { CapturedMessage } from './replay/CaptureReplay';
import type { ScenarioDefinition } from './scenario/scenarioSchema';

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Feature versions to report (and honour), e.g. `{ interactions: 5 }` to imitate an old server. */
  features?: Partial<Record<string, number>>;
  scenario?: Scenario;
  seed?: number;
  /** Pace of the demo traffic (scenario `demo`). */
  demo?: Partial<DemoTrafficOptions>;
  timing?: Partial<CallCenterTiming>;
  directory?: Directory;
  /** Interval of SSE keep-alive comments. */
  keepAliveMs?: number;
  /** One line per request and notable event. Session ids are masked. */
  log?: (line: string) => void;
  /** Faults in force from the start (see Faults). */
  faults?: FaultRequest;
  /** Called as each request arrives, before it is handled (benchmarks time requests with it). */
  onRequest?: (method: string, path: string) => void;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Origins whose pages may call the simulator (CORS, with credentials); any by default. Not the control API's. */
  corsOrigins?: CorsOrigins;
  /** Host names besides loopback and the listening address that requests may name (`Host`). */
  allowedHosts?: readonly string[];
  /** A scenario file's content to run instead of the demo traffic (see docs/simulator.md). */
  script?: ScenarioDefinition;
  /** How much faster than written the scenario or the replay runs (10: ten times as fast). */
  speed?: number;
  /** A captured session's messages to replay to clients that subscribe to its subscriptions. */
  replay?: readonly CapturedMessage[];
}

/** Runtime switches, also reachable through `POST /simulator/config`. */
export interface SimulatorConfig {
  /** When false, logins answer 503 with `alternateHosts` (a switchover partner that is not active). */
  acceptSessions: boolean;
  alternateHosts: string[];
}
