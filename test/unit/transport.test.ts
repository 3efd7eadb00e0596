// The transport's contract on got: nothing retried, every phase bounded, everything cancellable,
// and nothing of a session running after it ends. Real sockets on 127.0.0.1 throughout.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Backoff, DEFAULT_ATTRIBUTES, type HttpExchange, IcwsError, IcwsHttp, MessageChannel, QueueType, silentLog } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { control, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

/** A loopback server whose handler the test writes, and which sees every socket open and close. */
class TestServer {
  readonly requests: string[] = [];
  readonly sockets = new Set<Socket>();
  private server?: Server;

  constructor(private readonly handler: (request: IncomingMessage, response: ServerResponse) => void) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.requests.push(`${request.method} ${request.url}`);
      this.handler(request, response);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((done) => this.server?.close(done));
  }
}

describe('transport (got)', () => {
  let server: TestServer | undefined;
  let http: IcwsHttp | undefined;
  afterEach(async () => {
    http?.close();
    await server?.stop();
    server = http = undefined;
  });

  it('gives up on an event stream whose headers never come, reconnects, and closes the socket on stop()', async () => {
    server = new TestServer(() => undefined); // accepts the stream, never answers
    const baseUrl = await server.start();
    http = new IcwsHttp({ baseUrl, language: 'en-us', timeouts: { streamHeaders: 200 } });
    http.setSession('1234567', 'csrf');
    const channel = new MessageChannel(http, { mode: 'sse', log: silentLog, initialBackoffMs: 20, maxBackoffMs: 40 });
    const states: string[] = [];
    channel.onDidChangeState((state) => states.push(state));
    const started = Date.now();
    channel.start();
    await waitFor('a second stream after the headers timeout', () => server!.requests.length >= 2, 3_000);
    assert.ok(Date.now() - started >= 200, 'not before the headers timeout');
    assert.ok(states.includes('reconnecting'), states.join(','));
    channel.stop();
    assert.equal(channel.state, 'stopped');
    await waitFor('the server to see every socket closed', () => server!.sockets.size === 0, 2_000);
  });

  it('closes an open stream at once when the session transport closes', async () => {
    server = new TestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(':\n\n');
    });
    http = new IcwsHttp({ baseUrl: await server.start(), language: 'en-us' });
    http.setSession('1234567', 'csrf');
    const channel = new MessageChannel(http, { mode: 'sse', log: silentLog });
    channel.start();
    await waitFor('open', () => channel.state === 'open');
    http.close();
    assert.equal(channel.state, 'stopped');
    await waitFor('the server to see the stream closed', () => server!.sockets.size === 0, 2_000);
  });

  it("reads an event stream's error answer in the server's words, and closes it", async () => {
    server = new TestServer((_request, response) => {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end('{"errorId":"error.server.notAvailable","message":"Switchover in progress"}');
    });
    http = new IcwsHttp({ baseUrl: await server.start(), language: 'en-us' });
    http.setSession('1234567', 'csrf');
    const warnings: string[] = [];
    const channel = new MessageChannel(http, { mode: 'sse', log: { ...silentLog, info: (line) => warnings.push(line) }, initialBackoffMs: 20, maxBackoffMs: 40 });
    channel.start();
    await waitFor('two tries', () => server!.requests.length >= 2);
    assert.match(warnings[0] ?? '', /HTTP 503\): Switchover in progress/);
    // Ending the session while those answers linger must not raise an uncaught error.
    http.close();
    await waitFor('every socket closed', () => server!.sockets.size === 0);
  });

  for (const method of ['POST', 'PUT', 'DELETE', 'GET'] as const) {
    it(`sends a ${method} whose connection is cut exactly once, and says what is known of it`, async () => {
      server = new TestServer((request) => request.socket.destroy());
      http = new IcwsHttp({ baseUrl: await server.start(), language: 'en-us' });
      http.setSession('1234567', 'csrf');
      const error = await http.request({ method, template: '/icws/{sessionId}/interactions/{id}/pickup', params: { id: '1' }, body: method === 'GET' ? undefined : {}, operation: 'cut' }).then(
        () => assert.fail('resolved'),
        (e: unknown) => e as IcwsError,
      );
      assert.ok(error instanceof IcwsError);
      assert.equal(error.kind, method === 'GET' ? 'network' : 'outcome-unknown');
      assert.equal(server.requests.length, 1, server.requests.join(', '));
    });
  }

  it('does not follow a redirect (it would carry the session cookie and CSRF token elsewhere)', async () => {
    const elsewhere = new TestServer((_request, response) => response.end('{}'));
    const target = await elsewhere.start();
    server = new TestServer((_request, response) => {
      response.writeHead(302, { location: `${target}/steal` });
      response.end();
    });
    http = new IcwsHttp({ baseUrl: await server.start(), language: 'en-us' });
    http.setSession('1234567', 'csrf');
    await assert.rejects(http.request({ method: 'GET', template: '/icws/{sessionId}/connection', operation: 'reading' }), (e: IcwsError) => e.status === 302);
    assert.deepEqual(elsewhere.requests, []);
    await elsewhere.stop();
  });

  it('names the phase that timed out, and treats an unanswered POST as unknown outcome', async () => {
    server = new TestServer(() => undefined);
    http = new IcwsHttp({ baseUrl: await server.start(), language: 'en-us', timeouts: { responseHeaders: 150 } });
    await assert.rejects(http.request({ method: 'POST', template: '/icws/connection', body: {}, operation: 'logging in' }), (e: IcwsError) => e.kind === 'outcome-unknown' && /response headers/.test(e.message));
    assert.equal(server.requests.length, 1);
  });

  it('aborts a request in flight when the transport closes, and sends nothing after', async () => {
    server = new TestServer(() => undefined);
    http = new IcwsHttp({ baseUrl: await server.start(), language: 'en-us' });
    http.setSession('1234567', 'csrf');
    const pending = http.request({ method: 'GET', template: '/icws/{sessionId}/messaging/messages', operation: 'polling' });
    await waitFor('the request to arrive', () => server!.requests.length === 1);
    http.close();
    await assert.rejects(pending, (e: IcwsError) => e.kind === 'network');
    await assert.rejects(http.request({ method: 'GET', template: '/icws/{sessionId}/messaging/messages', operation: 'polling' }), (e: IcwsError) => e.kind === 'session-ended' && /nothing was sent/.test(e.message));
    await waitFor('the socket closed', () => server!.sockets.size === 0);
    assert.equal(server.requests.length, 1);
  });

  it("records each exchange once with got's phases (connect, first byte, total)", async () => {
    server = new TestServer((_request, response) => response.end('{"ok":true}'));
    http = new IcwsHttp({ baseUrl: await server.start(), language: 'en-us' });
    const exchanges: HttpExchange[] = [];
    http.onExchange((exchange) => exchanges.push(exchange));
    await http.request({ method: 'GET', template: '/icws/connection/version', operation: 'reading the version' });
    assert.equal(exchanges.length, 1);
    const [exchange] = exchanges;
    assert.equal(exchange!.status, 200);
    assert.deepEqual(exchange!.responseBody, { ok: true });
    assert.equal(typeof exchange!.phases?.connect, 'number');
    assert.equal(typeof exchange!.phases?.firstByte, 'number');
    assert.ok(exchange!.phases!.total! >= exchange!.phases!.firstByte!);
  });
});

