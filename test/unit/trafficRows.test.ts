// Traffic, second pass (issue 23): rows a person can tell apart by their Name, the session an entry
// came from (kept in both file formats, shown in a Session column, found with `session:`), and the
// page messages the column chooser sends.
import { strict as assert } from 'node:assert';
import { decodeMessage, type HttpExchange, Redactor } from '../../src/icws';
import { callName, rowOf, TrafficTimeline } from '../../src/traffic';
import { fromHar, readTrafficLines, toHar, toJsonLines } from '../../src/traffic/formats';
import { parsePageMessage } from '../../src/vscode/traffic/pageMessages';
import { packRows, unpackRows } from '../../src/vscode/traffic/rowCodec';

const BASE = 'https://cic-dev.example.local:8019';

function call(path: string, sessionName?: string): HttpExchange {
  return {
    id: 1,
    startedAt: 1_700_000_000_000,
    method: 'POST',
    url: `${BASE}${path}`,
    template: path.replace(/\/interactions\/\d+/, '/interactions/{interactionId}'),
    operation: 'op',
    requestHeaders: {},
    requestBytes: 0,
    status: 200,
    responseHeaders: {},
    responseBytes: 0,
    durationMs: 3,
    ...(sessionName ? { sessionName } : {}),
  };
}

const queueMessage = decodeMessage({ __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'my-queue', interactionsAdded: [] });

describe('Traffic rows a person can tell apart', () => {
  it('names a call by what differs first: the operation before a shortened interaction id, else the path after the session', () => {
    assert.equal(callName('/icws/{sessionId}/interactions/1001234567/consult'), 'consult …4567');
    assert.equal(callName('/icws/{sessionId}/interactions/1001234567/blind-transfer'), 'blind-transfer …4567');
    assert.equal(callName('/icws/{sessionId}/interactions/1001234567/consult/1/transfer'), 'consult/1/transfer …4567');
    assert.equal(callName('/icws/{sessionId}/interactions/1001234567'), 'interactions/…4567');
    assert.equal(callName('/icws/{sessionId}/interactions/12'), 'interactions/12', 'a short id is kept whole');
    assert.equal(callName('/icws/{sessionId}/messaging/subscriptions/queues/my-queue'), 'messaging/subscriptions/queues/my-queue');
    assert.equal(callName('/icws/{sessionId}/status/user-statuses/agent1?select=statusId'), 'status/user-statuses/agent1?select=statusId');
    assert.equal(callName('/icws/connection'), 'connection');
    assert.equal(callName('/simulator/status-icons/Available.svg'), '/simulator/status-icons/Available.svg');
    // Four operations on one call: four names, none a prefix of the path the old column cut.
    const names = ['pickup', 'consult', 'blind-transfer', 'disconnect'].map((op) => rowOf({ kind: 'call', seq: 1, time: 0, exchange: call(`/icws/{sessionId}/interactions/1001234567/${op}`) }).name);
    assert.equal(new Set(names).size, 4);
    for (const name of names) assert.ok(name.length <= 20, `${name} fits a 200 px column`);
  });

  it('keeps the session an entry came from on its row, through the page codec, and finds it with session:', () => {
    const timeline = new TrafficTimeline();
    timeline.recordExchange(call('/icws/{sessionId}/interactions/1001234567/pickup', 'agent1 @ cic-dev'));
    timeline.recordExchange(call('/icws/{sessionId}/interactions/1001234568/pickup', 'agent2 @ cic-prod'));
    timeline.recordMessage(queueMessage, new Redactor(), 1_700_000_000_100, 'agent2 @ cic-prod');
    timeline.recordExchange(call('/icws/connection'));
    const rows = timeline.filterRows('');
    assert.deepEqual(rows.map((row) => row.session), ['agent1 @ cic-dev', 'agent2 @ cic-prod', 'agent2 @ cic-prod', undefined]);
    assert.deepEqual(unpackRows(structuredClone(packRows(rows))), rows, 'the page gets every field back');
    const seqs = (text: string) => timeline.filterRows(text).map((row) => row.seq);
    assert.deepEqual(seqs('session:agent2'), [2, 3]);
    assert.deepEqual(seqs('session:CIC-DEV'), [1], 'case-insensitive, a part of the name');
    assert.deepEqual(seqs('-session:cic-prod'), [1, 4]);
    assert.deepEqual(seqs('agent2'), [], 'plain words do not search the session name (every entry of it would match)');
  });

  it('saves the session name in JSON lines and in HAR (`_session`), and reads it back; files without it still open', () => {
    const timeline = new TrafficTimeline();
    timeline.recordExchange(call('/icws/{sessionId}/interactions/1001234567/pickup', 'agent1 @ cic-dev'));
    timeline.recordMessage(queueMessage, new Redactor(), 1_700_000_000_100, 'agent1 @ cic-dev');
    timeline.recordExchange(call('/icws/connection'));
    const entries = timeline.entries();
    const har = JSON.parse(toHar(entries));
    assert.equal(har.log.entries[0]._session, 'agent1 @ cic-dev');
    assert.equal(har.log.entries[1]._session, undefined);
    assert.equal(har.log._icwsMessages[0]._session, 'agent1 @ cic-dev');
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));
    assert.deepEqual(asJson(fromHar(toHar(entries)).entries), asJson(entries));
    assert.deepEqual(asJson(readTrafficLines(toJsonLines(entries))), asJson(entries));
    assert.throws(() => readTrafficLines(JSON.stringify({ ...entries[0], exchange: { ...(entries[0] as { exchange: HttpExchange }).exchange, sessionName: 7 } })), /line 1, field "exchange.sessionName"/);
  });

  it('accepts the column chooser’s message only with column ids and true/false', () => {
    assert.deepEqual(parsePageMessage({ type: 'columns', choices: { session: true, kind: false } }), { type: 'columns', choices: { session: true, kind: false } });
    assert.equal(parsePageMessage({ type: 'columns', choices: { session: 'yes' } }), undefined);
    assert.equal(parsePageMessage({ type: 'columns', choices: { '<img src=x>': true } }), undefined);
    const many = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26)), true]));
    assert.notEqual(parsePageMessage({ type: 'columns', choices: many(32) }), undefined);
    assert.equal(parsePageMessage({ type: 'columns', choices: many(33) }), undefined, 'at most 32 columns');
  });
});
