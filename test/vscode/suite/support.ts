import * as vscode from 'vscode';
import type { IcwsExtensionApi } from '../../../src/extension';
import { IcwsSimulator } from '../../../src/simulator';

export const EXTENSION_ID = 'icws-interactions.icws-interactions';

export async function extensionApi(): Promise<IcwsExtensionApi> {
  const extension = vscode.extensions.getExtension<IcwsExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
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

export async function createCall(simulator: IcwsSimulator, body: { to: string; from?: string; name?: string }): Promise<string> {
  const response = await fetch(`${simulator.url}/simulator/calls`, { method: 'POST', body: JSON.stringify(body) });
  return ((await response.json()) as { interactionId: string }).interactionId;
}

export async function connect(simulator: IcwsSimulator, userId = 'agent1'): Promise<void> {
  const ok = await vscode.commands.executeCommand<boolean>('icws.connect', { server: simulator.url, userId, password: '1234', rememberPassword: false });
  if (!ok) throw new Error('icws.connect did not connect');
}
