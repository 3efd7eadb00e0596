// Test helpers: a real simulator on a free loopback port, and a client session against it.
import { IcwsSession, type SessionOptions } from '../../src/icws';
import { IcwsSimulator, type SimulatorOptions } from '../../src/simulator';

/** Fast timings so state machines move within a test's patience. */
export const FAST_TIMING = { answerDelayMs: 40, disconnectLingerMs: 80, alertTimeoutMs: 2_000 } as const;

export async function startSimulator(options: SimulatorOptions = {}): Promise<IcwsSimulator> {
  const simulator = new IcwsSimulator({ port: 0, scenario: 'quiet', keepAliveMs: 1_000, ...options, timing: { ...FAST_TIMING, ...options.timing } });
  await simulator.start();
  return simulator;
}

export async function loginTo(simulator: IcwsSimulator, userId = 'agent1', options: Partial<SessionOptions> = {}): Promise<IcwsSession> {
  return IcwsSession.login({ server: simulator.url, pollIntervalMs: 50, ...options }, { userId, password: '1234' });
}

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | null | Promise<T | undefined | false | null>, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A control API request (`/simulator/...`) over HTTP, as a script sends it: JSON, said so in Content-Type. */
export function control(simulator: IcwsSimulator, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<Response> {
  return fetch(`${simulator.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Creates an inbound call through the control API (as a test or demo would), over HTTP. */
export async function createCall(simulator: IcwsSimulator, body: { to: string; from?: string; name?: string; attributes?: Record<string, string> }): Promise<string> {
  const response = await control(simulator, 'POST', '/simulator/calls', body);
  if (response.status !== 201) throw new Error(`control API answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { interactionId: string }).interactionId;
}

export function simulatedState(simulator: IcwsSimulator, interactionId: string): string | undefined {
  return simulator.callCenter.find(interactionId)?.attributes.get('eic_state')?.value;
}
