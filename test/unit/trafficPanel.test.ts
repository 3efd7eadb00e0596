// The model behind the Traffic panel (issue 14): rows and relations, documentation links, HAR 1.2
// in and out, copy as fetch, and replaying a recorded call with the current session.
import { strict as assert } from 'node:assert';
import { decodeMessage, type HttpExchange, Redactor } from '../../src/icws';
import { documentationUrl } from '../../src/icws/catalog';
import { fetchFor, relationsOf, resend, resendSpec, rowOf, TrafficTimeline } from '../../src/traffic';
import { fromHar, HarFileError, toHar } from '../../src/traffic/formats';
import type { IcwsSimulator } from '../../src/simulator';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const CALLER = '1001234567';
const CONSULT_LEG = '1001234568';

function exchange(overrides: Partial<HttpExchange> = {}): HttpExchange {
  return {
    id: 1,
    startedAt: 1_700_000_000_000,
    method: 'POST',
    url: `http://127.0.0.1:8018/icws/{sessionId}/interactions/${CALLER}/consult`,
    template: '/icws/{sessionId}/interactions/{interactionId}/consult',
    operation: `consult transfer of ${CALLER} to 7002`,
    requestHeaders: { 'ININ-ICWS-CSRF-Token': '<redacted>', cookie: '<redacted>', 'content-type': 'application/vnd.inin.icws+JSON; charset=utf-8' },
    requestBody: { target: '7002' },
    requestBytes: 17,
    status: 201,
    responseHeaders: { 'content-type': 'application/vnd.inin.icws+JSON; charset=utf-8' },
    responseBody: { consultId: '1', consultInteractionId: CONSULT_LEG },
    responseBytes: 52,
    durationMs: 8.4,
    phases: { dns: 0.2, connect: 0.3, send: 0.1, firstByte: 7.1, download: 0.7, total: 8.4 },
    ...overrides,
  };
}

function queueMessage(added: string[], removed: string[] = []) {
  return decodeMessage({
    __type: 'urn:inin.com:queues:queueContentsMessage',
    isDelta: true,
    subscriptionId: 'my-queue',
    interactionsAdded: added.map((interactionId) => ({ interactionId, attributes: { Eic_State: 'O' } })),
    interactionsRemoved: removed,
  });
}

/** A consult and what followed it: its messages, an unrelated one, a later hold, a late message. */
function consultTimeline(): TrafficTimeline {
  const recorder = new TrafficTimeline();
  const redactor = new Redactor();
  recorder.recordExchange(exchange({ method: 'GET', url: 'http://127.0.0.1:8018/icws/{sessionId}/messaging/messages', template: '/icws/{sessionId}/messaging/messages', requestBody: undefined, responseBody: [], startedAt: 1_699_999_999_000 }));
  recorder.recordExchange(exchange());
  recorder.recordMessage(queueMessage([CONSULT_LEG]), redactor, 1_700_000_000_050);
  recorder.recordMessage(queueMessage(['1009999999']), redactor, 1_700_000_000_060);
  recorder.recordMessage(queueMessage([CALLER]), redactor, 1_700_000_000_070);
  recorder.recordExchange(exchange({ url: `http://127.0.0.1:8018/icws/{sessionId}/interactions/${CALLER}/hold`, template: '/icws/{sessionId}/interactions/{interactionId}/hold', requestBody: { on: true }, responseBody: undefined, startedAt: 1_700_000_001_000 }));
  recorder.recordMessage(queueMessage([CALLER]), redactor, 1_700_000_001_050);
  return recorder;
}

