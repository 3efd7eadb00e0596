// Which action each interaction command performs. The palette's pick list (the interactions the
// command offers) and the tree menu's `when` clause (a word of the row's contextValue) both follow
// from it; test/unit/interactionActions.test.ts checks package.json's menus against it. No `vscode`
// import, so that test runs in Node.

import { type ActionContext, allowedActions, type CachedInteraction, type InteractionAction } from '../../icws';

/** `undefined`: the command works on any interaction (show, copy its id). */
export const COMMAND_ACTIONS = {
  'icws.pickup': 'pickup',
  'icws.hold': 'hold',
  'icws.mute': 'mute',
  'icws.disconnectInteraction': 'disconnect',
  'icws.sendDigits': 'sendDigits',
  'icws.blindTransfer': 'blindTransfer',
  'icws.park': 'park',
  'icws.transferToVoicemail': 'transferToVoicemail',
  'icws.sendToVoicemail': 'sendToVoicemail',
  'icws.conference': 'conference',
  'icws.consultTransfer': 'consult',
  'icws.consultSpeakTo': 'consultSpeakTo',
  'icws.completeConsult': 'completeConsult',
  'icws.cancelConsult': 'cancelConsult',
  'icws.record': 'record',
  'icws.pauseRecording': 'pauseRecording',
  'icws.securePause': 'securePause',
  'icws.makePrivate': 'makePrivate',
  'icws.setAttributes': 'setAttributes',
  'icws.listen': 'listen',
  'icws.coach': 'coach',
  'icws.join': 'join',
  'icws.showInteraction': undefined,
  'icws.copyInteractionId': undefined,
} as const satisfies Record<string, InteractionAction | undefined>;

export type InteractionCommandId = keyof typeof COMMAND_ACTIONS;

/** Whether the command's pick list offers this interaction. */
export function offers(command: InteractionCommandId, item: CachedInteraction, context: ActionContext): boolean {
  const action: InteractionAction | undefined = COMMAND_ACTIONS[command];
  return action === undefined || allowedActions(item, context).has(action);
}