describe('Backoff', () => {
  it('waits between half a step and a whole step, doubling up to the cap', () => {
    const low = new Backoff({ initialMs: 100, maxMs: 400, random: () => 0 });
    assert.deepEqual([1, 2, 3, 4].map(() => low.nextDelayMs()), [50, 100, 200, 200]);
    const high = new Backoff({ initialMs: 100, maxMs: 400, random: () => 0.999 });
    const delays = [1, 2, 3].map(() => high.nextDelayMs());
    assert.ok(delays[0]! < 100 && delays[2]! < 400 && delays[2]! > 390, delays.join(','));
    high.reset();
    assert.ok(high.nextDelayMs() < 100);
  });

  it('ends a wait at once when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = new Backoff({ initialMs: 60_000 }).wait(controller.signal);
    controller.abort();
    assert.equal(await waiting, false);
    assert.equal(await new Backoff().wait(controller.signal), false);
  });
});

describe('a session that ends', () => {
  let simulator: IcwsSimulator;
  const received: string[] = [];
  beforeEach(async () => (simulator = await startSimulator({ keepAliveMs: 100, onRequest: (method, url) => received.push(`${method} ${url}`) })));
  afterEach(() => simulator.stop());

  it('stops re-subscribing at logout: the server receives nothing after it', async () => {
    const session = await loginTo(simulator);
    session.messages.start();
    await session.queues.subscribe({ subscriptionId: 'wg', queues: [{ queueType: QueueType.Workgroup, queueName: 'Support' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
    const puts = () => received.filter((line) => line.startsWith('PUT ') && line.includes('/messaging/subscriptions/queues/wg')).length;
    const before = puts();
    const fault = await control(simulator, 'POST', '/simulator/faults', { fail: { match: 'subscriptions/queues', status: 500, count: 1000 }, dropStreams: true });
    assert.equal(fault.status, 200);
    await waitFor('two failed re-subscriptions', () => puts() >= before + 2, 8_000);
    await session.logout();
    const atLogout = received.length;
    await waitFor('the re-subscription loop to end', () => session.queues.resubscriptionsRunning === 0);
    assert.deepEqual(received.slice(atLogout), [], 'requests reached the server after logout');
    assert.ok(!received.some((line) => line.includes('/icws//')), 'a request without a session id');
  });
});
