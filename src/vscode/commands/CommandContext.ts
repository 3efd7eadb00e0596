import * as vscode from 'vscode';
import { IcwsError, type IcwsSession } from '../../icws';
import { plainText } from '../display/untrustedText';
import type { IcwsLogChannel } from '../log/IcwsLogChannel';
import type { ConsultTracker } from '../session/ConsultTracker';
import type { MyStatus } from '../session/MyStatus';
import type { StatusIcons } from '../session/StatusIcons';
import type { OperationTracker } from '../session/OperationTracker';
import type { QueueWatcher } from '../session/QueueWatcher';
import type { SessionService } from '../session/SessionService';
import type { EmbeddedSimulator } from '../simulator/EmbeddedSimulator';
import type { InteractionsTreeProvider } from '../tree/InteractionsTreeProvider';

/** The collaborators commands work with, passed in (no global service locator). */
export interface CommandContext {
  sessions: SessionService;
  watcher: QueueWatcher;
  consults: ConsultTracker;
  operations: OperationTracker;
  tree: InteractionsTreeProvider;
  log: IcwsLogChannel;
  simulator: EmbeddedSimulator;
  myStatus: MyStatus;
  statusIcons: StatusIcons;
  /** Where a document showing an interaction of a session can be opened (see InteractionDocuments). */
  interactionUri(interactionId: string, session?: IcwsSession): vscode.Uri;
}

/**
 * Shows an error once, in the server's words (as plain text: they may carry link syntax), with a
 * way to the log. It does not wait for the user to dismiss it, so the command that failed returns at once.
 */
export function showError(error: unknown, log: IcwsLogChannel): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error(message);
  const outcomeUnknown = error instanceof IcwsError && error.kind === 'outcome-unknown';
  const show = outcomeUnknown ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  void show(plainText(message, 1_000), 'Open Log').then((choice) => {
    if (choice === 'Open Log') log.show();
  });
}

/** A command: its id, and its handler made from the collaborators (see registerCommands). */
export interface CommandDefinition {
  readonly id: string;
  create(context: CommandContext): (...args: any[]) => unknown;
}

export function defineCommand(id: string, create: CommandDefinition['create']): CommandDefinition {
  return { id, create };
}
