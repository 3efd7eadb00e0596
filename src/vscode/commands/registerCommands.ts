import * as vscode from 'vscode';
import { makePrivate } from './attributes/makePrivate';
import { setAttributes } from './attributes/setAttributes';
import { disconnectInteraction } from './calls/disconnectInteraction';
import { hold } from './calls/hold';
import { makeCall } from './calls/makeCall';
import { mute } from './calls/mute';
import { pickup } from './calls/pickup';
import { sendDigits } from './calls/sendDigits';
import type { CommandContext, CommandDefinition } from './CommandContext';
import { cancelConsult } from './consult/cancelConsult';
import { completeConsult } from './consult/completeConsult';
import { consultSpeakTo } from './consult/consultSpeakTo';
import { consultTransfer } from './consult/consultTransfer';
import { copyInteractionId } from './inspect/copyInteractionId';
import { showInteraction } from './inspect/showInteraction';
import { unwatchQueue } from './queues/unwatchQueue';
import { watchQueue } from './queues/watchQueue';
import { pauseRecording } from './recording/pauseRecording';
import { record } from './recording/record';
import { securePause } from './recording/securePause';
import { connect } from './session/connect';
import { disconnect } from './session/disconnect';
import { addProfile, editProfile, removeProfile } from './session/profileCommands';
import { refresh } from './session/refresh';
import { sessionActions } from './session/sessionActions';
import { showLog } from './session/showLog';
import { runScenario } from './simulator/runScenario';
import { startSimulator } from './simulator/startSimulator';
import { stopSimulator } from './simulator/stopSimulator';
import { setStatus } from './status/setStatus';
import { coach, join, listen } from './supervisor/monitor';
import { blindTransfer } from './transfers/blindTransfer';
import { conference } from './transfers/conference';
import { park } from './transfers/park';
import { sendToVoicemail } from './transfers/sendToVoicemail';
import { transferToVoicemail } from './transfers/transferToVoicemail';

/** Every `icws.*` command; each works from the palette, the tree, and with arguments. */
const COMMANDS: readonly CommandDefinition[] = [
  connect,
  disconnect,
  refresh,
  watchQueue,
  unwatchQueue,
  showLog,
  startSimulator,
  stopSimulator,
  runScenario,
  blindTransfer,
  consultTransfer,
  consultSpeakTo,
  completeConsult,
  cancelConsult,
  pickup,
  hold,
  mute,
  disconnectInteraction,
  makeCall,
  showInteraction,
  copyInteractionId,
  setStatus,
  record,
  pauseRecording,
  securePause,
  sendDigits,
  park,
  transferToVoicemail,
  sendToVoicemail,
  makePrivate,
  setAttributes,
  conference,
  listen,
  coach,
  join,
  sessionActions,
  addProfile,
  editProfile,
  removeProfile,
];

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  return COMMANDS.map((command) => vscode.commands.registerCommand(command.id, command.create(context)));
}
