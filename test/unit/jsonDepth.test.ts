// JSON nested deeper than anything ICWS sends: refused where it enters (answers, messages, traffic
// files, HAR, notebooks), without costing what came with it, and a failed load changes nothing.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { DEFAULT_ATTRIBUTES, IcwsError, IcwsHttp, type IcwsLog, type IcwsSession, QueueType, Redactor, decodeMessage } from '../../src/icws';
import { summarize, type TrafficEntry, TrafficTimeline } from '../../src/traffic';
import { fromHar, HarFileError, readTrafficLines, toJsonLines, TrafficFileError } from '../../src/traffic/formats';
import { MAX_JSON_DEPTH, nestsDeeperThan, textNestsDeeperAt } from '../../src/icws/jsonDepth';
import { loadCatalog } from '../../src/icws/catalog';
import { CellProblem, cellRequest, NotebookFileError, readNotebookFile } from '../../src/icws/notebook';
import type { IcwsSimulator } from '../../src/simulator';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

/** JSON text of `inner` wrapped in `levels` arrays (JSON.stringify itself overflows past ~10,000). */
function nestedText(levels: number, inner = '"x"'): string {
  return `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
}

/** A queue delta adding one interaction, as JSON text; `attribute` is the JSON of an extra attribute value. */
function queueDelta(interactionId: string, attribute = '"plain"'): string {
  return `{"__type":"urn:inin.com:queues:queueContentsMessage","isDelta":true,"subscriptionId":"wg","interactionsAdded":[{"interactionId":"${interactionId}","attributes":{"Eic_State":"A","Eic_Extra":${attribute}}}]}`;
}

function recordingLog(lines: string[]): IcwsLog {
  const keep = (message: string) => void lines.push(message);
  return { trace: () => undefined, debug: () => undefined, info: keep, warn: keep, error: keep };
}

describe('deeply nested JSON', () => {
  it('measures depth without recursion, however deep', () => {
    assert.equal(nestsDeeperThan({ a: [{ b: 1 }] }, 3), false);
    assert.equal(nestsDeeperThan({ a: [{ b: {} }] }, 3), true);
    assert.equal(nestsDeeperThan('text', 0), false);
    assert.equal(nestsDeeperThan(JSON.parse(nestedText(50_000)), MAX_JSON_DEPTH), true);
  });

  it('finds where JSON text nests too deep before anything parses it, brackets in strings aside', () => {
    assert.equal(textNestsDeeperAt('[[]]', 2), undefined);
    assert.equal(textNestsDeeperAt('{"a": [ {"b": 1} ]}', 2), 8);
    assert.equal(textNestsDeeperAt('["[[[[", {"a": "\\"[[{"}, "\\\\", [1]]', 2), undefined);
    assert.equal(textNestsDeeperAt(']]]][[', 2), undefined, 'stray closers do not lower the count below nothing');
    // A notebook cell's body 20,000 deep (jsonc-parser's parseTree overflows the stack on it): the
    // first bracket past the bound, found in one pass.
    const deep = nestedText(20_000);
    const started = performance.now();
    assert.equal(textNestsDeeperAt(deep), MAX_JSON_DEPTH);
    assert.equal(textNestsDeeperAt(nestedText(MAX_JSON_DEPTH)), undefined);
    assert.equal(textNestsDeeperAt(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`), 5 * MAX_JSON_DEPTH);
    assert.ok(performance.now() - started < 100);
  });

  describe('from a live server', () => {
    let simulator: IcwsSimulator;
    let session: IcwsSession | undefined;
    before(async () => (simulator = await startSimulator()));
    after(() => simulator.stop());
    afterEach(async () => {
      await session?.logout().catch(() => undefined);
      session = undefined;
    });

    for (const messaging of ['polling', 'sse'] as const) {
      it(`skips a message nested 3,000 deep and delivers the others of the same batch (${messaging})`, async () => {
        const lines: string[] = [];
        session = await loginTo(simulator, 'agent1', { messaging, log: recordingLog(lines) });
        session.messages.start();
        await session.queues.subscribe({ subscriptionId: 'wg', queues: [{ queueType: QueueType.Workgroup, queueName: 'Support' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
        await waitFor('the channel open', () => session!.messages.state === 'open');
        const batch = `[${queueDelta('1777777771')},${queueDelta('1777777773', nestedText(3_000))},${queueDelta('1777777772')}]`;
        const sent = await fetch(`${simulator.url}/simulator/sessions/${session.sessionId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch });
        assert.equal(sent.status, 200);
        await waitFor('both good messages', () => session!.queues.cache.find('1777777771') && session!.queues.cache.find('1777777772'));
        assert.equal(session.queues.cache.find('1777777773'), undefined);
        assert.ok(lines.some((line) => /skipped.*nested deeper than 64 levels/.test(line)), lines.join('\n'));
        // The channel goes on as before.
        const marker = await createCall(simulator, { to: 'Support', name: 'Marker' });
        await waitFor('a later call', () => session!.queues.cache.find(marker));
        assert.equal(session.messages.state, 'open');
      });
    }
  });

  describe('an answer', () => {
    let server: Server | undefined;
    let http: IcwsHttp | undefined;
    afterEach(async () => {
      http?.close();
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
      server = http = undefined;
    });

    it('nested 3,000 deep is a clear error naming the bound', async () => {
      server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(`{"statusList":${nestedText(3_000)}}`));
      await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
      http = new IcwsHttp({ baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, language: 'en-us' });
      http.setSession('1234567', 'csrf');
      const recorded: unknown[] = [];
      http.onExchange((exchange) => recorded.push(exchange.responseBody));
      await assert.rejects(http.request({ method: 'GET', template: '/icws/{sessionId}/status/status-messages', operation: 'reading statuses' }), (error: Error) => error instanceof IcwsError && /reading statuses failed \(HTTP 200\): the server sent a body nested deeper than 64 levels/.test(error.message));
      // Traffic keeps the answer as the text it was.
      assert.equal(typeof recorded[0], 'string');
    });
  });

  describe('a file', () => {
    const good = (() => {
      const recorder = new TrafficTimeline();
      recorder.recordMessage(decodeMessage(JSON.parse(queueDelta('1'))), new Redactor(), 5);
      return toJsonLines(recorder.entries()).trim();
    })();

    it('a traffic line nested 20,000 deep is refused whole, naming the line', () => {
      const deep = good.replace('"plain"', nestedText(20_000));
      assert.throws(() => readTrafficLines(`${good}\n${deep}\n`), (e: Error) => e instanceof TrafficFileError && /^line 2: nested deeper than 68 levels/.test(e.message));
    });

    it('a HAR entry, message or body nested too deep is refused whole, naming it', () => {
      const har = (messages: string, body = '{}') =>
        `{"log":{"version":"1.2","entries":[{"startedDateTime":"2024-01-01T00:00:00Z","time":1,"request":{"method":"GET","url":"http://h/icws/1/messaging/messages","headers":[]},"response":{"status":200,"headers":[],"content":{"text":${JSON.stringify(body)}}}}],"_icwsMessages":[${messages}]}}`;
      const message = (text: string) => `{"time":"2024-01-01T00:00:00Z","type":"t","message":${text},"bytes":1}`;
      assert.equal(fromHar(har(message('{}'))).entries.length, 2);
      assert.throws(() => fromHar(har(`${message('{}')},${message(nestedText(20_000))}`)), (e: Error) => e instanceof HarFileError && /^log\._icwsMessages\[1\]: nested deeper than 68 levels/.test(e.message));
      assert.throws(() => fromHar(har('', `{"statusList":${nestedText(3_000)}}`)), (e: Error) => e instanceof HarFileError && /^log\.entries\[0\]\.response\.content\.text: nested deeper than 64 levels/.test(e.message));
    });

    it('a notebook with an answer nested too deep is refused, naming the cell', () => {
      const cell = (body: string) => `{"kind":"request","source":"GET /status/status-messages","answer":{"status":200,"durationMs":1,"headers":{},"body":${body}}}`;
      assert.equal(readNotebookFile(`{"icwsNotebook":1,"cells":[${cell('{}')}]}`).cells.length, 1);
      assert.throws(() => readNotebookFile(`{"icwsNotebook":1,"cells":[${cell('{}')},${cell(nestedText(20_000))}]}`), (e: Error) => e instanceof NotebookFileError && /^cells\.1: nested deeper than 68 levels/.test(e.message));
    });

    it('a notebook request body nested too deep is refused before sending', () => {
      const text = `POST /interactions/1/consult\n{"target":"7002","additionalAttributes":${nestedText(3_000)}}`;
      assert.throws(() => cellRequest(text, { userId: 'agent1', cellAnswer: () => undefined }, loadCatalog()), (e: Error) => e instanceof CellProblem && /the body is nested deeper than 64 levels/.test(e.message));
    });

    it('restore builds everything first: an entry it cannot take leaves the timeline as it was', () => {
      const recorder = new TrafficTimeline();
      recorder.restore(readTrafficLines(good));
      const before = recorder.entries().map(summarize);
      const stats = { ...recorder.stats };
      let message: unknown = 'x';
      for (let i = 0; i < 20_000; i++) message = [message];
      const unshowable: TrafficEntry = { kind: 'message', seq: 1, time: 1, type: 'deep', message, bytes: 1 };
      assert.throws(() => recorder.restore([...readTrafficLines(`${good}\n${good}`), unshowable]), RangeError);
      assert.deepEqual(recorder.entries().map(summarize), before);
      assert.deepEqual(recorder.stats, stats);
    });
  });
});
