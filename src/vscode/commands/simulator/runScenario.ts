import * as vscode from 'vscode';
import { plainText } from '../../display/untrustedText';
import { findProfile } from '../../session/profiles/profileRecords';
import { defineCommand, showError } from '../CommandContext';
import { connectToSimulator } from './connectToSimulator';

/**
 * `icws.runScenario(uri?)`: runs a scenario file (the open one by default) in a fresh embedded
 * simulator, connects to it, and shows its progress until it is done or cancelled.
 */
export const runScenario = defineCommand('icws.runScenario', (context) => async (argument?: unknown, options?: { speed?: number; seed?: number; profile?: string }) => {
  // A scenario places calls and changes states: only ever on the embedded simulator, never on a named (let alone production) profile.
  const named = options?.profile ? findProfile(context.sessions.knownProfiles(), options.profile) : undefined;
  if (options?.profile && !named?.simulator) {
    void vscode.window.showErrorMessage(plainText(named?.production ? `Run Scenario refuses ${named.name}: it is a production profile. Scenarios run on the built-in simulator only.` : `Run Scenario runs on the built-in simulator only, not on "${options.profile}".`));
    return false;
  }
  const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open a scenario file (.icws-scenario.yaml or .json) first, or pick one in the Explorer.');
    return false;
  }
  let script;
  try {
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    script = context.simulator.loadScenario(text, vscode.workspace.asRelativePath(uri));
  } catch (error) {
    showError(error, context.log);
    return false;
  }
  if (context.simulator.isRunning) await vscode.commands.executeCommand('icws.stopSimulator');
  try {
    const url = await context.simulator.start({ script, speed: options?.speed, seed: options?.seed });
    await connectToSimulator(context, url);
  } catch (error) {
    showError(error, context.log);
    return false;
  }
  const runner = context.simulator.instance?.scenario;
  if (!runner) return false;
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `ICWS scenario "${plainText(script.name, 80)}"`, cancellable: true }, (progress, cancel) =>
    new Promise<void>((done) => {
      const show = () => {
        const p = runner.progress;
        progress.report({ message: `${p.callsPlaced} of ${p.callsPlanned} calls, ${p.eventsDone} of ${p.eventsPlanned} events` });
        if (p.finished) finish();
      };
      const listener = runner.onProgress(show);
      const finish = () => {
        listener.dispose();
        done();
      };
      cancel.onCancellationRequested(() => {
        finish();
        void vscode.commands.executeCommand('icws.stopSimulator');
      });
      show();
    }),
  );
  return true;
});