describe('Traffic panel model', () => {
  it('gives each entry the columns of the table', () => {
    const [, call, message] = consultTimeline().entries();
    assert.deepEqual(rowOf(call!), { seq: 2, time: 1_700_000_000_000, kind: 'call', method: 'POST', name: 'consult …4567', path: `/icws/{sessionId}/interactions/${CALLER}/consult`, status: 201, durationMs: 8.4, bytes: 69, interactionIds: [CALLER, CONSULT_LEG] });
    assert.deepEqual(rowOf(message!), { seq: 3, time: 1_700_000_000_050, kind: 'message', method: 'queueContentsMessage', name: 'queueContentsMessage', path: 'my-queue', bytes: rowOf(message!).bytes, interactionIds: [CONSULT_LEG] });
    assert.equal(rowOf({ ...call!, kind: 'call', exchange: exchange({ status: undefined, error: 'ECONNRESET' }) }).status, 0);
  });

  it('relates a consult to the messages about its calls that followed it, and a message to its cause', () => {
    const entries = consultTimeline().entries();
    const [poll, consult, consultLeg, unrelated, caller, hold, afterHold] = entries;
    assert.deepEqual(relationsOf(consult!, entries).messages.map((e) => e.seq), [consultLeg!.seq, caller!.seq], 'stops at the next state-changing request about the call');
    assert.equal(relationsOf(consultLeg!, entries).cause?.seq, consult!.seq);
    assert.equal(relationsOf(afterHold!, entries).cause?.seq, hold!.seq);
    assert.equal(relationsOf(unrelated!, entries).cause, undefined);
    assert.deepEqual(relationsOf(poll!, entries).messages, [], 'a poll names no interaction');
  });

  it('filters as DevTools does: words, -words, and method:, status:, is:, id: properties', () => {
    const recorder = consultTimeline();
    recorder.recordExchange(exchange({ status: 400, startedAt: 1_700_000_003_000 }));
    recorder.recordExchange(exchange({ status: undefined, error: 'ECONNRESET', startedAt: 1_700_000_004_000 }));
    const seqs = (text: string) => recorder.filterRows(text).map((row) => row.seq);
    assert.deepEqual(seqs('method:get'), [1]);
    assert.deepEqual(seqs('is:message'), [3, 4, 5, 7]);
    assert.deepEqual(seqs('status:4xx'), [8]);
    assert.deepEqual(seqs('status:failed'), [9]);
    assert.deepEqual(seqs('status:201 consult'), [2]);
    assert.deepEqual(seqs(`id:${CONSULT_LEG} is:message`), [3]);
    assert.deepEqual(seqs('is:request -hold -status:201'), [8, 9]);
    assert.deepEqual(seqs('status:nonsense'), [], 'a property it does not understand is searched as text');
    assert.equal(recorder.matches(recorder.entries()[0]!, 'method:GET messaging'), true);
  });

  it('links an operation to its page on the public ICWS help site', () => {
    assert.equal(documentationUrl('/icws/{sessionId}/interactions/{interactionId}/consult'), 'https://help.genesys.com/developer/cic/docs/icws/webhelp/icws/(sessionId)/interactions/(interactionId)/consult/index.htm');
    assert.equal(documentationUrl('/icws/connection'), 'https://help.genesys.com/developer/cic/docs/icws/webhelp/icws/connection/index.htm');
    assert.equal(documentationUrl('(resource)'), undefined);
    assert.equal(documentationUrl('/icws/../../evil'), undefined);
  });

  it('writes fetch code whose recorded values cannot end the string they are in', () => {
    const code = fetchFor(exchange({ requestBody: { target: '7002"); alert(1); ("' } }), { sessionOrigin: 'http://127.0.0.1:8018' });
    assert.equal(
      code,
      [
        `await fetch("http://127.0.0.1:8018/icws/" + ICWS_SESSION_ID + "/interactions/${CALLER}/consult", {`,
        '  method: "POST",',
        '  headers: {',
        '    "ININ-ICWS-CSRF-Token": ICWS_CSRF_TOKEN,',
        '    "content-type": "application/vnd.inin.icws+JSON; charset=utf-8",',
        '  },',
        '  body: JSON.stringify({"target":"7002\\"); alert(1); (\\""}),',
        '  credentials: "include",',
        '});',
      ].join('\n'),
    );
  });

  describe('HAR 1.2', () => {
    it('exports a timeline that opens back identical', () => {
      const recorder = consultTimeline();
      recorder.recordExchange(exchange({ status: undefined, responseHeaders: undefined, responseBody: undefined, responseBytes: 0, error: 'connect ECONNREFUSED', phases: undefined, startedAt: 1_700_000_002_000 }));
      // A resource of the server outside /icws/ (a status icon) is part of the client's traffic too.
      recorder.recordExchange(exchange({ method: 'GET', url: 'http://127.0.0.1:8018/simulator/status-icons/Available.svg', template: '/simulator/status-icons/Available.svg', requestBody: undefined, responseBody: '(133 bytes of image/svg+xml)', startedAt: 1_700_000_002_500 }));
      const har = JSON.parse(toHar(recorder.entries()));
      assert.equal(har.log.version, '1.2');
      assert.equal(har.log.entries.length, 5);
      const consult = har.log.entries[1];
      assert.equal(consult.request.postData.text, '{"target":"7002"}');
      assert.deepEqual(consult.timings, { blocked: -1, dns: 0.2, connect: 0.3, ssl: -1, send: 0.1, wait: 7.1, receive: 0.7 });
      const back = fromHar(toHar(recorder.entries()));
      assert.equal(back.skipped, 0);
      // Compared as saved (JSON has no undefined-valued properties).
      const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));
      assert.deepEqual(asJson(back.entries), asJson(recorder.entries()));
    });

    it('opens a browser capture: ICWS requests only, secrets masked, polled messages recovered', () => {
      const sessionId = '987654321';
      const csrf = 'Q1NSRi1zZWNyZXQtdG9rZW4=';
      const cookieValue = 'c29tZS1jb29raWUtdmFsdWU';
      const browserEntry = (method: string, url: string, responseText?: string, postText?: string) => ({
        startedDateTime: '2026-11-25T10:00:00.000Z',
        time: 12.5,
        request: { method, url, httpVersion: 'HTTP/1.1', cookies: [], headers: [{ name: 'ININ-ICWS-CSRF-Token', value: csrf }, { name: 'Cookie', value: `icws_${sessionId}=${cookieValue}` }], queryString: [], headersSize: -1, bodySize: postText?.length ?? 0, ...(postText ? { postData: { mimeType: 'application/json', text: postText } } : {}) },
        response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [{ name: 'Content-Type', value: 'application/json' }], content: { size: responseText?.length ?? 0, mimeType: 'application/json', ...(responseText ? { text: responseText } : {}) }, redirectURL: '', headersSize: -1, bodySize: -1 },
        cache: {},
        timings: { blocked: 1, dns: -1, connect: -1, ssl: -1, send: 0.2, wait: 10, receive: 1.3 },
      });
      const har = {
        log: {
          version: '1.2',
          creator: { name: 'WebInspector', version: '537.36' },
          pages: [],
          entries: [
            browserEntry('GET', 'https://cic.example/app/index.html', '<html>'),
            browserEntry('OPTIONS', `https://cic.example/icws/${sessionId}/messaging/messages`),
            browserEntry('POST', 'https://cic.example/icws/connection', JSON.stringify({ csrfToken: csrf, sessionId }), JSON.stringify({ userID: 'agent1', password: 'hunter2' })),
            browserEntry('GET', `https://cic.example/icws/${sessionId}/messaging/messages`, JSON.stringify([{ __type: 'urn:inin.com:queues:queueContentsMessage', subscriptionId: 'q', isDelta: true, interactionsRemoved: [CALLER] }])),
          ],
        },
      };
      const { entries, skipped } = fromHar(JSON.stringify(har));
      assert.equal(skipped, 2);
      const text = JSON.stringify(entries);
      for (const secret of [sessionId, csrf, cookieValue, 'hunter2']) assert.ok(!text.includes(secret), `${secret} was kept`);
      assert.deepEqual(entries.map((e) => (e.kind === 'call' ? `${e.exchange.method} ${e.exchange.template}` : e.type)), ['POST /icws/connection', 'GET /icws/{sessionId}/messaging/messages', 'queueContentsMessage']);
      const poll = entries[1]!;
      assert.deepEqual(poll.kind === 'call' && poll.exchange.phases, { wait: 1, send: 0.2, firstByte: 10, download: 1.3 });
    });

    it('refuses what is not a HAR, naming where', () => {
      const refuse = (text: string, pattern: RegExp) => assert.throws(() => fromHar(text), (e: Error) => e instanceof HarFileError && pattern.test(e.message));
      refuse('not json', /^file: not JSON/);
      refuse('{"log":{}}', /^log\.version: /);
      refuse('{"log":{"version":"1.2","entries":[{"startedDateTime":"x"}]}}', /^log\.entries\[0\]\.time: /);
      const bad = JSON.parse(toHar(consultTimeline().entries()));
      bad.log.entries[0].startedDateTime = 'yesterday';
      refuse(JSON.stringify(bad), /^log\.entries\[0\]\.startedDateTime: not a date/);
      bad.log.entries[0].startedDateTime = '2026-11-25T10:00:00.000Z';
      bad.log.entries[0].response.status = 1000;
      refuse(JSON.stringify(bad), /^log\.entries\[0\]\.exchange\.status: /);
    });
  });

  describe('replay with the current session (against the simulator)', () => {
    let simulator: IcwsSimulator;
    before(async () => (simulator = await startSimulator()));
    after(() => simulator.stop());

    it('sends a recorded call again with this session, under its own template', async () => {
      const first = new TrafficTimeline();
      const session = await loginTo(simulator, 'agent1', { onExchange: (e) => first.recordExchange(e) });
      const id = await createCall(simulator, { to: 'agent1', name: 'Replayed Caller' });
      await session.interactions.pickup(id);
      const pickup = first.entries().find((e) => e.kind === 'call' && e.exchange.template.endsWith('/pickup'));
      assert.ok(pickup?.kind === 'call');
      assert.deepEqual(resendSpec(pickup.exchange), { method: 'POST', template: '/icws/{sessionId}/interactions/{interactionId}/pickup', params: { interactionId: id }, operation: `replay of POST /icws/{sessionId}/interactions/${id}/pickup` });
      await session.interactions.hold(id, true);
      await waitFor('held', () => simulator.callCenter.find(id)?.attributes.get('eic_state')?.value === 'H');
      const answer = await resend(session.http, pickup.exchange);
      assert.equal(answer.status, 200);
      await waitFor('picked up again', () => simulator.callCenter.find(id)?.attributes.get('eic_state')?.value === 'C');
      const replayed = first.entries().at(-1)!;
      assert.ok(replayed.kind === 'call' && replayed.exchange.template === '/icws/{sessionId}/interactions/{interactionId}/pickup' && replayed.exchange.operation.startsWith('replay of'));
      await session.logout();
    });
  });
});
