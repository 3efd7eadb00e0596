// The tree benchmarks' load: 1,000 attribute changes a second (10 interactions every 10 ms), each
// stamped with when it was made, and the busiest second of the refreshes that followed.
import type { IcwsSimulator } from '../src/simulator';
import { seededRandom } from '../src/simulator';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Changes random interactions for `seconds`, then waits for the last refresh; the number of changes. */
export async function driveChanges(simulator: IcwsSimulator, ids: readonly string[], seconds: number, seed: number): Promise<number> {
  const random = seededRandom(seed);
  const stop = performance.now() + seconds * 1_000;
  let changes = 0;
  while (performance.now() < stop) {
    const tick = performance.now();
    for (let i = 0; i < 10; i++) {
      simulator.callCenter.setAttributes(ids[Math.floor(random() * ids.length)]!, { BenchStamp: String(performance.now()) });
      changes++;
    }
    await sleep(Math.max(0, 10 - (performance.now() - tick)));
  }
  await sleep(400);
  return changes;
}

/** The most refreshes that fell in any one second. */
export function maxPerSecond(fires: readonly number[]): number {
  let most = 0;
  for (const t of fires) most = Math.max(most, fires.filter((u) => u >= t && u < t + 1_000).length);
  return most;
}
