// What the tests inside VS Code need beyond test/support: the extension's internals, connecting it,
// and its side of a call (the tree row and the Pick Up command).
import * as vscode from 'vscode';
import { EIC_STATE } from '../../../src/icws';
import { type IcwsTestInternals, TEST_INTERNALS_COMMAND } from '../../../src/vscode/api/testInternals';
import type { IcwsSimulator } from '../../../src/simulator';
import type { CallSide } from '../../support/calls';
import { startSimulator } from '../../support/simulator';

export const EXTENSION_ID = 'icws-interactions.icws-interactions';

/** The extension's internals, through its test-only command (its exports carry none of them). */
export async function extensionApi(): Promise<IcwsTestInternals> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  const internals = await vscode.commands.executeCommand<IcwsTestInternals | undefined>(TEST_INTERNALS_COMMAND);
  if (!internals) throw new Error(`${TEST_INTERNALS_COMMAND} gave nothing: is the extension running in test mode?`);
  return internals;
}

export async function connect(simulator: IcwsSimulator, userId = 'agent1'): Promise<void> {
  const ok = await vscode.commands.executeCommand<boolean>('icws.connect', { server: simulator.url, userId, password: '1234', rememberPassword: false });
  if (!ok) throw new Error('icws.connect did not connect');
}

/**
 * For a describe block: a simulator, and the extension connected to it as `userId`, before its
 * tests; disconnected and stopped after them. Returns a getter for the simulator.
 */
export function connectedSimulator(userId = 'agent1'): () => IcwsSimulator {
  let simulator: IcwsSimulator | undefined;
  before(async () => {
    simulator = await startSimulator({ pace: 'extension' });
    await connect(simulator, userId);
  });
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await simulator?.stop();
  });
  return () => {
    if (!simulator) throw new Error('the simulator did not start');
    return simulator;
  };
}

/** The tree row's description of an interaction ('' while it has no row). */
export async function rowDescription(interactionId: string): Promise<string> {
  const api = await extensionApi();
  const node = api.tree.findNode(interactionId);
  return node ? String(api.tree.getTreeItem(node).description) : '';
}

const STATE_WORD = { [EIC_STATE.alerting]: /\bAlerting\b/, [EIC_STATE.connected]: /\bConnected\b/ };

/** The extension's side of a call (for connectedCall): its row in the Interactions tree, and ICWS: Pick Up. */
export const extensionSide: CallSide = {
  shows: async (id, state) => STATE_WORD[state].test(await rowDescription(id)),
  pickup: async (id) => {
    if ((await vscode.commands.executeCommand('icws.pickup', id)) !== true) throw new Error(`icws.pickup did not pick up ${id}`);
  },
};
