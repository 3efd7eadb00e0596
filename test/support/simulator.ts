// Test helpers: a real simulator on a free loopback port, its control API, and a client session against it.
import { IcwsSession, type SessionOptions } from '../../src/icws';
import { IcwsSimulator, type SimulatorOptions } from '../../src/simulator';

/**
 * How fast the simulator's calls move, per suite: fast where the client is driven directly, slower
 * where a tree or a person-paced workbench must see each state.
 */
export const PACE = {
  unit: { keepAliveMs: 1_000, timing: { answerDelayMs: 40, disconnectLingerMs: 80, alertTimeoutMs: 2_000 } },
  extension: { timing: { answerDelayMs: 40, disconnectLingerMs: 150, alertTimeoutMs: 5_000 } },
  workbench: { timing: { answerDelayMs: 300, disconnectLingerMs: 1_500, alertTimeoutMs: 60_000 } },
} satisfies Record<string, SimulatorOptions>;

/** A started simulator with the quiet scenario on a free port, at a suite's pace (`options` override it). */
export async function startSimulator({ pace = 'unit', ...options }: SimulatorOptions & { pace?: keyof typeof PACE } = {}): Promise<IcwsSimulator> {
  const base: SimulatorOptions = PACE[pace];
  const simulator = new IcwsSimulator({ port: 0, scenario: 'quiet', ...base, ...options, timing: { ...base.timing, ...options.timing } });
  await simulator.start();
  return simulator;
}

export async function loginTo(simulator: IcwsSimulator, userId = 'agent1', options: Partial<SessionOptions> = {}): Promise<IcwsSession> {
  return IcwsSession.login({ server: simulator.url, pollIntervalMs: 50, ...options }, { userId, password: '1234' });
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
