// Replay and notebook requests stay under /icws/ (issue 19, item 4): a recorded URL or a filled
// placeholder holding a "." or ".." segment, raw or encoded, is refused before anything is sent.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpExchange, IcwsError, IcwsHttp, type IcwsSession } from '../../src/icws';
import { resend, ResendRefused } from '../../src/traffic';
import { loadCatalog } from '../../src/icws/catalog';
import { CellProblem, cellRequest } from '../../src/icws/notebook';
import type { IcwsSimulator } from '../../src/simulator';
import { loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const catalog = loadCatalog();

function recorded(url: string, method: HttpExchange['method'] = 'GET'): HttpExchange {
  return { id: 1, startedAt: 0, method, url, template: '(resource)', operation: 'loaded', requestHeaders: {}, requestBytes: 0, responseBytes: 0, durationMs: 1 };
}

const HOSTILE_PATHS = [
  '/icws/{sessionId}/%2e%2e/%2e%2e/%2e%2e/hr-app/export',
  '/icws/{sessionId}/%2E%2e/%2E./.%2E/hr-app/export',
  '/icws/{sessionId}/../../../hr-app/export',
  '/icws/{sessionId}/status/./user-statuses/agent1',
  '/icws/{sessionId}/status/%2e/user-statuses/agent1',
  '/icws/{sessionId}/status/..%5C..%5C..%5Chr-app',
  '/icws/{sessionId}/status\\..\\..\\..\\hr-app',
];

/**
 * Dot segments in the spellings servers read as one: `..;` (Tomcat, Jetty and Spring drop path
 * parameters), trailing or leading whitespace (Windows trims it), and invalid percent-escapes that
 * a lenient decoder drops or reads as Latin-1 (never decoded here, so never checked before).
 */
const SERVER_READ_PATHS = [
  '/icws/{sessionId}/..;/..;/hr-app/export',
  '/icws/{sessionId}/..;jsessionid=x/..;/..;/hr-app/export',
  '/icws/{sessionId}/%2e%2e%3b/%2e%2e%3B/hr-app/export',
  '/icws/{sessionId}/..%20/..%20/hr-app/export',
  '/icws/{sessionId}/%20../%09../hr-app/export',
  '/icws/{sessionId}/..%00/..%00/hr-app/export',
  '/icws/{sessionId}/. ./x',
  '/icws/{sessionId}/%2e%2e%c0/%2e%2e%c0/hr-app/export',
  '/icws/{sessionId}/%2e%2e%/%2e%2e%/hr-app/export',
  '/icws/{sessionId}/%2e%2e%2/hr-app/export',
  '/icws/{sessionId}/%2e%2e%zz/hr-app/export',
  '/icws/{sessionId}/%252e%252e%253b/%252e%252e%253b/hr-app/export',
];
/** Filled values that land on such a segment. */
const SERVER_READ_VALUES = ['..;', '..;x=1', '.. ', ' ..', '..\t', '.\u0000', '. .', '...'];

/** A notebook cell whose placeholder is filled from an earlier answer holding `..`. */
const DOT_DOT_CELL = 'GET /status/user-statuses/{{cell:1.userId}}';

describe('requests that would leave /icws/', () => {
  describe('on a plain server standing in as the same origin, under a base path', () => {
    let server: Server;
    const received: string[] = [];
    let http: IcwsHttp;
    before(async () => {
      server = createServer((request, response) => {
        received.push(`${request.method} ${request.url}`);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      http = new IcwsHttp({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, language: 'en-us' });
      http.setSession('session-1', 'token-1');
    });
    after(async () => {
      http.close();
      await new Promise((resolve) => server.close(resolve));
    });

    it('refuses a replay whose path holds dot segments, raw or encoded, and sends nothing', async () => {
      for (const path of HOSTILE_PATHS) {
        for (const method of ['GET', 'POST'] as const) {
          await assert.rejects(resend(http, recorded(`https://cic.example${path}`, method)), (e: Error) => e instanceof ResendRefused && /"\."|"\.\."/.test(e.message) && e.message.includes('/icws/'), path);
        }
      }
      assert.deepEqual(received, []);
    });

    it('refuses the spellings a server reads as a dot segment, and sends nothing', async () => {
      const refused = (e: unknown) => e instanceof IcwsError && e.kind === 'invalid-argument' && /nothing was sent/.test(e.message);
      for (const path of SERVER_READ_PATHS) {
        await assert.rejects(resend(http, recorded(`https://cic.example${path}`)), (e: Error) => e instanceof ResendRefused && /"\.\."|"\."|percent-escape/.test(e.message), path);
        await assert.rejects(http.request({ method: 'GET', template: path, operation: 'replay' }), refused, path);
      }
      for (const value of SERVER_READ_VALUES) {
        await assert.rejects(http.request({ method: 'GET', template: '/icws/{sessionId}/status/user-statuses/{userId}', params: { userId: value }, operation: 'notebook' }), refused, JSON.stringify(value));
      }
      assert.deepEqual(received, []);
      // Values that merely hold dots, semicolons or a percent sign are fine.
      for (const userId of ['a.b..', '..a', 'a;..', '100%', 'x%c0']) await http.request({ method: 'GET', template: '/icws/{sessionId}/status/user-statuses/{userId}', params: { userId }, operation: 'fine' });
      assert.deepEqual(received, ['a.b..', '..a', 'a%3B..', '100%25', 'x%25c0'].map((segment) => `GET /api/icws/session-1/status/user-statuses/${segment}`));
      received.length = 0;
    });

    it('fetches a resource (a status icon) only under the base path, with no dot segment in any spelling', async () => {
      const refused = (e: unknown) => e instanceof IcwsError && e.kind === 'invalid-argument' && /nothing was sent/.test(e.message);
      const hostile = ['../../hr-app/export', 'icws/%2e%2e/%2e%2e/hr-app', '/hr-app/export', 'icws/..;/..;/hr-app/export', 'icws/%2e%2e%c0/%2e%2e%c0/hr-app', 'icws/%252e%252e/x', `http://127.0.0.1:${(server.address() as AddressInfo).port}/hr-app/export`, '//127.0.0.1/api/x'];
      for (const path of hostile) await assert.rejects(http.fetchBytes(path, 'reading a status icon'), refused, path);
      assert.deepEqual(received, []);
      await http.fetchBytes('icws/status-icons/available.svg', 'reading a status icon');
      await http.fetchBytes('/api/icws/status-icons/away.svg', 'reading a status icon');
      assert.deepEqual(received, ['GET /api/icws/status-icons/available.svg', 'GET /api/icws/status-icons/away.svg']);
      received.length = 0;
    });

    it('refuses in the transport itself, naming the path, whatever template or value led there', async () => {
      const refused = (e: unknown) => e instanceof IcwsError && e.kind === 'invalid-argument' && /nothing was sent/.test(e.message) && /\/icws\//.test(e.message);
      await assert.rejects(http.request({ method: 'GET', template: '/icws/{sessionId}/%2e%2e/%2e%2e/%2e%2e/hr-app/export', operation: 'replay' }), refused);
      await assert.rejects(http.request({ method: 'GET', template: '/icws/{sessionId}/status/user-statuses/{userId}', params: { userId: '..' }, operation: 'notebook' }), refused);
      await assert.rejects(http.request({ method: 'DELETE', template: '/icws/{sessionId}/x/{a}/{b}', params: { a: '.', b: 'y' }, operation: 'notebook' }), refused);
      await assert.rejects(http.request({ method: 'GET', template: '/hr-app/export', operation: 'not icws' }), refused);
      await assert.rejects(http.openEventStream({ method: 'GET', template: '/icws/{sessionId}/messaging/{x}', params: { x: '..' }, operation: 'stream' }), refused);
      assert.deepEqual(received, []);
      // The server does count what reaches it.
      await http.request({ method: 'GET', template: '/icws/{sessionId}/status/user-statuses/{userId}', params: { userId: 'a.b..' }, operation: 'fine' });
      assert.deepEqual(received, ['GET /api/icws/session-1/status/user-statuses/a.b..']);
    });
  });

  describe('against the simulator, with a live session', () => {
    let simulator: IcwsSimulator;
    let session: IcwsSession;
    const received: string[] = [];
    before(async () => {
      simulator = await startSimulator({ onRequest: (method, path) => received.push(`${method} ${path}`) });
      session = await loginTo(simulator);
    });
    after(async () => {
      await session.logout();
      await simulator.stop();
    });

    it('sends nothing for a hostile replay nor for a notebook cell filled with ".."', async () => {
      received.length = 0;
      await assert.rejects(resend(session.http, recorded(`${simulator.url}/icws/{sessionId}/%2e%2e/%2e%2e/hr-app/export`)), ResendRefused);
      const context = { userId: 'agent1', cellAnswer: () => ({ userId: '..' }) };
      assert.throws(() => cellRequest(DOT_DOT_CELL, context, catalog), (e: Error) => e instanceof CellProblem && /"\.\."/.test(e.message));
      assert.throws(() => cellRequest('GET /status/user-statuses/%2E%2E', context, catalog), CellProblem);
      // What the cell would have sent, had it not been refused, is refused by the transport too.
      await assert.rejects(session.http.request({ method: 'GET', template: '/icws/{sessionId}/status/user-statuses/{userId}', params: { userId: '..' }, operation: 'notebook', answerAnyStatus: true }), (e: IcwsError) => e.kind === 'invalid-argument');
      // A request after them is the first the simulator sees.
      await session.http.request({ method: 'GET', template: '/icws/{sessionId}/status/user-statuses/{userId}', params: { userId: 'agent1' }, operation: 'marker' });
      await waitFor('the marker', () => received.length > 0);
      assert.deepEqual(received, [`GET /icws/${session.sessionId}/status/user-statuses/agent1`]);
    });
  });
});
