import * as vscode from 'vscode';
import { documentationUrl } from '../../../icws/catalog/documentation';
import { plainText } from '../../display/untrustedText';
import { entryCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** The public ICWS help page of a recorded call's operation, in the browser. */
export const openDocumentation = entryCommand({
  id: TRAFFIC_COMMAND.openDocumentation,
  accepts: 'call',
  title: 'Open Documentation',
  run: async (_context, call) => {
    const url = documentationUrl(call.exchange.template);
    if (!url) {
      void vscode.window.showInformationMessage(plainText(`ICWS Traffic: ${call.exchange.template} has no page on the ICWS help site.`));
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url));
  },
});
