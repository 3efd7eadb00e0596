import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IcwsSimulator, SimulatorOptions } from '../../simulator';

type SimulatorModule = {
  IcwsSimulator: new (options: SimulatorOptions) => IcwsSimulator;
  loadScenario(text: string, file?: string): NonNullable<SimulatorOptions['script']>;
};

/**
 * The ICWS simulator running inside the extension host, on a free loopback port. Its code is a
 * separate bundle (dist/simulator.js), loaded only when it is started, so activation stays light.
 */
export class EmbeddedSimulator implements vscode.Disposable {
  private running?: IcwsSimulator;

  constructor(
    private readonly extensionPath: string,
    private readonly log: (line: string) => void,
  ) {}

  get url(): string | undefined {
    return this.running?.url;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** The running simulator (for its scenario's progress). */
  get instance(): IcwsSimulator | undefined {
    return this.running;
  }

  /** Checks a scenario file's text (throws a ScenarioError naming the line and field). */
  loadScenario(text: string, file: string): NonNullable<SimulatorOptions['script']> {
    return this.module().loadScenario(text, file);
  }

  private module(): SimulatorModule {
    return require(path.join(this.extensionPath, 'dist', 'simulator.js')) as SimulatorModule;
  }

  async start(options: SimulatorOptions = {}): Promise<string> {
    if (this.running) return this.running.url;
    const module = this.module();
    const simulator = new module.IcwsSimulator({ host: '127.0.0.1', port: 0, scenario: 'demo', ...options, log: (line) => this.log(`simulator: ${line}`) });
    await simulator.start();
    this.running = simulator;
    await vscode.commands.executeCommand('setContext', 'icws.simulatorRunning', true);
    return simulator.url;
  }

  async stop(): Promise<void> {
    const simulator = this.running;
    this.running = undefined;
    await vscode.commands.executeCommand('setContext', 'icws.simulatorRunning', false);
    await simulator?.stop();
  }

  dispose(): void {
    void this.running?.stop();
  }
}
