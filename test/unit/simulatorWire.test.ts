// The simulator checked at the wire, with raw HTTP and the ICWS facts of docs/protocol.md (not the client).
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import type { IcwsSimulator } from '../../src/simulator';
import { loginBody, rawLogin, rawRequest } from '../support/http';
import { createCall, startSimulator } from '../support/simulator';

const ICWS_JSON = 'application/vnd.inin.icws+JSON; charset=utf-8';

describe('simulator wire protocol', () => {
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator()));
  after(() => simulator.stop());

  describe('POST /icws/connection', () => {
    it('answers 400 without Accept-Language', async () => {
      const response = await rawRequest(`${simulator.url}/icws/connection`, { method: 'POST', headers: { 'Content-Type': ICWS_JSON }, body: loginBody() });
      assert.equal(response.status, 400);
      assert.equal(typeof response.json.message, 'string');
    });

    it('answers 400 authenticationFailure (not 401) for a wrong password', async () => {
      const response = await rawRequest(`${simulator.url}/icws/connection`, { method: 'POST', headers: { 'Accept-Language': 'en-us' }, body: loginBody('agent1', 'wrong') });
      assert.equal(response.status, 400);
      assert.equal(response.json.errorId, 'error.request.connection.authenticationFailure');
      assert.equal(response.json.errorCode, -2147221503);
    });

    it('answers 201 with session id and CSRF token in body and headers, a cookie and a Location', async () => {
      const response = await rawRequest(`${simulator.url}/icws/connection?include=version,features`, { method: 'POST', headers: { 'Accept-Language': 'en-us' }, body: loginBody() });
      assert.equal(response.status, 201);
      assert.match(String(response.headers['content-type']), /^application\/vnd\.inin\.icws\+json/i);
      assert.equal(response.headers['inin-icws-session-id'], response.json.sessionId);
      assert.equal(response.headers['inin-icws-csrf-token'], response.json.csrfToken);
      const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? [])[0] ?? '';
      assert.match(cookie, new RegExp(`^icws_${response.json.sessionId}=[^;]+\\|languageId=en-us; Path=/icws/${response.json.sessionId}; HttpOnly$`));
      assert.ok(response.headers.location);
      assert.equal(typeof response.json.version.majorVersion, 'string', 'version fields are strings');
      assert.ok(response.json.features.some((f: { featureId: string; version: number }) => f.featureId === 'interactions' && f.version === 13));
    });

    it('answers 400 for a body that is not JSON, without falling over', async () => {
      const response = await rawRequest(`${simulator.url}/icws/connection`, { method: 'POST', headers: { 'Accept-Language': 'en-us' }, body: '{"__type":' });
      assert.equal(response.status, 400);
      assert.equal((await rawRequest(`${simulator.url}/icws/connection/version`)).status, 200);
    });
  });

  describe('session credentials', () => {
    it('answers 401 with WWW-Authenticate and errorCode 2 when the CSRF header is missing', async () => {
      const login = await rawLogin(simulator.url);
      const response = await rawRequest(`${simulator.url}/icws/${login.sessionId}/connection`, { headers: { Cookie: login.cookie } });
      assert.equal(response.status, 401);
      assert.equal(response.headers['www-authenticate'], 'ICWS realm="ICWS" location="/ICWS/connection"');
      assert.equal(response.json.errorCode, 2);
    });

    it('answers 401 with errorCode 1 for an unknown session', async () => {
      const response = await rawRequest(`${simulator.url}/icws/123/connection`, { headers: { 'ININ-ICWS-CSRF-Token': 'x' } });
      assert.equal(response.status, 401);
      assert.equal(response.json.errorCode, 1);
    });

    it('answers 401 when the cookie is missing, even with the right CSRF token', async () => {
      const login = await rawLogin(simulator.url);
      const response = await rawRequest(`${simulator.url}/icws/${login.sessionId}/connection`, { headers: { 'ININ-ICWS-CSRF-Token': login.csrfToken } });
      assert.equal(response.status, 401);
    });

    it('accepts the raw Set-Cookie string sent back as Cookie', async () => {
      const login = await rawLogin(simulator.url);
      const response = await rawRequest(`${simulator.url}/icws/${login.sessionId}/connection`, { headers: { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.setCookie } });
      assert.equal(response.status, 200);
      assert.equal(response.json.connectionState, 1);
    });

    it('lets the messages resource be read with the cookie alone', async () => {
      const login = await rawLogin(simulator.url);
      const response = await rawRequest(`${simulator.url}/icws/${login.sessionId}/messaging/messages`, { headers: { Cookie: login.cookie } });
      assert.equal(response.status, 200);
      assert.ok(Array.isArray(response.json));
    });

    it('reports a logged-out session as down (connectionState 2)', async () => {
      const login = await rawLogin(simulator.url);
      const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.cookie };
      assert.equal((await rawRequest(`${simulator.url}/icws/${login.sessionId}/connection`, { method: 'DELETE', headers })).status, 200);
      const state = await rawRequest(`${simulator.url}/icws/${login.sessionId}/connection`, { headers });
      assert.equal(state.json.connectionState, 2);
      assert.equal((await rawRequest(`${simulator.url}/icws/${login.sessionId}/messaging/messages`, { headers })).status, 401);
    });
  });

  describe('features', () => {
    it('lists features and answers 400 for an unknown feature id', async () => {
      const list = await rawRequest(`${simulator.url}/icws/connection/features`);
      assert.ok(list.json.featureInfoList.some((f: { featureId: string }) => f.featureId === 'messaging'));
      assert.equal((await rawRequest(`${simulator.url}/icws/connection/features/interactions`)).json.version, 13);
      assert.equal((await rawRequest(`${simulator.url}/icws/connection/features/no-such-feature`)).status, 400);
    });
  });

  describe('queue subscriptions', () => {
    it('sends a snapshot on PUT, then deltas with only the requested attributes, and 204 on DELETE', async () => {
      const callId = await createCall(simulator, { to: 'agent2', from: '+13175550100', name: 'ACME Corp' });
      const login = await rawLogin(simulator.url, 'agent2');
      const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.cookie };
      const put = await rawRequest(`${simulator.url}/icws/${login.sessionId}/messaging/subscriptions/queues/my-queue`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ queueIds: [{ queueType: 1, queueName: 'agent2' }], attributeNames: ['Eic_State', 'eic_remotename'] }),
      });
      assert.equal(put.status, 200);
      const [snapshot] = (await rawRequest(`${simulator.url}/icws/${login.sessionId}/messaging/messages`, { headers })).json;
      assert.equal(snapshot.__type, 'urn:inin.com:queues:queueContentsMessage');
      assert.equal(snapshot.isDelta, false);
      assert.equal(snapshot.subscriptionId, 'my-queue');
      assert.deepEqual(snapshot.interactionsAdded, [{ interactionId: callId, attributes: { Eic_State: 'A', Eic_RemoteName: 'ACME Corp' } }]);

      const pickup = await rawRequest(`${simulator.url}/icws/${login.sessionId}/interactions/${callId}/pickup`, { method: 'POST', headers });
      assert.equal(pickup.status, 200);
      assert.equal(pickup.text, '', 'action responses have no body');
      const delta = await nextMessage(`${simulator.url}/icws/${login.sessionId}/messaging/messages`, headers);
      assert.equal(delta.isDelta, true);
      assert.deepEqual(delta.interactionsChanged, [{ interactionId: callId, attributes: { Eic_State: 'C' } }]);

      const removed = await rawRequest(`${simulator.url}/icws/${login.sessionId}/messaging/subscriptions/queues/my-queue`, { method: 'DELETE', headers });
      assert.equal(removed.status, 204);
    });

    it('rejects a subscription without queueIds (400 with propertyName)', async () => {
      const login = await rawLogin(simulator.url);
      const response = await rawRequest(`${simulator.url}/icws/${login.sessionId}/messaging/subscriptions/queues/q`, {
        method: 'PUT',
        headers: { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.cookie },
        body: JSON.stringify({ attributeNames: ['Eic_State'] }),
      });
      assert.equal(response.status, 400);
      assert.equal(response.json.propertyName, 'queueIds');
    });
  });

  describe('server-sent events', () => {
    it('streams each message as one data: line holding one JSON object', async () => {
      const login = await rawLogin(simulator.url);
      const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.cookie };
      await rawRequest(`${simulator.url}/icws/${login.sessionId}/messaging/subscriptions/queues/sse`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ queueIds: [{ queueType: 2, queueName: 'Sales' }], attributeNames: ['Eic_State'] }),
      });
      const text = await new Promise<string>((resolve, reject) => {
        const req = request(`${simulator.url}/icws/${login.sessionId}/messaging/messages`, { headers: { Cookie: login.cookie, Accept: 'text/event-stream' } }, (res) => {
          assert.match(String(res.headers['content-type']), /^text\/event-stream/);
          let received = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            received += chunk;
            if (received.includes('\n\ndata:') || /data: .*\n\n/.test(received)) {
              req.destroy();
              resolve(received);
            }
          });
        });
        req.on('error', reject);
        req.end();
      });
      const data = text.split('\n').find((line) => line.startsWith('data: '))!;
      const message = JSON.parse(data.slice('data: '.length));
      assert.equal(message.__type, 'urn:inin.com:queues:queueContentsMessage');
      assert.equal(message.subscriptionId, 'sse');
      assert.ok(!/^event:/m.test(text), 'no custom event names');
    });
  });

  describe('interactions', () => {
    it('answers 404 for an unknown interaction id', async () => {
      const login = await rawLogin(simulator.url);
      const response = await rawRequest(`${simulator.url}/icws/${login.sessionId}/interactions/1999999999/pickup`, { method: 'POST', headers: { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.cookie } });
      assert.equal(response.status, 404);
      assert.equal(typeof response.json.message, 'string');
    });

    it('rejects a consult with both target and queueID, and with neither', async () => {
      const callId = await createCall(simulator, { to: 'supervisor', from: '+13175550100' });
      const login = await rawLogin(simulator.url, 'supervisor');
      const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.cookie };
      const url = `${simulator.url}/icws/${login.sessionId}/interactions/${callId}/consult`;
      const both = await rawRequest(url, { method: 'POST', headers, body: JSON.stringify({ target: '7002', queueID: { queueType: 2, queueName: 'Sales' } }) });
      const neither = await rawRequest(url, { method: 'POST', headers, body: JSON.stringify({}) });
      assert.deepEqual([both.status, neither.status], [400, 400]);
    });

    it('answers a consult with 201 and consultId / consultInteractionId', async () => {
      const callId = await createCall(simulator, { to: 'supervisor', from: '+13175550100' });
      const login = await rawLogin(simulator.url, 'supervisor');
      const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.cookie };
      await rawRequest(`${simulator.url}/icws/${login.sessionId}/interactions/${callId}/pickup`, { method: 'POST', headers });
      const response = await rawRequest(`${simulator.url}/icws/${login.sessionId}/interactions/${callId}/consult`, { method: 'POST', headers, body: JSON.stringify({ target: '+13175550111' }) });
      assert.equal(response.status, 201);
      assert.equal(typeof response.json.consultId, 'string');
      assert.match(response.json.consultInteractionId, /^\d{10}$/);
    });
  });
});

