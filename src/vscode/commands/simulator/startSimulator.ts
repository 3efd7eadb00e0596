import * as vscode from 'vscode';
import { defineCommand, showError } from '../CommandContext';
import { connectToSimulator } from './connectToSimulator';

export const startSimulator = defineCommand('icws.startSimulator', (context) => async (options?: { connect?: boolean }) => {
  try {
    const url = await context.simulator.start();
    context.log.info(`The ICWS simulator listens on ${url} (users agent1, agent2, supervisor; password 1234)`);
    if (options?.connect !== false) {
      await connectToSimulator(context, url);
    }
    void vscode.window.setStatusBarMessage(`ICWS: simulator running on ${url}`, 5_000);
    return url;
  } catch (error) {
    showError(error, context.log);
    return undefined;
  }
});
