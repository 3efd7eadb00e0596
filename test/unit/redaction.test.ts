// What a server says back must not carry the session's secrets (issue 19): error text, session-end
// reasons, the redactor's blind spots (keys, encoded and numeric forms, short passwords), notebook
// answers on save, HAR import's reading of cookies, and `__proto__` keys in bodies.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeMessage, type HttpExchange, IcwsError, IcwsSession, QueueCache, Redactor, URN } from '../../src/icws';
import { TrafficTimeline } from '../../src/traffic';
import { fromHar, HarFileError, readTrafficLines, toJsonLines } from '../../src/traffic/formats';
import { writeNotebookFile } from '../../src/icws/notebook';
import { waitFor } from '../support/waitFor';

const SESSION_ID = '740011223';
const CSRF = 'Y3NyZi10b2tlbg+/=';
const COOKIE = 'c00kie-Value';
/** Shorter than 8 characters: free text masks it only where it stands alone. */
const PASSWORD = 'k3y&1';
const SECRETS = [SESSION_ID, CSRF, COOKIE, PASSWORD, encodeURIComponent(CSRF), encodeURIComponent(PASSWORD)];

/** Every form of every secret that a careless server could echo. */
function echo(): string {
  return `session ${SESSION_ID}, token ${CSRF} (${encodeURIComponent(CSRF)}), cookie ${COOKIE}, password ${PASSWORD} (${encodeURIComponent(PASSWORD)})`;
}

