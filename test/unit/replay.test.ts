// A session captured by the Traffic recorder, replayed by the simulator to a new client, gives the
// same cache as the original session had.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DEFAULT_ATTRIBUTES, IcwsSession, QueueType } from '../../src/icws';
import { TrafficTimeline } from '../../src/traffic';
import { toHar, toJsonLines } from '../../src/traffic/formats';
import { IcwsSimulator, readCapture } from '../../src/simulator';
import { createCall, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const SUBSCRIPTION = { subscriptionId: 'support', queues: [{ queueType: QueueType.Workgroup, queueName: 'Support' }], attributeNames: [...DEFAULT_ATTRIBUTES] };

function cacheOf(session: IcwsSession): string[] {
  return session.queues.cache.interactions('support').map((item) => JSON.stringify([item.id, Object.entries(item.attributes).sort()])).sort();
}

describe('replaying a capture', () => {
  it('serves the captured messages to a client that subscribes, and its cache ends as the original did', async function () {
    this.timeout(20_000);
    // The original session, recorded as the Traffic view records it.
    const original = await startSimulator();
    const recorder = new TrafficTimeline();
    const first = await IcwsSession.login({ server: original.url, onExchange: (e) => recorder.recordExchange(e) }, { userId: 'agent1', password: '1234' });
    first.messages.onMessage((decoded) => recorder.recordMessage(decoded, first.http.redactor));
    first.messages.start();
    await first.queues.subscribe(SUBSCRIPTION);
    const a = await createCall(original, { to: 'Support', name: 'Captured One' });
    await waitFor('alerting', () => first.queues.cache.get('support', a)?.attributes.eic_state === 'A');
    await first.interactions.pickup(a);
    await createCall(original, { to: 'Support', name: 'Captured Two' });
    await waitFor('both, one connected', () => first.queues.cache.get('support', a)?.attributes.eic_state === 'C' && first.queues.cache.size('support') === 2);
    const expected = cacheOf(first);
    const capture = toJsonLines(recorder.entries());
    await first.logout();
    await original.stop();
    for (const secret of ['1234']) assert.ok(!capture.includes(`"password":"${secret}"`), 'a password in the capture');
    // The same capture exported as HAR replays the same messages.
    assert.deepEqual(readCapture(toHar(recorder.entries())), readCapture(capture));

    // The replay, ten times as fast, to a new client.
    const replaying = new IcwsSimulator({ port: 0, replay: readCapture(capture), speed: 10 });
    await replaying.start();
    const second = await IcwsSession.login({ server: replaying.url }, { userId: 'agent2', password: '1234' });
    try {
      second.messages.start();
      await second.queues.subscribe(SUBSCRIPTION);
      await waitFor('the same cache', () => JSON.stringify(cacheOf(second)) === JSON.stringify(expected), 5_000);
    } finally {
      await second.logout();
      await replaying.stop();
    }
  });

  it('documents --replay in the CLI help', () => {
    const help = spawnSync(process.execPath, [join(resolve(__dirname, '../../..'), 'dist', 'simulator-cli.js'), '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /--replay <capture\.jsonl\|capture\.har>/);
  });
});
