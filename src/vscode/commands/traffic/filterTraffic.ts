import * as vscode from 'vscode';
import { trafficCommand } from './trafficCommand';
import { TRAFFIC_COMMAND } from './trafficCommandIds';

/** The longest filter the page accepts (pageMessages.ts): the same bound from the palette. */
const MAX_FILTER_LENGTH = 1_000;

/**
 * "Filter Traffic…": the panel's filter from the palette (an empty one shows everything). Takes the
 * filter text as its argument (keybindings, scripts); else an input box asks, with the current one.
 */
export const filterTraffic = trafficCommand(TRAFFIC_COMMAND.filter, async (context, argument) => {
  const text =
    typeof argument === 'string'
      ? argument
      : await vscode.window.showInputBox({
          title: 'ICWS Traffic: Filter',
          value: context.panel.shownFilter,
          prompt: 'Words that must appear, -words that must not, and method:POST  status:4xx  is:message  id:…  session:…  (empty: everything)',
          validateInput: (value) => (value.length > MAX_FILTER_LENGTH ? `A filter has at most ${MAX_FILTER_LENGTH} characters (this one has ${value.length}).` : undefined),
        });
  if (text === undefined) return undefined;
  if (text.length > MAX_FILTER_LENGTH) {
    void vscode.window.showWarningMessage(`ICWS Traffic: a filter has at most ${MAX_FILTER_LENGTH} characters; this one has ${text.length}. The filter is unchanged.`);
    return undefined;
  }
  context.panel.setFilter(text);
  await context.panel.show();
  return context.recording.timeline.filterRows(text).length;
});
