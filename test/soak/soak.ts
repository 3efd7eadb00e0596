// A soak: the client against the simulator's demo traffic with faults injected at random, for a
// set time. Reports messages handled, reconnects, errors, cache consistency against the
// simulator's own state (compared at the end), and memory. Not part of `npm test`.
//   npm run soak -- --minutes 10 --seed 7
import { parseArgs } from 'node:util';
import { DEFAULT_ATTRIBUTES, IcwsSession, type QueueId, QueueType } from '../../src/icws';
import { type FaultRequest, IcwsSimulator, seededRandom } from '../../src/simulator';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '2' }, seed: { type: 'string', default: '7' }, 'fault-every': { type: 'string', default: '5' } } });
const minutes = Number(values.minutes);
const seed = Number(values.seed);
const faultEverySeconds = Number(values['fault-every']);
if (!(minutes > 0) || !Number.isInteger(seed) || !(faultEverySeconds > 0)) {
  console.error('usage: npm run soak -- --minutes N --seed N --fault-every SECONDS');
  process.exit(2);
}

const QUEUES: QueueId[] = [
  { queueType: QueueType.Workgroup, queueName: 'Support' },
  { queueType: QueueType.Workgroup, queueName: 'Sales' },
  { queueType: QueueType.User, queueName: 'agent2' },
];
const FAULTS: FaultRequest[] = [
  { dropStreams: true },
  { stallStreams: true },
  { fail: { match: 'messaging/messages', status: 500, count: 3 } },
  { fail: { match: 'subscriptions/queues', status: 500, count: 1 } },
  { expireSessions: true },
  { loseResponse: { match: 'hold', mode: 'reset', count: 1 } },
];

