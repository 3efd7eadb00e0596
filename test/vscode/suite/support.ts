import * as vscode from 'vscode';
import { type IcwsTestInternals, TEST_INTERNALS_COMMAND } from '../../../src/vscode/api/testInternals';
import { IcwsSimulator } from '../../../src/simulator';

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

export async function startSimulator(): Promise<IcwsSimulator> {
  const simulator = new IcwsSimulator({ port: 0, scenario: 'quiet', timing: { answerDelayMs: 40, disconnectLingerMs: 150, alertTimeoutMs: 5_000 } });
  await simulator.start();
  return simulator;
}

export async function waitFor<T>(what: string, check: () => T | undefined | false | null | Promise<T | undefined | false | null>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A control API request (`/simulator/...`) over HTTP, as a script sends it: JSON, said so in Content-Type. */
export function control(simulator: IcwsSimulator, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<Response> {
  return fetch(`${simulator.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function createCall(simulator: IcwsSimulator, body: { to: string; from?: string; name?: string }): Promise<string> {
  const response = await control(simulator, 'POST', '/simulator/calls', body);
  return ((await response.json()) as { interactionId: string }).interactionId;
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
    simulator = await startSimulator();
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
