// Where a headless run gets its sessions: a fresh embedded simulator (the default), or a server
// named on the command line. Sessions are logged in as a notebook first needs them (its default
// user, and any `# @session` user) and logged out when the notebook ends, so notebooks do not
// share state through a session.
import { readFileSync } from 'node:fs';
import type { HttpExchange } from '../icws/httpTypes';
import { IcwsSession } from '../icws/IcwsSession';
import { DEFAULT_DIRECTORY, IcwsSimulator, loadScenario, type ScenarioDefinition } from '../simulator';
import type { NotebookSessionProvider } from './runNotebook';

/** A brisk pace: remote parties answer in 100 ms, ended calls leave the queues after 500 ms. */
export const TEST_TIMING = { answerDelayMs: 100, disconnectLingerMs: 500 };

export interface SimulatorSetUp {
  /** A scenario file (YAML or JSON) to run instead of the quiet simulator. */
  scenarioFile?: string;
  seed?: number;
}

export class SetUpError extends Error {}

/** The scenario a file holds; a SetUpError names the file and what is wrong. */
export function checkScenarioFile(file: string): ScenarioDefinition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SetUpError(`cannot read the scenario file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return loadScenario(text, file);
  } catch (error) {
    throw new SetUpError(error instanceof Error ? error.message : String(error));
  }
}

/** A started simulator on a free loopback port; stop it with `stop()`. */
export async function startTestSimulator(setUp: SimulatorSetUp): Promise<IcwsSimulator> {
  const script = setUp.scenarioFile ? checkScenarioFile(setUp.scenarioFile) : undefined;
  const simulator = new IcwsSimulator({ host: '127.0.0.1', port: 0, scenario: 'quiet', timing: TEST_TIMING, ...(script ? { script } : {}), ...(setUp.seed !== undefined ? { seed: setUp.seed } : script?.seed !== undefined ? { seed: script.seed } : {}) });
  await simulator.start();
  return simulator;
}

export interface LoginSetUp {
  server: string;
  /** The user of cells without `@session`. */
  defaultUser: string;
  /** The password of a user; undefined when the run has none for it. */
  password(userId: string): string | undefined;
  messaging?: 'sse' | 'polling' | 'auto';
  /** Sees every exchange of every session from its login on (a debug run records them in Traffic). */
  onExchange?(exchange: HttpExchange, userId: string): void;
}

/** The simulator's users log in with their directory passwords (a scenario may bring its own directory). */
export function simulatorPasswords(simulator: IcwsSimulator): (userId: string) => string | undefined {
  const directory = simulator.options.script?.directory ?? simulator.options.directory ?? DEFAULT_DIRECTORY;
  return (userId) => directory.users.find((user) => user.userId === userId)?.password;
}

export class LoginSessions implements NotebookSessionProvider {
  private readonly sessions = new Map<string, Promise<IcwsSession>>();

  constructor(private readonly setUp: LoginSetUp) {}

  session(name: string | undefined): Promise<IcwsSession> {
    const userId = name ?? this.setUp.defaultUser;
    let session = this.sessions.get(userId);
    if (!session) {
      session = this.login(userId);
      this.sessions.set(userId, session);
    }
    return session;
  }

  private async login(userId: string): Promise<IcwsSession> {
    const password = this.setUp.password(userId);
    if (password === undefined) throw new SetUpError(`no password for ${userId}: a cell's @session names a user this run cannot log in as`);
    let session: IcwsSession;
    try {
      const { onExchange } = this.setUp;
      session = await IcwsSession.login({ server: this.setUp.server, applicationName: 'icws-test', messaging: this.setUp.messaging ?? 'auto', pollIntervalMs: 100, ...(onExchange ? { onExchange: (exchange: HttpExchange) => onExchange(exchange, userId) } : {}) }, { userId, password });
    } catch (error) {
      throw new SetUpError(`could not log in to ${this.setUp.server} as ${userId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    session.messages.start();
    return session;
  }

  /** Logs every session out (what a notebook subscribed goes with it). */
  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map(async (pending) => (await pending.catch(() => undefined))?.logout().catch(() => undefined)));
  }
}
