// One simulator per set-up (scenario file and seed) for a whole run: 100 notebooks with the same
// set-up share one; each notebook still logs in afresh.
import type { IcwsSimulator } from '../simulator';
import type { SimulatorSetUp } from './testSessions';

export class SimulatorPool {
  private readonly started = new Map<string, Promise<IcwsSimulator>>();

  constructor(private readonly start: (setUp: SimulatorSetUp) => Promise<IcwsSimulator>) {}

  get(setUp: SimulatorSetUp): Promise<IcwsSimulator> {
    const key = JSON.stringify([setUp.scenarioFile ?? null, setUp.seed ?? null]);
    let simulator = this.started.get(key);
    if (!simulator) {
      simulator = this.start(setUp);
      this.started.set(key, simulator);
    }
    return simulator;
  }

  async stopAll(): Promise<void> {
    const all = [...this.started.values()];
    this.started.clear();
    await Promise.all(all.map(async (pending) => (await pending.catch(() => undefined))?.stop()));
  }
}