function assertNoSecret(text: string, what: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${what} holds ${secret}: ${text}`);
}

/** A server that answers like ICWS and repeats every secret it knows in its errors. */
async function startEchoServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
        response.writeHead(status, { 'content-type': 'application/vnd.inin.icws+JSON; charset=utf-8', ...headers });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      const path = request.url ?? '';
      if (request.method === 'POST' && path.startsWith('/icws/connection?')) {
        const { userID, password } = JSON.parse(text) as { userID: string; password: string };
        if (password !== PASSWORD) return send(401, { errorId: 'error.request.connection.authenticationFailure', message: `password ${password} (${encodeURIComponent(password)}) is wrong` });
        return send(
          201,
          // Messaging 2 offers event streams.
          { sessionId: SESSION_ID, csrfToken: CSRF, userID, features: [{ featureId: 'messaging', version: userID === 'sse-agent' ? 2 : 1 }] },
          { 'ININ-ICWS-CSRF-Token': CSRF, 'ININ-ICWS-Session-ID': SESSION_ID, 'set-cookie': [`icws_${SESSION_ID}=${COOKIE}; Path=/icws; HttpOnly`] },
        );
      }
      if (path === `/icws/${SESSION_ID}/echo`) return send(400, { errorId: 'error.request.invalid', message: echo(), sessionId: Number(SESSION_ID), [CSRF]: 'a key', detail: { id: Number(SESSION_ID) } });
      if (path === `/icws/${SESSION_ID}/proto`) return send(200, '{"__proto__":{"polluted":true},"kept":1}');
      if (path === `/icws/${SESSION_ID}/headers`) return send(200, {}, { 'x-echo': CSRF, 'x-echo-encoded': encodeURIComponent(CSRF) });
      if (path === `/icws/${SESSION_ID}/messaging/messages` && request.headers.accept === 'text/event-stream') return send(400, { errorId: 'error.request.invalid', message: echo() });
      if (path === `/icws/${SESSION_ID}/messaging/messages`) {
        return send(200, [{ __type: URN.connectionStateChangeMessage, previousConnectionState: 1, newConnectionState: 2, reason: `ended: ${echo()}`, shouldReconnect: false }]);
      }
      send(404, { errorId: 'error.request.notFound', message: 'not here' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('redaction of what a server says back', () => {
  let echoServer: { server: Server; url: string };
  before(async () => (echoServer = await startEchoServer()));
  after(() => new Promise<void>((resolve) => echoServer.server.close(() => resolve())));

  const login = (password = PASSWORD, onExchange?: (exchange: HttpExchange) => void) => IcwsSession.login({ server: echoServer.url, messaging: 'polling', pollIntervalMs: 20, onExchange }, { userId: 'agent1', password });

  describe('errors', () => {
    it('masks the secrets an error answer repeats, in the message, the server message and the body', async () => {
      const session = await login();
      try {
        const error = await session.http.request({ method: 'GET', template: '/icws/{sessionId}/echo', operation: 'echoing' }).then(
          () => assert.fail('the echo answers 400'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof IcwsError && error.status === 400);
        for (const [what, text] of [['message', error.message], ['serverMessage', error.serverMessage ?? ''], ['body', JSON.stringify(error.body)], ['toString', String(error)]]) assertNoSecret(text!, what!);
        assert.match(error.message, /session \{sessionId\}, token <redacted> \(<redacted>\), cookie <redacted>, password <redacted>/);
        // The numeric session id, and a secret used as a key, are masked too.
        assert.deepEqual(error.body, { errorId: 'error.request.invalid', message: error.serverMessage, sessionId: '<redacted>', '<redacted>': 'a key', detail: { id: '{sessionId}' } });
      } finally {
        await session.logout().catch(() => undefined);
      }
    });

    it('masks a short password a failed login repeats', async () => {
      const wrong = 'x9!';
      const error = await login(wrong).then(
        () => assert.fail('a wrong password is refused'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof IcwsError && error.kind === 'session-ended');
      for (const text of [error.message, error.serverMessage ?? '', JSON.stringify(error.body)]) {
        assert.ok(!text.includes(wrong) && !text.includes(encodeURIComponent(wrong)), text);
      }
      assert.match(error.message, /password <redacted> \(<redacted>\) is wrong/);
    });

    it('masks the secrets of a refused event stream in what the channel logs', async () => {
      const lines: string[] = [];
      const line = (message: string) => lines.push(message);
      const log = { trace: line, debug: line, info: line, warn: line, error: line };
      const session = await IcwsSession.login({ server: echoServer.url, messaging: 'sse', log }, { userId: 'sse-agent', password: PASSWORD });
      try {
        session.messages.start();
        const failure = await waitFor('the stream failure in the log', () => lines.find((text) => text.includes('(HTTP 400)')));
        assertNoSecret(lines.join('\n'), 'the log');
        assert.match(failure, /token <redacted>/);
      } finally {
        await session.logout().catch(() => undefined);
      }
    });

    it('masks the secrets in the reason the server gives for ending the session', async () => {
      const session = await login();
      session.messages.start();
      const end = await waitFor('the session to end', () => session.endReason);
      assertNoSecret(end.reason, 'the end reason');
      assert.match(end.reason, /^ended: session \{sessionId\}/);
    });
  });

  describe('the redactor', () => {
    it('masks secrets used as keys, URL-encoded, form-encoded, or as JSON numbers', () => {
      const redactor = new Redactor();
      const token = 'a b/c+d=é';
      redactor.addSecret(token);
      redactor.addSessionId('1234567890');
      const encoded = encodeURIComponent(token);
      const text = `q=${encoded}&l=${encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}&f=${new URLSearchParams({ f: token }).toString().slice(2)}`;
      assert.equal(redactor.text(text), 'q=<redacted>&l=<redacted>&f=<redacted>');
      assert.deepEqual(redactor.json({ [token]: 1, [encoded]: 2, id: 1234567890, ids: [1234567890, 12345678901] }), { '<redacted>': 1, '<redacted>#2': 2, id: '{sessionId}', ids: ['{sessionId}', 12345678901] });
      assert.deepEqual(redactor.headers({ [`x-${token}`]: 'v' }), { 'x-<redacted>': 'v' });
    });

    it('masks a secret written with \\/, with \\u escapes in either case, or with percent-escapes in mixed case', () => {
      const redactor = new Redactor();
      const token = 'WAh0b2tlbi+/abc==';
      redactor.addSecret(token);
      redactor.addSessionId('s/1+é😀');
      /** Every character but ASCII letters and digits as \u escapes, as some serializers write JSON. */
      const unicode = (text: string, hexCase: 'lower' | 'upper') => text.replace(/[^A-Za-z0-9]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')[hexCase === 'lower' ? 'toLowerCase' : 'toUpperCase']()}`);
      const mixedCase = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (escape, offset: number) => (offset % 2 ? escape.toLowerCase() : escape));
      const forms = [
        JSON.stringify(token).slice(1, -1).replace(/\//g, '\\/'),
        unicode(token, 'lower'),
        unicode(token, 'upper'),
        'WAh0b2tlbi%2B%2fabc%3d%3D',
        'WAh0b2tlbi%2b%2Fabc%3D%3d',
        // .NET's default encoder escapes + but not / or =.
        'WAh0b2tlbi\\u002B/abc==',
      ];
      for (const form of forms) assert.equal(redactor.text(`x ${form} y`), 'x <redacted> y', form);
      for (const form of ['s\\/1+é😀', unicode('s/1+é😀', 'lower'), unicode('s/1+é😀', 'upper'), mixedCase(encodeURIComponent('s/1+é😀'))]) {
        assert.equal(redactor.text(`/icws/${form}/x`), '/icws/{sessionId}/x', form);
      }
      assert.deepEqual(redactor.json({ [unicode(token, 'upper')]: `${forms[3]}` }), { '<redacted>': '<redacted>' });
      // Near misses stay.
      assert.equal(redactor.text('WAh0b2tlbi%2B%2Fabc%3D WAh0b2tlbi+/abc='), 'WAh0b2tlbi%2B%2Fabc%3D WAh0b2tlbi+/abc=');
    });

    it('masks a password of any length: short ones where they stand alone or fill a value', () => {
      for (const password of ['7', '1234', 'abcdefg', 'longer-password']) {
        const redactor = new Redactor();
        redactor.addPassword(password);
        assert.equal(redactor.text(`password ${password}.`), 'password <redacted>.', password);
        assert.deepEqual(redactor.json({ pin: password, encoded: encodeURIComponent(`${password}`) }), { pin: '<redacted>', encoded: '<redacted>' }, password);
      }
      const redactor = new Redactor();
      redactor.addPassword('1234');
      // Inside ids and longer numbers it is not the password.
      assert.equal(redactor.text('1001234500 12345 x1234 1234'), '1001234500 12345 x1234 <redacted>');
      assert.deepEqual(redactor.json({ n: 1234, m: 12345 }), { n: '<redacted>', m: 12345 });
    });

    it('keeps a __proto__ key as an own property and gives nothing a prototype', () => {
      const redactor = new Redactor();
      const text = '{"__proto__":{"polluted":true},"list":[{"__proto__":[1]}]}';
      const copy = redactor.json(JSON.parse(text)) as Record<string, unknown>;
      assert.equal(JSON.stringify(copy), text);
      assert.ok(Object.hasOwn(copy, '__proto__'));
      assert.equal(Object.getPrototypeOf(copy), Object.prototype);
      assert.equal((copy as { polluted?: unknown }).polluted, undefined);
      const headers = redactor.headers(JSON.parse('{"__proto__":"x"}'));
      assert.ok(Object.hasOwn(headers, '__proto__'));
      // The raw-JSON view of a queued interaction copies its attributes too.
      const cache = new QueueCache();
      const snapshot = decodeMessage(JSON.parse('{"__type":"urn:inin.com:queues:queueContentsMessage","isDelta":false,"subscriptionId":"q","interactionsAdded":[{"interactionId":"1","attributes":{"__proto__":"x","Eic_State":"A"}}]}'));
      assert.ok(snapshot.kind === 'queueContents');
      cache.apply(snapshot.message);
      assert.deepEqual(Object.keys(cache.attributesForDisplay(cache.get('q', '1')!)).sort(), ['Eic_State', '__proto__']);
    });

    it('records an answer with a __proto__ key as it came, through a saved timeline and back', async () => {
      const exchanges: HttpExchange[] = [];
      const session = await login(PASSWORD, (exchange) => exchanges.push(exchange));
      try {
        await session.http.request({ method: 'GET', template: '/icws/{sessionId}/proto', operation: 'reading a prototype' });
        const recorded = exchanges.find((exchange) => exchange.operation === 'reading a prototype')!;
        const body = recorded.responseBody as Record<string, unknown>;
        assert.ok(Object.hasOwn(body, '__proto__'));
        assert.equal((body as { polluted?: unknown }).polluted, undefined);
        const recorder = new TrafficTimeline();
        recorder.recordExchange(recorded);
        const [back] = readTrafficLines(toJsonLines(recorder.entries()));
        assert.ok(back?.kind === 'call' && JSON.stringify(back.exchange.responseBody) === '{"__proto__":{"polluted":true},"kept":1}');
      } finally {
        await session.logout().catch(() => undefined);
      }
    });
  });

  describe('notebook answers on save', () => {
    it('masks the session secrets by value, whatever header or field holds them', async () => {
      const session = await login();
      try {
        const result = await session.http.request({ method: 'GET', template: '/icws/{sessionId}/headers', operation: 'reading headers' });
        // As a cell's answer arrives in the file: headers and body as the server sent them.
        const headers = Object.fromEntries(Object.entries(result.headers).map(([name, value]) => [name, String(value)]));
        const text = writeNotebookFile({ cells: [{ kind: 'request', source: 'GET /icws/{sessionId}/headers', answer: { status: 200, durationMs: 1, headers, body: { note: echo() } } }] }, session.http.redactor);
        assertNoSecret(text, 'the saved notebook');
        assert.match(text, /"x-echo": "<redacted>"/);
      } finally {
        await session.logout().catch(() => undefined);
      }
    });
  });
});

