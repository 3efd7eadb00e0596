import * as vscode from 'vscode';
import { showSessionActions } from '../status/SessionStatusBar';
import * as actions from './callActionCommands';
import type { CommandContext } from './CommandContext';
import * as interaction from './interactionCommands';
import * as session from './sessionCommands';
import * as status from './statusCommands';

/** Every `icws.*` command; each works from the palette, the tree, and with arguments. */
export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const commands: Record<string, (...args: any[]) => unknown> = {
    'icws.connect': session.connect(context),
    'icws.disconnect': session.disconnect(context),
    'icws.refresh': session.refresh(context),
    'icws.watchQueue': session.watchQueue(context),
    'icws.unwatchQueue': session.unwatchQueue(context),
    'icws.showLog': session.showLog(context),
    'icws.startSimulator': session.startSimulator(context),
    'icws.stopSimulator': session.stopSimulator(context),
    'icws.runScenario': session.runScenario(context),
    'icws.blindTransfer': interaction.blindTransfer(context),
    'icws.consultTransfer': interaction.consultTransfer(context),
    'icws.consultSpeakTo': interaction.consultSpeakTo(context),
    'icws.completeConsult': interaction.completeConsult(context),
    'icws.cancelConsult': interaction.cancelConsult(context),
    'icws.pickup': interaction.pickup(context),
    'icws.hold': interaction.hold(context),
    'icws.mute': interaction.mute(context),
    'icws.disconnectInteraction': interaction.disconnectInteraction(context),
    'icws.makeCall': interaction.makeCall(context),
    'icws.showInteraction': interaction.showInteraction(context),
    'icws.copyInteractionId': interaction.copyInteractionId(context),
    'icws.setStatus': status.setStatus(context),
    'icws.record': actions.record(context),
    'icws.pauseRecording': actions.pauseRecording(context),
    'icws.securePause': actions.securePause(context),
    'icws.sendDigits': actions.sendDigits(context),
    'icws.park': actions.park(context),
    'icws.transferToVoicemail': actions.transferToVoicemail(context),
    'icws.sendToVoicemail': actions.sendToVoicemail(context),
    'icws.makePrivate': actions.makePrivate(context),
    'icws.setAttributes': actions.setAttributes(context),
    'icws.conference': actions.conference(context),
    'icws.listen': actions.monitor(context, 'listen'),
    'icws.coach': actions.monitor(context, 'coach'),
    'icws.join': actions.monitor(context, 'join'),
    'icws.sessionActions': () => showSessionActions(context.sessions, context.simulator.isRunning),
  };
  return Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
