import type * as vscode from 'vscode';
import type { IcwsAuthenticationProvider } from '../session/IcwsAuthenticationProvider';
import type { ConsultTracker } from '../session/ConsultTracker';
import type { MyStatus } from '../session/MyStatus';
import type { StatusIcons } from '../session/StatusIcons';
import type { QueueWatcher } from '../session/QueueWatcher';
import type { SessionService } from '../session/SessionService';
import type { EmbeddedSimulator } from '../simulator/EmbeddedSimulator';
import type { IcwsLogChannel } from '../log/IcwsLogChannel';
import type { TrafficRecording } from '../traffic/TrafficRecording';
import type { TrafficViewProvider } from '../traffic/TrafficViewProvider';
import type { IcwsNotebooks } from '../notebooks/registerNotebooks';
import type { IcwsTestController } from '../testing/IcwsTestController';
import type { InteractionsTreeProvider } from '../tree/InteractionsTreeProvider';
import type { AssistantToolMap } from '../assistants/registerAssistantTools';
import type { HealthTreeProvider } from '../health/HealthTreeProvider';
import type { SessionHealthService } from '../health/SessionHealthService';
import type { StreamSilenceStatusBar } from '../health/StreamSilenceStatusBar';

/** Registered only when VS Code runs the extension in test mode (`ExtensionMode.Test`). */
export const TEST_INTERNALS_COMMAND = 'icws.test.internals';

/**
 * The extension's internals, for its own tests only: reached through a command registered only
 * when VS Code runs the extension in test mode, never through `activate()`'s return value.
 */
export interface IcwsTestInternals {
  sessions: SessionService;
  watcher: QueueWatcher;
  tree: InteractionsTreeProvider;
  consults: ConsultTracker;
  simulator: EmbeddedSimulator;
  accounts: IcwsAuthenticationProvider;
  log: IcwsLogChannel;
  traffic: TrafficRecording;
  trafficPanel: TrafficViewProvider;
  notebooks: IcwsNotebooks;
  notebookTests: IcwsTestController;
  myStatus: MyStatus;
  statusIcons: StatusIcons;
  /** The registered language-model tools, to call prepareInvocation as VS Code would. */
  assistantTools: AssistantToolMap;
  /** Where the extension keeps passwords and sessions (under each profile's keys), for the secrets and profiles tests. */
  secrets: vscode.SecretStorage;
  health: SessionHealthService;
  healthTree: HealthTreeProvider;
  healthStatus: StreamSilenceStatusBar;
  /** The mementos the extension writes (ids only, never secrets), for the secrets test. */
  state: { global: vscode.Memento; workspace: vscode.Memento };
}
