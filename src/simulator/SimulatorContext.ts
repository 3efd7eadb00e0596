import type { IncomingMessage } from 'node:http';
import type { FeatureInfo } from '../icws/wire';
import type { CallCenter } from './CallCenter';
import type { DirectoryLookup } from './directory';
import type { Faults } from './Faults';
import type { SimulatorConfig, SimulatorOptions } from './SimulatorOptions';
import type { QueueFeeds } from './QueueFeeds';
import type { SimSession } from './SimSession';
import type { CaptureReplay } from './replay/CaptureReplay';
import type { UserStatuses } from './UserStatuses';

/** What the resource files under routes/ work with: the simulator's state, passed in. */
export interface SimulatorContext {
  readonly options: SimulatorOptions;
  readonly directory: DirectoryLookup;
  readonly callCenter: CallCenter;
  readonly feeds: QueueFeeds;
  readonly statuses: UserStatuses;
  readonly config: SimulatorConfig;
  readonly faults: Faults;
  readonly sessions: ReadonlyMap<string, SimSession>;
  /** A capture being replayed (its subscriptions are served from it, not from the call center). */
  readonly replay?: CaptureReplay;
  supports(featureId: string, version: number): boolean;
  /** CORS headers for an answer the handler writes itself (the event stream). */
  corsHeaders(request: IncomingMessage): Record<string, string>;
  featureList(): FeatureInfo[];
  log(line: string): void;
  openSession(session: SimSession): void;
  closeSession(session: SimSession, reason: string, shouldReconnect: boolean): void;
  endSession(sessionId: string, reason: string, shouldReconnect: boolean): boolean;
}
