// The Session Health model in the extension host: what it adds per message (× 1,000 messages/s as
// a share of one core) and how often a view hears of changes at 1,000 messages/s.
import { decodeMessage, type DecodedMessage, type Emitter, IcwsSession, URN } from '../src/icws';
import { HEALTH_UPDATE_MS, SessionHealth } from '../src/icws/health';
import { IcwsSimulator } from '../src/simulator';
import { healthSections } from '../src/vscode/health/healthLines';

type Report = (figure: string, measured: string, target: string, met: boolean) => void;
type Sized = <T>(smoke: T, quick: T, long: T) => T;

export const HEALTH_FIGURES = ['health model CPU at 1,000 messages/s', 'health view updates per second at 1,000 messages/s', 'health snapshot and lines (a view refresh)'];

const RATE = 1_000;

export async function benchSessionHealth(report: Report, sized: Sized): Promise<void> {
  console.log('10. session health');
  const simulator = new IcwsSimulator({ port: 0, scenario: 'quiet' });
  await simulator.start();
  const session = await IcwsSession.login({ server: simulator.url, messaging: 'polling' }, { userId: 'agent1', password: '1234' });
  try {
    // The channel's own emitter, so the cost measured is the listeners', not the network's.
    const channel = (session.messages as unknown as { messageEmitter: Emitter<DecodedMessage> }).messageEmitter;
    const messages = Array.from({ length: 1_000 }, (_, i) => decodeMessage({ __type: URN.queueContentsMessage, subscriptionId: `sub-${i % 4}`, isDelta: true, interactionsAdded: [], interactionsChanged: [], interactionsRemoved: [] }));
    const fire = (count: number) => {
      for (let i = 0; i < count; i++) channel.fire(messages[i % messages.length]!);
    };
    const count = sized(50_000, 300_000, 1_000_000);
    const timeOf = () => {
      fire(count / 10); // warm up
      const started = process.cpuUsage();
      fire(count);
      const used = process.cpuUsage(started);
      return ((used.user + used.system) / count) * 1_000; // ns a message
    };
    const without = Math.min(timeOf(), timeOf(), timeOf());
    const health = new SessionHealth(session);
    health.setObserved(true);
    const withModel = Math.min(timeOf(), timeOf(), timeOf());
    const addedNs = Math.max(0, withModel - without);
    const share = (addedNs * RATE) / 1e9;
    report('health model CPU at 1,000 messages/s', `${(share * 100).toFixed(3)}% of a core (${addedNs.toFixed(0)} ns a message over ${without.toFixed(0)} ns without)`, '< 1%', share < 0.01);

    // In real time: 10 messages every 10 ms, a view listening.
    let updates = 0;
    const listening = health.onDidChange(() => updates++);
    const seconds = sized(1, 3, 6);
    const began = performance.now();
    await new Promise<void>((resolve) => {
      const started = Date.now();
      const timer = setInterval(() => {
        fire(RATE / 100);
        if (Date.now() - started >= seconds * 1_000) {
          clearInterval(timer);
          setTimeout(resolve, HEALTH_UPDATE_MS * 2);
        }
      }, 10);
    });
    listening.dispose();
    // Over the whole time a view listened: the burst and the last window closing after it.
    const elapsed = (performance.now() - began) / 1_000;
    const perSecond = updates / elapsed;
    report('health view updates per second at 1,000 messages/s', `${perSecond.toFixed(1)}/s (${updates} in ${elapsed.toFixed(1)} s)`, '<= 4/s', perSecond <= 4);

    const rounds = sized(50, 500, 2_000);
    const started = performance.now();
    for (let i = 0; i < rounds; i++) healthSections(health.snapshot());
    const each = (performance.now() - started) / rounds;
    report('health snapshot and lines (a view refresh)', `${each.toFixed(3)} ms`, '< 2 ms', each < 2);
    health.dispose();
  } finally {
    await session.logout().catch(() => undefined);
    await simulator.stop();
  }
}