describe('simulator robustness against bad requests', () => {
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator()));
  after(() => simulator.stop());

  it('answers malformed bodies, wrong types and oversized requests with 4xx, and keeps serving', async () => {
    const login = await rawLogin(simulator.url);
    const headers = { 'ININ-ICWS-CSRF-Token': login.csrfToken, Cookie: login.cookie };
    const call = await createCall(simulator, { to: 'agent1' });
    const base = `${simulator.url}/icws/${login.sessionId}`;
    const bodies = ['{', '[]', 'null', '"text"', '{"target":5}', '{"queueID":"Sales"}', '{"queueID":{"queueType":9,"queueName":"x"}}', '{"on":"yes"}', '{"audience":7}', '{"queueIds":[{}],"attributeNames":[1]}', '{"attributes":{"a":{}}}'];
    const paths = ['/interactions', `/interactions/${call}`, `/interactions/${call}/hold`, `/interactions/${call}/mute`, `/interactions/${call}/blind-transfer`, `/interactions/${call}/consult`, `/interactions/${call}/consult/1/change-audience`, '/messaging/subscriptions/queues/x', '/interactions/%E0%A4%A/pickup'];
    for (const path of paths) {
      for (const body of bodies) {
        for (const method of ['POST', 'PUT']) {
          const response = await rawRequest(`${base}${path}`, { method, headers, body });
          assert.ok(response.status >= 400 && response.status < 500, `${method} ${path} ${body} -> ${response.status} ${response.text}`);
          if (response.text) assert.equal(typeof response.json?.message, 'string', `${method} ${path} ${body}: error body has a message`);
        }
      }
    }
    const huge = await rawRequest(`${base}/interactions/${call}`, { method: 'POST', headers, body: JSON.stringify({ attributes: { big: 'x'.repeat(2_000_000) } }) }).catch(() => ({ status: 413 }));
    assert.equal(huge.status, 413);
    assert.equal((await rawRequest(`${simulator.url}/simulator/health`)).json.ok, true);
  });
});

/** Polls (as a short-polling client would) until a message is there. */
async function nextMessage(url: string, headers: Record<string, string>): Promise<any> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const [message] = (await rawRequest(url, { headers })).json ?? [];
    if (message) return message;
    if (Date.now() > deadline) throw new Error('no message within 3 s');
  }
}