describe('HAR import of secrets', () => {
  const sessionId = '987654321';
  const cookieValue = 'c29tZS1jb29raWU';
  const csrf = 'Q1NSRi1zZWNyZXQ=';
  const entry = (url: string, options: { requestHeaders?: { name: string; value: string }[]; responseHeaders?: { name: string; value: string }[]; responseText?: string } = {}) => ({
    startedDateTime: '2026-11-25T10:00:00.000Z',
    time: 5,
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', cookies: [], headers: options.requestHeaders ?? [], queryString: [], headersSize: -1, bodySize: 0 },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: options.responseHeaders ?? [], content: { size: 0, mimeType: 'application/json', ...(options.responseText ? { text: options.responseText } : {}) }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
  });
  const har = (...entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '1' }, pages: [], entries } });

  it('takes only cookie values as secrets, not their attributes', () => {
    const setCookie = `icws_${sessionId}=${cookieValue}; Path=/icws; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Max-Age=3600; SameSite=Lax; HttpOnly`;
    const url = `https://cic.example/icws/${sessionId}/messaging/messages`;
    const { entries } = fromHar(har(entry(url, { responseHeaders: [{ name: 'Set-Cookie', value: setCookie }], responseText: JSON.stringify({ note: `Wed 3600 Lax /icws ${cookieValue}` }) })));
    const call = entries[0];
    assert.ok(call?.kind === 'call');
    assert.equal(call.exchange.url, 'https://cic.example/icws/{sessionId}/messaging/messages');
    assert.deepEqual(call.exchange.responseBody, { note: 'Wed 3600 Lax /icws <redacted>' });
  });

  it('takes every cookie value: a repeated name, quoted, URL-encoded, one a line', () => {
    const secrets = ['S1ECRET-one', 'S2ECRET-two', 'QUOTEDSECRET', 'enc/val+ue=é', 'LINESECRET-4', 'SETQUOTED-5', 'set/enc+6'];
    const cookie = `a=${secrets[0]}; a=${secrets[1]}; q="${secrets[2]}"; e=${encodeURIComponent(secrets[3]!)}\nb=${secrets[4]}`;
    const setCookie = `s="${secrets[5]}"; Path=/icws; HttpOnly\nt=${encodeURIComponent(secrets[6]!)}; Path=/icws`;
    const url = `https://cic.example/icws/${sessionId}/messaging/messages`;
    const { entries } = fromHar(har(entry(url, { requestHeaders: [{ name: 'Cookie', value: cookie }], responseHeaders: [{ name: 'Set-Cookie', value: setCookie }], responseText: JSON.stringify({ echo: secrets.join(' ') }) })));
    const call = entries[0];
    assert.ok(call?.kind === 'call');
    assert.deepEqual(call.exchange.responseBody, { echo: secrets.map(() => '<redacted>').join(' ') });
  });

  it('masks a secret in entries earlier than the one that reveals it', () => {
    const first = entry(`https://cic.example/icws/${sessionId}/echo`, { responseText: JSON.stringify({ echo: `${csrf} ${cookieValue}` }) });
    const second = entry(`https://cic.example/icws/${sessionId}/messaging/messages`, { requestHeaders: [{ name: 'ININ-ICWS-CSRF-Token', value: csrf }, { name: 'Cookie', value: `icws_${sessionId}=${cookieValue}` }] });
    const text = JSON.stringify(fromHar(har(first, second)).entries);
    for (const secret of [csrf, cookieValue, sessionId]) assert.ok(!text.includes(secret), `${secret} was kept: ${text}`);
  });

  it('names the entry and field of a bad percent-escape', () => {
    const bad = entry('https://cic.example/icws/%E0%A4%A/messaging/messages');
    assert.throws(
      () => fromHar(har(entry(`https://cic.example/icws/${sessionId}/messaging/messages`), bad)),
      (e: Error) => e instanceof HarFileError && /^log\.entries\[1\]\.request\.url: /.test(e.message) && /percent/.test(e.message),
    );
  });
});
