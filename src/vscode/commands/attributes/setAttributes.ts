import * as vscode from 'vscode';
import { parseAttributes } from '../../../icws';
import { interactionCommand } from '../interactionCommand';

/** `icws.setAttributes(interaction, { "AccountNumber": "12345" })`, or `Name=value; Other=value` typed in. */
export const setAttributes = interactionCommand({
  id: 'icws.setAttributes',
  placeHolder: 'Set attributes of which interaction?',
  run: async ({ session, id, send }, attributesArgument?: Record<string, string>) => {
    const attributes =
      attributesArgument ??
      (await vscode.window
        .showInputBox({ title: 'ICWS: Set Attributes', prompt: 'Name=value pairs, separated by ";" (custom names are fine)', placeHolder: 'AccountNumber=12345; IVR_Result=billing', validateInput: (value) => parseAttributes(value).problem, ignoreFocusOut: true })
        .then((value) => (value === undefined ? undefined : parseAttributes(value).attributes)));
    if (!attributes) return false;
    return send('setting attributes', () => session.interactions.setAttributes(id, attributes));
  },
});
