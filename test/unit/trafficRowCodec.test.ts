// The Traffic page's row format (issue 23, "Measured"): a full timeline travels as a few buffers
// and each distinct text once, and comes back field for field.
import { strict as assert } from 'node:assert';
import { decodeMessage, type HttpExchange, Redactor } from '../../src/icws';
import { TrafficTimeline } from '../../src/traffic';
import { packRows, unpackRows } from '../../src/vscode/traffic/rowCodec';

function exchange(i: number): HttpExchange {
  return {
    id: i,
    startedAt: 1_700_000_000_000 + i,
    method: i % 2 ? 'POST' : 'GET',
    url: `https://cic-dev.example.local:8019/icws/{sessionId}/interactions/${1_001_000_000 + (i % 7)}/${i % 2 ? 'hold' : 'consult'}`,
    template: '/icws/{sessionId}/interactions/{interactionId}/hold',
    operation: 'op',
    requestHeaders: {},
    requestBytes: 10,
    // Answered, refused and never answered (status 0).
    status: i % 5 === 0 ? 0 : i % 3 ? 200 : 400,
    responseHeaders: {},
    responseBytes: i,
    durationMs: 2.5 + i,
    ...(i % 4 ? { sessionName: `agent${i % 3} @ cic-dev` } : {}),
  };
}

function timelineOf(calls: number): TrafficTimeline {
  const timeline = new TrafficTimeline();
  const redactor = new Redactor();
  for (let i = 0; i < calls; i++) {
    timeline.recordExchange(exchange(i));
    const changed = [1_001_000_000 + (i % 7), 1_001_000_000 + ((i + 1) % 7)].map((id) => ({ interactionId: String(id), attributes: { Eic_RemoteName: '<b>Caller</b>' } }));
    timeline.recordMessage(decodeMessage({ __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'my-queue', interactionsChanged: changed }), redactor, 1_700_000_000_000 + i);
  }
  return timeline;
}

describe('Traffic rows on their way to the page', () => {
  it('gives the page every field of every row back, after a structured clone', () => {
    const rows = timelineOf(500).filterRows('');
    assert.equal(rows.length, 1_000);
    assert.ok(rows.some((row) => row.status === 0) && rows.some((row) => row.status === undefined) && rows.some((row) => row.session === undefined) && rows.some((row) => row.interactionIds.length === 2));
    assert.deepEqual(unpackRows(structuredClone(packRows(rows))), rows);
    assert.deepEqual(unpackRows(packRows([])), []);
  });

  it('sends numbers as buffers and each distinct text once, and shares them on the page', () => {
    const rows = timelineOf(2_000).filterRows('');
    const packed = packRows(rows);
    assert.ok([packed.numbers, packed.kinds, packed.texts, packed.lengths].every((buffer) => buffer instanceof ArrayBuffer));
    assert.equal(typeof packed.strings, 'string', 'the distinct texts travel as one string');
    assert.equal(packed.numbers.byteLength, rows.length * 5 * 8);
    // 4,000 rows of five texts each, but only seven interactions, two operations and three sessions.
    const distinct = packed.lengths.byteLength / 4;
    assert.ok(distinct < 60, `${distinct} distinct texts sent`);
    const unpacked = unpackRows(packed);
    const sameIds = unpacked.filter((row) => row.kind === 'call' && row.interactionIds[0] === unpacked[0]!.interactionIds[0]);
    assert.ok(sameIds.length > 100 && sameIds.every((row) => row.interactionIds === sameIds[0]!.interactionIds), 'rows about the same interactions share one list');
  });

  it('keeps hostile texts in their own column: astral characters, lone surrogates, markup, and texts of other rows', () => {
    // Server text (a message type, a subscription id) and a loaded file's paths, as a row carries them.
    const texts = ['😀/𝒳', '\ud800', 'x\udfffy', '<img src=x onerror=alert(1)>', '', 'GET', '\u2028\n\u0000'];
    const rows = texts.map((text, i) => ({ seq: i + 1, time: i, kind: 'message' as const, method: text, name: texts[(i + 1) % texts.length]!, path: texts[(i + 2) % texts.length]!, bytes: 0, interactionIds: [], session: texts[(i + 3) % texts.length]! || 'none' }));
    const packed = packRows(rows);
    assert.deepEqual(unpackRows(structuredClone(packed)), rows);
    // VS Code sends what is not a buffer as JSON: a lone surrogate comes through as its escape, one UTF-16 unit as before.
    assert.deepEqual(unpackRows({ ...packed, strings: JSON.parse(JSON.stringify(packed.strings)) as string }), rows);
  });

  it('refuses rows whose buffers or texts do not add up, naming what is wrong', () => {
    const packed = packRows(timelineOf(3).filterRows(''));
    assert.throws(() => unpackRows({ ...packed, count: packed.count + 1 }), /packed rows: buffers do not hold 7 rows/);
    assert.throws(() => unpackRows({ ...packed, strings: `${packed.strings}x` }), /packed rows: the texts' lengths add up to \d+, not \d+/);
    assert.throws(() => unpackRows({ ...packed, lengths: new Uint32Array(new Uint32Array(packed.lengths).subarray(0, 1)).buffer, strings: packed.strings.slice(0, new Uint32Array(packed.lengths)[0]) }), /packed rows: no text at \d+/);
  });
});
