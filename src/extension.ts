// Composes the extension: builds the collaborators and registers them. Nothing else happens
// here: no network or disk work at activation beyond what VS Code hands in.
import * as vscode from 'vscode';
import { createPublicApi, type IcwsPublicApi } from './vscode/api/publicApi';
import { type IcwsTestInternals, TEST_INTERNALS_COMMAND } from './vscode/api/testInternals';
import type { CommandContext } from './vscode/commands/CommandContext';
import { registerCommands } from './vscode/commands/registerCommands';
import { INTERACTION_SCHEME, InteractionDocuments } from './vscode/documents/InteractionDocuments';
import { IcwsLogChannel } from './vscode/log/IcwsLogChannel';
import { describeConnection } from './vscode/session/connectionView';
import { ConsultTracker } from './vscode/session/ConsultTracker';
import { IcwsAuthenticationProvider } from './vscode/session/IcwsAuthenticationProvider';
import { LastChanges } from './vscode/session/LastChanges';
import { MyStatus } from './vscode/session/MyStatus';
import { OperationTracker } from './vscode/session/OperationTracker';
import { PlainHttpConsent } from './vscode/session/PlainHttpConsent';
import { ProfileSettings } from './vscode/session/profiles/ProfileSettings';
import { QueueWatcher } from './vscode/session/QueueWatcher';
import { SessionSecrets } from './vscode/session/SessionSecrets';
import { SessionService } from './vscode/session/SessionService';
import { StatusIcons } from './vscode/session/StatusIcons';
import { IcwsSettings } from './vscode/session/settings';
import { EmbeddedSimulator } from './vscode/simulator/EmbeddedSimulator';
import { SessionStatusBar } from './vscode/status/SessionStatusBar';
import { registerTrafficCommands } from './vscode/commands/traffic/registerTrafficCommands';
import { trafficFiles } from './vscode/traffic/loadTrafficFiles';
import { TrafficRecording } from './vscode/traffic/TrafficRecording';
import { TrafficViewProvider } from './vscode/traffic/TrafficViewProvider';
import { IcwsNotebooks } from './vscode/notebooks/registerNotebooks';
import { IcwsTestController } from './vscode/testing/IcwsTestController';
import { InteractionsTreeProvider } from './vscode/tree/InteractionsTreeProvider';
import { registerAssistantTools } from './vscode/assistants/registerAssistantTools';
import { registerHealthCommands } from './vscode/commands/health/showHealthTraffic';
import { HealthTreeProvider } from './vscode/health/HealthTreeProvider';
import { SessionHealthService } from './vscode/health/SessionHealthService';
import { StreamSilenceStatusBar } from './vscode/health/StreamSilenceStatusBar';


export function activate(extension: vscode.ExtensionContext): IcwsPublicApi {
  const log = new IcwsLogChannel();
  const settings = new IcwsSettings();
  const sessions = new SessionService(settings, new ProfileSettings(), new SessionSecrets(extension.secrets, extension.globalState), log, new PlainHttpConsent(extension.globalState));
  const watcher = new QueueWatcher(sessions, settings, log);
  const consults = new ConsultTracker(extension.globalState);
  const operations = new OperationTracker();
  const lastChanges = new LastChanges(sessions);
  const tree = new InteractionsTreeProvider(sessions, watcher, consults, operations, () => settings.maxRowsPerQueue, lastChanges);
  const simulator = new EmbeddedSimulator(extension.extensionPath, (line) => log.debug(line));
  const documents = new InteractionDocuments(sessions, lastChanges);
  const myStatus = new MyStatus(sessions, log);
  const statusIcons = new StatusIcons(extension.globalStorageUri);
  const context: CommandContext = { sessions, watcher, consults, operations, tree, log, simulator, myStatus, statusIcons, interactionUri: (id, session) => InteractionDocuments.uriFor(id, session && sessions.profileOf(session)?.id) };
  const accounts = new IcwsAuthenticationProvider(sessions);
  const view = vscode.window.createTreeView('icws.interactions', { treeDataProvider: tree, showCollapseAll: true });
  const revealInteraction = async (interactionId: string) => {
    const node = tree.findNode(interactionId);
    if (node) await view.reveal(node, { select: true, focus: true, expand: true });
    else void vscode.window.showInformationMessage(`Interaction ${interactionId} is not in a watched queue now.`);
  };
  const notebooks = new IcwsNotebooks(extension.extensionPath, sessions);
  const traffic = new TrafficRecording(sessions, () => settings.trafficCapacity);
  const notebookTests = new IcwsTestController(extension.extensionPath, sessions, traffic);
  const trafficPanel = new TrafficViewProvider(traffic, extension.extensionUri, revealInteraction, extension.globalState);
  const health = new SessionHealthService(sessions, watcher, myStatus);
  const healthTree = new HealthTreeProvider(health);
  const healthView = vscode.window.createTreeView(HealthTreeProvider.viewId, { treeDataProvider: healthTree });
  const healthStatus = new StreamSilenceStatusBar(health);
  // The models announce changes only while the view is on screen.
  health.setObserved(healthView.visible);
  const assistantTools = registerAssistantTools({ extensionPath: extension.extensionPath, contributed: extension.extension.packageJSON.contributes?.languageModelTools ?? [], sessions, traffic, simulator, health });

  // The view says what the data is worth: live, the last known while the channel reconnects, or why it is offline.
  extension.subscriptions.push(
    describeConnection(view, sessions),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('icws.maxRowsPerQueue') && tree.refreshAll()),
    healthView.onDidChangeVisibility(({ visible }) => health.setObserved(visible)),
  );
  extension.subscriptions.push(
    log,
    sessions,
    watcher,
    consults,
    operations,
    tree,
    view,
    simulator,
    documents,
    myStatus,
    lastChanges,
    new SessionStatusBar(sessions, myStatus),
    vscode.workspace.registerTextDocumentContentProvider(INTERACTION_SCHEME, documents),
    accounts,
    traffic,
    trafficPanel,
    notebooks,
    health,
    healthTree,
    healthView,
    healthStatus,
    ...registerHealthCommands(health, traffic),
    notebookTests,
    vscode.window.registerWebviewViewProvider(TrafficViewProvider.viewId, trafficPanel),
    vscode.authentication.registerAuthenticationProvider('icws', 'ICWS', accounts, { supportsMultipleAccounts: true }),
    ...registerCommands(context),
    ...assistantTools.disposables,
    ...registerTrafficCommands({
      recording: traffic,
      panel: trafficPanel,
      formats: () => trafficFiles(extension.extensionPath),
      version: String(extension.extension.packageJSON.version),
      openInNotebook: (source) => notebooks.openRequest(source),
    }),
  );
  void vscode.commands.executeCommand('setContext', 'icws.state', 'disconnected');
  // Resuming talks to the server: do it after activation returns, never during it.
  setTimeout(() => sessions.resumeOnStartup().catch((error: unknown) => log.warn(`Resuming the sessions failed: ${error instanceof Error ? error.message : String(error)}`)), 0);
  if (extension.extensionMode === vscode.ExtensionMode.Test) {
    const internals: IcwsTestInternals = { sessions, watcher, tree, consults, simulator, accounts, log, traffic, trafficPanel, notebooks, notebookTests, myStatus, statusIcons, health, healthTree, healthStatus, assistantTools: assistantTools.tools, secrets: extension.secrets, state: { global: extension.globalState, workspace: extension.workspaceState } };
    extension.subscriptions.push(vscode.commands.registerCommand(TEST_INTERNALS_COMMAND, () => internals));
  }
  return createPublicApi(sessions, extension.subscriptions);
}

export function deactivate(): void {}
