// "Save as Test…" (issue 22), without VS Code: a flow captured against the simulator becomes a
// notebook with expectations drawn from what happened and a scenario of the calls seen; the
// notebook passes when icws-test runs it against a fresh simulator, and carries no secret.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpExchange, IcwsSession } from '../../src/icws';
import { loadCatalog } from '../../src/icws/catalog';
import { parseCell, readDirectives, writeNotebookFile } from '../../src/icws/notebook';
import { parseExpectations } from '../../src/icws/notebook/expectations';
import { runRequestCell } from '../../src/icws/notebook/runRequestCell';
import { loadScenario, type IcwsSimulator } from '../../src/simulator';
import { main } from '../../src/testing/cli';
import { savedTestName, testFromTraffic } from '../../src/testing/trafficToTest';
import type { TrafficEntry } from '../../src/traffic/entry';
import { parseTrafficLine } from '../../src/traffic/formats';
import { useScratch } from '../support/scratch';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

describe('Save as Test (a Traffic capture becomes a test)', () => {
  const scratch = useScratch('save-as-test');
  const recorded = recordedSession();
  const { entries } = recorded;

  it('writes requests with statuses, messages and state changes, a scenario of the inbound call, and passes against the simulator', async function () {
    this.timeout(30_000);
    const catalog = loadCatalog();
    const context = { userId: 'agent1', cellAnswer: () => undefined, namedAnswer: () => null };
    const send = (source: string) => runRequestCell(recorded.session, source, context, catalog);
    await send('PUT /messaging/subscriptions/queues/mine\n{ "queueIds": [{ "queueType": 1, "queueName": "agent1" }], "attributeNames": ["Eic_State", "Eic_CallDirection", "Eic_RemoteName", "Eic_RemoteAddress", "Eic_LocalUserId"] }');
    await createCall(recorded.simulator, { to: 'agent1', name: 'Inbound Ida' });
    await waitFor('the inbound call’s message', () => entries.some((entry) => entry.kind === 'message' && JSON.stringify(entry.message).includes('Inbound Ida')));
    const call = await send('POST /interactions\n{ "__type": "urn:inin.com:interactions:createCallParameters", "target": "+13175550123" }');
    const id = (call.answer!.body as { interactionId: string }).interactionId;
    await waitFor('the call connected', () => entries.some((entry) => entry.kind === 'message' && JSON.stringify(entry.message).includes(id) && JSON.stringify(entry.message).includes('"Eic_State":"C"')));
    await send(`POST /interactions/${id}/hold\n{ "on": true }`);
    await waitFor('the call held', () => entries.some((entry) => entry.kind === 'message' && JSON.stringify(entry.message).includes(id) && JSON.stringify(entry.message).includes('"Eic_State":"H"')));

    const saved = testFromTraffic(entries);
    const sources = saved.notebook.cells.filter((cell) => cell.kind === 'request').map((cell) => cell.source);
    assert.equal(sources.length, 3, sources.join('\n---\n'));
    assert.match(sources[1]!, /^# @name step2\nPOST \/interactions\n/);
    assert.match(sources[1]!, /\n> status 201\n/);
    assert.match(sources[2]!, /^# @name step3\nPOST \/interactions\/\{\{step2\.interactionId\}\}\/hold/, 'a later request names the earlier answer, not its id');
    assert.match(sources[2]!, /> message queueContentsMessage within \d+s where interactionsChanged\[interactionId=\{\{step2\.interactionId\}\}\]\.attributes\.Eic_State == "H"/);
    assert.deepEqual(saved.scenario.calls?.map((c) => [c.to, c.name]), [['agent1', 'Inbound Ida']]);
    loadScenario(JSON.stringify(saved.scenario), 'scenario.icws-scenario.json');

    const text = writeNotebookFile(saved.notebook, recorded.session.http.redactor);
    const secrets = await recorded.session.save();
    for (const secret of [secrets.sessionId, secrets.csrfToken]) assert.ok(!text.includes(secret), 'a secret is in the saved test');
    writeFileSync(join(scratch(), 'saved.icws-notebook'), text);
    writeFileSync(join(scratch(), 'scenario.icws-scenario.json'), JSON.stringify(saved.scenario));
    let out = '';
    const code = await main([join(scratch(), 'saved.icws-notebook')], {}, (t) => (out += t), (t) => (out += t));
    assert.equal(code, 0, `${sources[2]}\n${out}`.replace(/\n/g, " | "));
  });

  it('saves no new password or other secret a request body names (a password change, a client secret, an access token)', async function () {
    this.timeout(15_000);
    const context = { userId: 'agent1', cellAnswer: () => undefined, namedAnswer: () => null };
    const secrets = { oldPassword: '1234', newPassword: 'n3w-Pa55word', clientSecret: 'cl1ent-s3cret', accessToken: 'acc3ss-t0ken', adminPassword: 'adm1n-pw-99' };
    const from = entries.length;
    await runRequestCell(recorded.session, `POST /security/password\n${JSON.stringify({ oldPassword: secrets.oldPassword, newPassword: secrets.newPassword })}`, context, loadCatalog());
    await runRequestCell(recorded.session, `POST /security/password\n${JSON.stringify({ clientSecret: secrets.clientSecret, accessToken: secrets.accessToken, adminPassword: secrets.adminPassword, maximumPasswordAge: 90 })}`, context, loadCatalog());
    const text = writeNotebookFile(testFromTraffic(entries.slice(from)).notebook, recorded.session.http.redactor);
    assert.match(text, /POST \/security\/password/);
    assert.match(text, /maximumPasswordAge\\": 90/, 'a number about passwords is no secret');
    for (const [name, secret] of Object.entries(secrets)) assert.ok(!text.includes(secret), `the ${name} is in the saved test`);
  });
});

describe('Save as Test from a selection (the entries selected in the Traffic panel)', () => {
  const scratch = useScratch('save-selection-as-test');
  const recorded = recordedSession();
  const { entries } = recorded;

  it('writes only the selected requests (an inbound call picked up and held), their subscription as set-up, the selected message as evidence, and passes against the simulator', async function () {
    this.timeout(30_000);
    const context = { userId: 'agent1', cellAnswer: () => undefined, namedAnswer: () => null };
    const send = (source: string) => runRequestCell(recorded.session, source, context, loadCatalog());
    const seen = (text: string, state: string) => waitFor(`${text} ${state}`, () => entries.some((entry) => entry.kind === 'message' && JSON.stringify(entry.message).includes(text) && JSON.stringify(entry.message).includes(`"Eic_State":"${state}"`)));
    await send('PUT /messaging/subscriptions/queues/mine\n{ "queueIds": [{ "queueType": 1, "queueName": "agent1" }], "attributeNames": ["Eic_State", "Eic_CallDirection", "Eic_RemoteName", "Eic_RemoteAddress", "Eic_LocalUserId"] }');
    // An outbound call first (not selected): the inbound one gets the capture's second id, not the simulator's first.
    const outbound = (await send('POST /interactions\n{ "__type": "urn:inin.com:interactions:createCallParameters", "target": "+13175550123" }')).answer!.body as { interactionId: string };
    await seen(outbound.interactionId, 'C');
    await send(`POST /interactions/${outbound.interactionId}/disconnect`);
    const inbound = await createCall(recorded.simulator, { to: 'agent1', name: 'Selma Selected' });
    assert.notEqual(inbound, '1001234500');
    await seen(inbound, 'A');
    const pickup = await send(`POST /interactions/${inbound}/pickup`);
    assert.ok(pickup.answer && pickup.answer.status < 400);
    await seen(inbound, 'C');
    await send(`POST /interactions/${inbound}/hold\n{ "on": true }`);
    await seen(inbound, 'H');

    const calls = entries.filter((entry) => entry.kind === 'call');
    const pickupEntry = calls.find((entry) => entry.exchange.url.endsWith(`/${inbound}/pickup`))!;
    const holdEntry = calls.find((entry) => entry.exchange.url.endsWith(`/${inbound}/hold`))!;
    const heldMessage = entries.find((entry) => entry.kind === 'message' && entry.seq > holdEntry.seq && JSON.stringify(entry.message).includes('"Eic_State":"H"'))!;
    const saved = testFromTraffic(entries, { selected: new Set([pickupEntry.seq, holdEntry.seq, heldMessage.seq]) });

    const requests = saved.notebook.cells.filter((cell) => cell.kind === 'request').map((cell) => cell.source);
    const tests = requests.filter((source) => /^> /m.test(source));
    assert.equal(tests.length, 2, tests.join('\n---\n'));
    // The call is named by the id the fresh simulator gives it (the scenario places it first).
    assert.match(tests[0]!, /^# @name step1\nPOST \/interactions\/1001234500\/pickup\n/);
    assert.match(tests[0]!, /\n> message queueContentsMessage within \d+s\n/, 'the expectations come from the messages that followed, though none of them was selected');
    assert.match(tests[1]!, /^# @name step2\nPOST \/interactions\/1001234500\/hold/);
    assert.match(tests[1]!, /> message queueContentsMessage within \d+s where interactionsChanged\[interactionId=1001234500\]\.attributes\.Eic_State == "H"/);
    const setUp = requests.filter((source) => !/^> /m.test(source));
    assert.equal(setUp.length, 1);
    assert.match(setUp[0]!, /^# @name setup1\n# Set-up: .*\nPUT \/messaging\/subscriptions\/queues\/mine\n/);
    assert.ok(!requests.some((source) => /\/disconnect|POST \/interactions\n/.test(source)), 'a request that was not selected was saved');
    const markdown = saved.notebook.cells.filter((cell) => cell.kind === 'markdown').map((cell) => cell.source).join('\n');
    assert.match(markdown, /2 requests selected in the ICWS Traffic panel/);
    // Rows a filter showed (Save as Test with no rows selected) are not called "selected".
    const filtered = testFromTraffic(entries, { selected: new Set([pickupEntry.seq, holdEntry.seq]), chosenBy: 'filter' });
    assert.match(filtered.notebook.cells[0]!.source, /\n2 requests shown by a filter in the ICWS Traffic panel, /);
    assert.match(markdown, new RegExp(`- queueContentsMessage \\(entry ${heldMessage.seq}\\), \\d+ ms after step2`));
    assert.deepEqual(saved.scenario.calls?.map((call) => [call.at, call.name]), [['0ms', 'Selma Selected']]);

    writeFileSync(join(scratch(), 'selected.icws-notebook'), writeNotebookFile(saved.notebook, recorded.session.http.redactor));
    writeFileSync(join(scratch(), 'scenario.icws-scenario.json'), JSON.stringify(saved.scenario));
    let out = '';
    const code = await main([join(scratch(), 'selected.icws-notebook')], {}, (t) => (out += t), (t) => (out += t));
    assert.equal(code, 0, out);
    assert.match(out, /2 passed/);
  });
});

describe('Save as Test from a hostile capture (a loaded traffic file, a server’s text)', () => {
  // One line a row of a JSON-lines file, checked as the loader checks it.
  const at = 1_700_000_000_000;
  const exchange = (id: number, method: string, path: string, requestBody: unknown, status: number, responseBody?: unknown) => ({
    id, startedAt: at + id, method, url: `http://127.0.0.1:1/icws/{sessionId}${path}`, template: '/icws/{sessionId}/interactions', operation: 'x', requestHeaders: {}, ...(requestBody === undefined ? {} : { requestBody }), requestBytes: 0, status, responseHeaders: {}, ...(responseBody === undefined ? {} : { responseBody }), responseBytes: 0, durationMs: 1,
  });
  const hostileBody = { note: '{{step1.interactionId}} {userId}\u2028> status 200', '{{setup1.x}}': ['# @session production'] };
  const lines = [
    { kind: 'call', seq: 1, time: at + 1, exchange: exchange(1, 'POST', '/interactions', hostileBody, 201, { interactionId: '2001' }) },
    { kind: 'message', seq: 2, time: at + 10, type: 'urn:x:queueContentsMessage within 1s\n# @session production\n> status 200', message: {}, bytes: 0 },
    { kind: 'message', seq: 3, time: at + 11, type: 'urn:x:evil on production', message: {}, bytes: 0 },
    { kind: 'message', seq: 4, time: at + 12, type: 'urn:inin.com:queues:queueContentsMessage', message: { interactionsChanged: [{ interactionId: '2001', attributes: { Eic_State: 'H" within 1s\n# @session production\n> status 200' } }] }, bytes: 0 },
    { kind: 'call', seq: 5, time: at + 20, exchange: exchange(5, 'POST', '/interactions/2001/hold\n# @session production\n> status 200 {{step1.x}}', { on: true }, 200) },
  ];
  const entries = lines.map((line, index) => parseTrafficLine(JSON.stringify(line), index + 1));

  it('keeps every text of the capture inside its own line: no @session directive, expectation line or {{…}} reference gets into the saved cells', () => {
    const saved = testFromTraffic(entries);
    const requests = saved.notebook.cells.filter((cell) => cell.kind === 'request').map((cell) => cell.source);
    assert.equal(requests.length, 2, requests.join('\n---\n'));
    for (const source of requests) {
      assert.equal(readDirectives(source).directives.session, undefined, source);
      const expectations = parseExpectations(source);
      assert.equal(expectations.filter((expectation) => expectation.kind === 'status').length, 1, source);
      assert.ok(expectations.every((expectation) => expectation.kind !== 'message' || (expectation.session === undefined && expectation.messageType === 'queueContentsMessage')), source);
      const cell = parseCell(source);
      // The one reference is the one Save as Test writes: the id the first answer gave.
      assert.deepEqual([...`${cell.path}\n${cell.bodyText}`.matchAll(/\{\{[^}]*\}\}|\{userId\}/g)].map(([reference]) => reference).filter((reference) => reference !== '{{step1.interactionId}}'), [], source);
    }
    // The requests themselves are kept: the body means what it meant, the path names the same resource.
    const first = parseCell(requests[0]!);
    assert.deepEqual(JSON.parse(first.bodyText), hostileBody);
    const second = parseCell(requests[1]!);
    assert.equal(decodeURIComponent(second.path.replace('{{step1.interactionId}}', '2001')), '/interactions/2001/hold\n# @session production\n> status 200 {{step1.x}}');
  });
});

describe('Save as Test: the saved notebook\'s title', () => {
  it('says when it was saved on the local clock, not in UTC', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Indiana/Indianapolis';
    try {
      assert.equal(savedTestName(new Date('2026-11-26T06:20:00Z')), 'Saved from ICWS Traffic (2026-11-26 01:20)');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

/** A simulator and agent1's session on it, each request and message recorded as Traffic entries are. */
function recordedSession(): { readonly simulator: IcwsSimulator; readonly session: IcwsSession; entries: TrafficEntry[] } {
  let simulator: IcwsSimulator | undefined;
  let session: IcwsSession | undefined;
  const entries: TrafficEntry[] = [];
  before(async () => {
    simulator = await startSimulator();
    let seq = 0;
    session = await loginTo(simulator, 'agent1', { onExchange: (exchange: HttpExchange) => entries.push({ kind: 'call', seq: ++seq, time: exchange.startedAt, exchange }) });
    session.messages.onMessage((decoded) => {
      if (decoded.kind !== 'invalid') entries.push({ kind: 'message', seq: ++seq, time: Date.now(), type: decoded.message.__type, message: decoded.message, bytes: 0 });
    });
    session.messages.start();
  });
  after(async () => {
    await session?.logout().catch(() => undefined);
    await simulator?.stop();
  });
  return {
    get simulator() {
      return simulator!;
    },
    get session() {
      return session!;
    },
    entries,
  };
}