async function main(): Promise<void> {
  const random = seededRandom(seed);
  const simulator = new IcwsSimulator({ port: 0, scenario: 'demo', seed, keepAliveMs: 1_000, demo: { meanArrivalMs: 400, maxLiveCalls: 40, talkMs: [3_000, 12_000], answerMs: [300, 1_500], abandonMs: [5_000, 15_000] } });
  await simulator.start();
  const counters = { messages: 0, reconnects: 0, sessionsEnded: 0, logins: 0, errors: 0, faults: 0, actions: 0, outcomeUnknown: 0 };
  const memoryAtStart = process.memoryUsage();
  let session: IcwsSession | undefined;

  const login = async (): Promise<void> => {
    for (;;) {
      try {
        const debug = process.env.SOAK_DEBUG ? (line: string) => console.error(`${new Date().toISOString().slice(11, 23)} ${line}`) : () => undefined;
        const log = { trace() {}, debug() {}, info: debug, warn: debug, error: debug, isTraceEnabled: () => false };
        const next = await IcwsSession.login({ server: simulator.url, staleAfterMs: 3_000, timeouts: { responseHeaders: 3_000 }, log }, { userId: 'agent1', password: '1234' });
        next.messages.onDidChangeState((state) => debug(`channel ${state}`));
        counters.logins++;
        next.messages.onMessage(() => counters.messages++);
        next.messages.onDidReconnect(() => counters.reconnects++);
        next.onDidEnd(() => {
          counters.sessionsEnded++;
          if (session === next) void login();
        });
        next.messages.start();
        session = next;
        await Promise.all(QUEUES.map((queue, i) => next.queues.subscribe({ subscriptionId: `soak-${i}`, queues: [queue], attributeNames: [...DEFAULT_ATTRIBUTES] })));
        return;
      } catch (error) {
        if (process.env.SOAK_DEBUG) console.error(`login/subscribe failed: ${String(error)}`);
        counters.errors++;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  await login();

  const deadline = Date.now() + minutes * 60_000;
  let nextFault = Date.now() + faultEverySeconds * 1_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    if (Date.now() >= nextFault) {
      nextFault = Date.now() + faultEverySeconds * 1_000;
      const kinds = process.env.SOAK_FAULTS ? process.env.SOAK_FAULTS.split(',').map(Number) : FAULTS.map((_f, i) => i);
      const fault = FAULTS[kinds[Math.floor(random() * kinds.length)]!]!;
      simulator.applyFaults(fault);
      if (process.env.SOAK_DEBUG) console.error(`${new Date().toISOString().slice(11, 23)} fault ${JSON.stringify(fault)}`);
      counters.faults++;
      if (fault.stallStreams) setTimeout(() => simulator.applyFaults({ stallStreams: false }), 4_000);
    }
    // Now and then, act on a call as an agent would (hold or resume).
    const current = session;
    if (current?.isUp && random() < 0.2) {
      const calls = current.queues.cache.allInteractions().filter((i) => ['C', 'H'].includes(i.attributes.eic_state ?? ''));
      const call = calls[Math.floor(random() * calls.length)];
      if (call) {
        counters.actions++;
        await current.interactions.hold(call.id, call.attributes.eic_state === 'C').catch((error: { kind?: string }) => {
          if (error.kind === 'outcome-unknown') counters.outcomeUnknown++;
          else counters.errors++;
        });
      }
    }
  }

  // Quiet the faults, let every subscription resync, then compare with the simulator's truth.
  simulator.faults.reset();
  // Let the client converge by itself: its channel may be in a back-off of up to 30 s.
  const settleBy = Date.now() + 60_000;
  while (Date.now() < settleBy && !(session?.isUp && session.messages.state === 'open')) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 4_000));
  simulator.freeze();
  await new Promise((r) => setTimeout(r, 500));
  const final = session!;
  const frozen = simulator.describeInteractions();
  const mismatches: string[] = [];
  QUEUES.forEach((queue, index) => {
    const key = `${queue.queueType}:${queue.queueName.toLowerCase()}`;
    const expected = new Map(frozen.filter((i) => i.queues.includes(key)).map((i) => [i.interactionId, i.attributes]));
    const cached = final.queues.cache.interactions(`soak-${index}`);
    const cachedIds = new Set(cached.map((i) => i.id));
    for (const id of expected.keys()) if (!cachedIds.has(id)) mismatches.push(`${queue.queueName}: ${id} missing`);
    for (const item of cached) {
      const truth = expected.get(item.id);
      if (!truth) {
        const elsewhere = frozen.find((i) => i.interactionId === item.id);
        mismatches.push(`${queue.queueName}: ${item.id} is a phantom (cached ${JSON.stringify(item.attributes)}; simulator: ${elsewhere ? JSON.stringify({ queues: elsewhere.queues, state: elsewhere.attributes.Eic_State }) : 'gone'})`);
      }
      else if ((truth.Eic_State ?? '') !== (item.attributes.eic_state ?? '')) mismatches.push(`${queue.queueName}: ${item.id} state ${item.attributes.eic_state} != ${truth.Eic_State}`);
    }
  });
  const memoryAtEnd = process.memoryUsage();
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
  console.log(`soak: ${minutes} min, seed ${seed}, a fault every ${faultEverySeconds} s`);
  console.table({
    'messages handled': counters.messages,
    'faults injected': counters.faults,
    'stream reconnects (resubscribed)': counters.reconnects,
    'sessions ended by the server': counters.sessionsEnded,
    logins: counters.logins,
    'agent actions': counters.actions,
    'actions with unknown outcome (not resent)': counters.outcomeUnknown,
    'other errors': counters.errors,
    'interactions compared': QUEUES.reduce((n, _q, i) => n + final.queues.cache.size(`soak-${i}`), 0),
    'cache mismatches': mismatches.length,
    'heap used at start': mb(memoryAtStart.heapUsed),
    'heap used at end': mb(memoryAtEnd.heapUsed),
    'rss at end': mb(memoryAtEnd.rss),
  });
  if (mismatches.length) console.log(mismatches.slice(0, 20).join('\n'));
  await final.logout().catch(() => undefined);
  await simulator.stop();
  process.exit(mismatches.length === 0 ? 0 : 1);
}

void main();
