import * as vscode from 'vscode';
import { checkTarget } from '../../../icws';
import { interactionCommand } from '../interactionCommand';
import { destinationFromArgument } from '../pickers';

/** `icws.transferToVoicemail(interaction, { target: "agent2" })`. */
export const transferToVoicemail = interactionCommand({
  id: 'icws.transferToVoicemail',
  placeHolder: "Transfer which interaction to someone's voicemail?",
  run: async ({ session, id, send }, destinationArgument?: unknown) => {
    const target =
      destinationFromArgument(destinationArgument) ??
      (await vscode.window.showInputBox({ title: 'ICWS: Transfer to Voicemail', prompt: 'Whose voicemail? User ID or extension', placeHolder: 'agent2 or 7002', validateInput: checkTarget, ignoreFocusOut: true }).then((value) => (value === undefined ? undefined : { target: value.trim() })));
    if (!target) return false;
    return send('transferring to voicemail', () => session.interactions.transferToVoicemail(id, target));
  },
});
