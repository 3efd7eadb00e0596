import * as vscode from 'vscode';
import { checkDtmfDigits } from '../../../icws';
import { interactionCommand } from '../interactionCommand';

/** `icws.sendDigits(interaction, "1234#")`. */
export const sendDigits = interactionCommand({
  id: 'icws.sendDigits',
  placeHolder: 'Send digits to which interaction?',
  run: async ({ session, id, send }, digitsArgument?: string) => {
    const digits = digitsArgument ?? (await vscode.window.showInputBox({ title: 'ICWS: Send Digits', prompt: 'DTMF digits: 0-9, *, # and A-D', placeHolder: '1234#', validateInput: checkDtmfDigits, ignoreFocusOut: true }));
    if (digits === undefined) return false;
    return send('sending digits', () => session.interactions.sendDigits(id, digits));
  },
});
