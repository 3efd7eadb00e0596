import * as vscode from 'vscode';
import { clearTraffic } from './clearTraffic';
import { copyAsCurl } from './copyAsCurl';
import { copyAsFetch } from './copyAsFetch';
import { copyAsJson } from './copyAsJson';
import { exportHar } from './exportHar';
import { openDocumentation } from './openDocumentation';
import { openInNotebook } from './openInNotebook';
import { openTrafficFile } from './openTrafficFile';
import { replayEntry } from './replayEntry';
import { revealEntries } from './revealEntries';
import { saveTraffic } from './saveTraffic';
import { showTraffic } from './showTraffic';
import type { TrafficCommand } from './trafficCommand';
import type { TrafficCommandContext } from './TrafficCommandContext';

/** Every traffic command; package.json contributes each id (see trafficCommandIds.ts). */
export const TRAFFIC_COMMANDS: readonly TrafficCommand[] = [showTraffic, openTrafficFile, saveTraffic, exportHar, clearTraffic, replayEntry, copyAsCurl, copyAsFetch, copyAsJson, openInNotebook, openDocumentation, revealEntries];

export function registerTrafficCommands(context: TrafficCommandContext): vscode.Disposable[] {
  return TRAFFIC_COMMANDS.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(context, ...args)));
}
