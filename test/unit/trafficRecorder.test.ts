// The model behind the traffic timeline (issue 7): redaction, the ring, curl, files.
import { strict as assert } from 'node:assert';
import { type HttpExchange, decodeMessage, Redactor } from '../../src/icws';
import { curlFor, summarize, TrafficTimeline } from '../../src/traffic';
import { readTrafficLines, toJsonLines, TrafficFileError } from '../../src/traffic/formats';
import type { IcwsSimulator } from '../../src/simulator';
import { loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

function exchange(overrides: Partial<HttpExchange> = {}): HttpExchange {
  return {
    id: 1,
    startedAt: 1_700_000_000_000,
    method: 'POST',
    url: 'http://127.0.0.1:8018/icws/{sessionId}/interactions/1001234567/consult',
    template: '/icws/{sessionId}/interactions/{interactionId}/consult',
    operation: 'consult transfer of 1001234567 to 7002',
    requestHeaders: { 'ININ-ICWS-CSRF-Token': '<redacted>', cookie: '<redacted>', 'content-type': 'application/vnd.inin.icws+JSON; charset=utf-8', 'content-length': '17' },
    requestBody: { target: "7002's" },
    requestBytes: 17,
    status: 201,
    responseBody: { consultId: '1', consultInteractionId: '1001234568' },
    responseBytes: 52,
    durationMs: 8.4,
    ...overrides,
  };
}

describe('TrafficTimeline', () => {
  it('keeps the newest entries in a bounded ring, oldest first, and counts what it dropped', () => {
    const recorder = new TrafficTimeline(3);
    for (let i = 0; i < 5; i++) recorder.recordExchange(exchange({ id: i, startedAt: i }));
    assert.deepEqual(recorder.entries().map((e) => (e.kind === 'call' ? e.exchange.id : -1)), [2, 3, 4]);
    assert.equal(recorder.stats.dropped, 2);
    assert.equal(recorder.stats.calls, 5);
    recorder.setCapacity(2);
    assert.deepEqual(recorder.entries().map((e) => (e.kind === 'call' ? e.exchange.id : -1)), [3, 4]);
  });

  it('says when it changed other than at the end (cleared, resized, replaced), after the entries a replacement recorded', () => {
    const timeline = new TrafficTimeline(5);
    const heard: string[] = [];
    timeline.onDidRecord(({ entry }) => heard.push(`record ${entry.seq}`));
    timeline.onDidReset(() => heard.push(`reset ${timeline.size}`));
    timeline.recordExchange(exchange());
    timeline.recordExchange(exchange());
    timeline.setCapacity(1);
    timeline.restore(timeline.entries().concat(timeline.entries()));
    timeline.clear();
    assert.deepEqual(heard, ['record 1', 'record 2', 'reset 1', 'record 4', 'reset 1', 'reset 0']);
  });

  it('summarizes calls and messages, and filters case-insensitively', () => {
    const recorder = new TrafficTimeline();
    recorder.recordExchange(exchange());
    const queue = decodeMessage({ __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'my-queue', interactionsRemoved: ['1001234567'] });
    recorder.recordMessage(queue, new Redactor(), 1_700_000_000_100);
    const [call, message] = recorder.entries();
    assert.equal(summarize(call!), 'POST /icws/{sessionId}/interactions/1001234567/consult 201 8 ms');
    assert.equal(summarize(message!), 'queueContentsMessage my-queue');
    assert.equal(recorder.filter('QUEUECONTENTS').length, 1);
    assert.equal(recorder.filter('1001234567').length, 2);
    assert.equal(recorder.filter('').length, 2);
  });

  it('renders a call as curl with placeholders for the secrets and safe quoting', () => {
    const curl = curlFor(exchange(), { sessionOrigin: 'http://127.0.0.1:8018' });
    assert.equal(
      curl,
      `curl -g -X POST 'http://127.0.0.1:8018/icws/'"$ICWS_SESSION_ID"'/interactions/1001234567/consult' -H 'ININ-ICWS-CSRF-Token: '"$ICWS_CSRF_TOKEN" -H 'cookie: '"$ICWS_COOKIE" -H 'content-type: application/vnd.inin.icws+JSON; charset=utf-8' --data-raw '{"target":"7002'\\''s"}'`,
    );
  });

  it('saves as JSON lines and loads back', () => {
    const recorder = new TrafficTimeline();
    recorder.recordExchange(exchange());
    recorder.recordMessage(decodeMessage({ __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: false, subscriptionId: 'q', interactionsAdded: [] }), new Redactor(), 5);
    const loaded = new TrafficTimeline();
    loaded.restore(readTrafficLines(`${toJsonLines(recorder.entries())}\n\n`));
    assert.deepEqual(loaded.entries().map(summarize), recorder.entries().map(summarize));
    assert.deepEqual(loaded.stats.calls + loaded.stats.messages, 2);
  });

  it('refuses a crafted file whole, naming the line and the field', () => {
    const recorder = new TrafficTimeline();
    recorder.recordExchange(exchange());
    const good = toJsonLines(recorder.entries()).trim();
    const crafted = JSON.parse(good);
    crafted.exchange.responseBytes = '<img src=x onerror=alert(1)>';
    const refuse = (text: string, pattern: RegExp) => assert.throws(() => readTrafficLines(text), (e: Error) => e instanceof TrafficFileError && pattern.test(e.message));
    refuse(`${good}\n${JSON.stringify(crafted)}\n`, /^line 2, field "exchange\.responseBytes": .*expected number/);
    refuse(`${good}\nnot json\n`, /^line 2: not JSON/);
    refuse('{"kind":"call"}\n', /^line 1, field "seq"/);
    refuse('{"kind":"script","time":1}\n', /^line 1, field "kind"/);
    const badStatus = JSON.parse(good);
    badStatus.exchange.status = 99999;
    refuse(JSON.stringify(badStatus), /field "exchange\.status"/);
    // Header records: a value that is not text names its header; a "__proto__" header is kept as one.
    const badHeader = JSON.parse(good);
    badHeader.exchange.requestHeaders = { accept: 'x', 'x-count': 3 };
    refuse(JSON.stringify(badHeader), /^line 1, field "exchange\.requestHeaders\.x-count": .*expected string/);
    const proto = good.replace('"requestHeaders":{', '"requestHeaders":{"__proto__":"x",');
    const [loaded] = readTrafficLines(proto);
    assert.ok(loaded?.kind === 'call');
    assert.ok(Object.hasOwn(loaded.exchange.requestHeaders, '__proto__'), JSON.stringify(loaded.exchange));
    assert.equal(loaded.exchange.requestHeaders['__proto__'], 'x');
    assert.equal(Object.getPrototypeOf(loaded.exchange.requestHeaders), Object.prototype);
  });

  describe('against the simulator', () => {
    let simulator: IcwsSimulator;
    before(async () => (simulator = await startSimulator()));
    after(() => simulator.stop());

    it('records a session with every secret redacted', async () => {
      const recorder = new TrafficTimeline();
      const session = await loginTo(simulator, 'agent1', { onExchange: (e) => recorder.recordExchange(e) });
      session.messages.onMessage((decoded) => recorder.recordMessage(decoded, session.http.redactor));
      session.messages.start();
      await session.queues.subscribe({ subscriptionId: 'wg', queues: [{ queueType: 2, queueName: 'Support' }], attributeNames: ['Eic_State'] });
      await waitFor('the snapshot message', () => recorder.entries().some((e) => e.kind === 'message' && e.type === 'queueContentsMessage'));
      const saved = await session.save();
      const text = toJsonLines(recorder.entries());
      for (const secret of [saved.csrfToken, saved.sessionId, saved.cookie.split('=')[1]!]) assert.ok(!text.includes(secret));
      assert.ok(recorder.entries().some((e) => e.kind === 'message' && e.type === 'queueContentsMessage'));
      assert.ok(recorder.stats.bytesSent > 0 && recorder.stats.bytesReceived > 0);
      await session.logout();
    });
  });
});
