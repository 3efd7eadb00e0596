// Several sessions side by side: three sessions, each watching its own 10,000-interaction queue,
// 1,000 changes a second in total, through the tree's model (plain Node, real cache, simulator).
import { attribute, DEFAULT_ATTRIBUTES, Emitter, IcwsSession, type QueueCache, QueueType } from '../src/icws';
import { DEFAULT_DIRECTORY, IcwsSimulator } from '../src/simulator';
import { driveChanges, maxPerSecond } from './changeLoad';
import { LiveSessions } from '../src/vscode/session/LiveSessions';
import { InteractionNode, InteractionsModel, type TreeNode, type WatchedQueue } from '../src/vscode/tree/InteractionsModel';

export const SESSIONS_FIGURES = ['3 sessions: tree refreshes per second at 1,000 changes/s in total', '3 sessions: change to tree refresh, p99', 'heap per session per 10,000 watched interactions'];

type Report = (figure: string, measured: string, target: string, met: boolean) => void;
type Sized = <T>(smoke: T, quick: T, long: T) => T;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const USERS = ['agent1', 'agent2', 'supervisor'];

export async function benchSessions(report: Report, sized: Sized): Promise<void> {
  console.log('8. three sessions side by side (the tree model over three live sessions)');
  const queues = USERS.map((_, i) => `Bench${i + 1}`);
  // Workgroups without members: nothing routes, the calls just wait in their queues.
  const directory = { ...DEFAULT_DIRECTORY, workgroups: queues.map((name) => ({ name, members: [] as string[] })) };
  const simulator = new IcwsSimulator({ port: 0, scenario: 'quiet', directory, timing: { alertTimeoutMs: 3_600_000 } });
  await simulator.start();
  const perQueue = sized(1_000, 10_000, 10_000);
  const ids: string[] = [];
  for (const queue of queues) for (let i = 0; i < perQueue; i++) ids.push(simulator.callCenter.createInbound({ to: queue, from: `+1317555${String(i).padStart(4, '0')}`, name: `Caller ${i}` }).id);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;

  const live = new LiveSessions<IcwsSession>();
  const watched = new Map<IcwsSession, WatchedQueue[]>();
  const sessions: IcwsSession[] = [];
  for (const [index, userId] of USERS.entries()) {
    const session = await IcwsSession.login({ server: simulator.url }, { userId, password: '1234' });
    session.messages.start();
    const subscriptionId = `icws-vscode-2-${queues[index]!.toLowerCase()}`;
    const queue = { queueType: QueueType.Workgroup, queueName: queues[index]! };
    await session.queues.subscribe({ subscriptionId, queues: [queue], attributeNames: [...DEFAULT_ATTRIBUTES, 'BenchStamp'] });
    watched.set(session, [{ queue, subscriptionId, label: queue.queueName }]);
    sessions.push(session);
  }
  const sizeOf = (session: IcwsSession) => session.queues.cache.size(watched.get(session)![0]!.subscriptionId);
  for (let waited = 0; sessions.some((s) => sizeOf(s) < perQueue) && waited < 60_000; waited += 50) await sleep(50);
  gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;
  const perTenThousand = (heapMb / sessions.length) * (10_000 / perQueue);
  report('heap per session per 10,000 watched interactions', gc ? `${perTenThousand.toFixed(1)} MB (${heapMb.toFixed(1)} MB for ${sessions.length} sessions of ${perQueue.toLocaleString()})` : 'not measured (run with node --expose-gc)', 'grows linearly; < 40 MB', gc !== undefined && perTenThousand < 40);

  const consults = { originalOf: (id: string, from: QueueCache) => attribute(from.find(id), 'Eic_ConsultCallId') || undefined, onDidChange: new Emitter<string[]>().event };
  const model = new InteractionsModel({ sessions: live, watcher: { queuesOf: (session) => watched.get(session as IcwsSession) ?? [], onDidChange: new Emitter<void>().event }, consults, maxRowsPerQueue: () => 500 });
  for (const session of sessions) live.add(session);
  await sleep(200);
  // Draw what the view would: every session's root, queue and shown rows.
  const draw = (node?: TreeNode): void => model.children(node).forEach((child) => child instanceof InteractionNode || draw(child));
  draw();

  const fires: number[] = [];
  const latencies: number[] = [];
  model.onDidChange((change) => {
    const now = performance.now();
    fires.push(now);
    for (const node of change.all ? [] : change.nodes) {
      if (!(node instanceof InteractionNode)) continue;
      const stamp = Number(node.session.queues.cache.get(node.subscriptionId, node.interactionId)?.attributes.benchstamp);
      if (stamp) latencies.push(now - stamp);
    }
  });
  const seconds = sized(1, 5, 20);
  const changes = await driveChanges(simulator, ids, seconds, 3);
  const busiest = maxPerSecond(fires);
  report(SESSIONS_FIGURES[0]!, `${busiest} max in any second (${changes} changes in ${seconds} s)`, '<= 10', busiest <= 10);
  const sorted = [...latencies].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? Number.NaN;
  report(SESSIONS_FIGURES[1]!, `${p99.toFixed(1)} ms (${latencies.length} samples)`, '< 150 ms', p99 < 150);
  model.dispose();
  live.dispose();
  for (const session of sessions) await session.logout();
  await simulator.stop();
}
