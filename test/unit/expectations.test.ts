// The expectation language of notebook cells (issue 22): parsing with problems that name the line,
// every operator on answers, paths into arrays by condition, and event expectations watched on a
// real session's message channel against the simulator over HTTP (windows, negatives, a message
// before or after the window).
import { strict as assert } from 'node:assert';
import { DEFAULT_ATTRIBUTES, type IcwsSession, QueueType } from '../../src/icws';
import { loadCatalog } from '../../src/icws/catalog';
import { CellProblem, type CellAnswer } from '../../src/icws/notebook';
import { evaluateAnswer, type Expectation, failureText, MessageWatch, type Outcome, parseExpectations } from '../../src/icws/notebook/expectations';
import { runRequestCell } from '../../src/icws/notebook/runRequestCell';
import type { IcwsSimulator } from '../../src/simulator';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const one = (line: string): Expectation => parseExpectations(`GET /connection\n${line}`)[0]!;
const noFill = (text: string) => text;
const answer: CellAnswer = {
  status: 201,
  durationMs: 3,
  headers: {},
  body: { consultId: 'c1', consultInteractionId: '1001000002', count: 7, items: [{ id: 'a', state: 'C' }, { id: 'b', state: 'H' }], nothing: null },
};
const check = (line: string, fill = noFill): Outcome => evaluateAnswer([one(line)], answer, fill)[0]!;

describe('expectations: parsing', () => {
  it('reads status, body, message and no-message lines with their parts', () => {
    const [status, body, message, none] = parseExpectations(
      'POST /interactions/1/consult\n{"target": "7003"}\n> status 201\n  > body.consultInteractionId exists\n> message queueContentsMessage within 2s where interactionsChanged[interactionId={{call.interactionId}}].attributes.Eic_State == "H"\n> no message interactionMorphedMessage within 500ms',
    );
    assert.deepEqual([status!.kind, status!.line], ['status', 2]);
    assert.equal(body!.kind === 'body' && body.pathText, 'body.consultInteractionId');
    assert.ok(message!.kind === 'message' && !message.negated && message.withinMs === 2000 && message.messageType === 'queueContentsMessage');
    assert.deepEqual(message!.kind === 'message' && message.where!.path.map((step) => step.kind), ['key', 'where', 'key', 'key']);
    assert.ok(none!.kind === 'message' && none.negated && none.withinMs === 500 && !none.where);
  });

  it('names the line and what is wrong', () => {
    const refused = (text: string, pattern: RegExp) =>
      assert.throws(
        () => parseExpectations(`GET /connection\n# a comment\n${text}`),
        (error: Error) => error instanceof CellProblem && error.line === 2 && error.message.startsWith('line 3: ') && pattern.test(error.message),
      );
    refused('> stauts 201', /"> stauts" is not an expectation/);
    refused('> status two', /a status is a number like 201, not two/);
    refused('> body.id === 3', /"=== 3" is not a check/);
    refused('> body.id', /a check is missing/);
    refused('> body.count < "7"', /< compares numbers; "7" is not one/);
    refused('> body.id matches /(/', /is not a regular expression/);
    refused('> body.id matches abc', /between slashes/);
    refused('> body.items[name=] exists', /a value is missing/);
    refused('> body.items[0 exists', /is not closed/);
    refused('> message queueContentsMessage', /write "message <type> within <time>"/);
    refused('> message queueContentsMessage within 90s', /between 1ms and 60s/);
    refused('> message queueContentsMessage within 2s when x == 1', /write "where <path> == <value>"/);
    refused('> body.id == "open', /not a JSON string/);
  });
});

describe('expectations: answers', () => {
  it('checks the status with a bare number or an operator', () => {
    assert.ok(check('> status 201').passed);
    const wrong = check('> status 200');
    assert.deepEqual([wrong.passed, wrong.expected, wrong.actual], [false, 'status == 200', 'status is 201']);
    assert.equal(failureText(wrong), 'line 2: expected status == 200; status is 201');
    assert.ok(check('> status < 300').passed && check('> status > 200').passed && check('> status != 500').passed);
    assert.ok(!check('> status > 201').passed && !check('> status != 201').passed);
  });

  it('checks body paths with ==, !=, <, >, exists and matches', () => {
    const passing = ['> body.consultId == "c1"', '> body.consultId == c1', '> body.count == 7', '> body.count == "7"', '> body.consultId != "c2"', '> body.count < 8', '> body.count > 6', '> body.consultInteractionId exists', '> body.consultInteractionId matches /^100\\d+$/', '> body.nothing == null', '> body.items[1].state == "H"', '> body exists'];
    for (const line of passing) assert.ok(check(line).passed, line);
    const failing = ['> body.consultId == "c2"', '> body.consultId != "c1"', '> body.count < 7', '> body.count > 7', '> body.missing exists', '> body.consultId matches /^x/', '> body.consultId < 3', '> body.items[5].state exists'];
    for (const line of failing) assert.ok(!check(line).passed, line);
    assert.equal(check('> body.missing exists').actual, 'body.missing is missing');
  });

  it('follows arrays by condition, by [*] and by index, filling references in values', () => {
    assert.ok(check('> body.items[id=b].state == "H"').passed);
    assert.ok(check('> body.items[id="a"].state == C').passed);
    assert.ok(!check('> body.items[id=a].state == "H"').passed);
    assert.ok(check('> body.items[*].state == "H"').passed, 'any element passes');
    const filled = check('> body.items[id={{pick.id}}].state == "H"', (text) => text.replace('{{pick.id}}', 'b'));
    assert.ok(filled.passed);
    assert.equal(check('> body.items[id=zzz].state exists').actual, 'body.items[id=zzz].state is missing');
  });
});

describe('expectations: messages on a live session', () => {
  let simulator: IcwsSimulator;
  let session: IcwsSession;
  const requests: string[] = [];
  beforeEach(async () => {
    requests.length = 0;
    simulator = await startSimulator({ onRequest: (method, path) => requests.push(`${method} ${path}`) });
    session = await loginTo(simulator, 'agent1');
    session.messages.start();
    await session.queues.subscribe({ subscriptionId: 'mine', queues: [{ queueType: QueueType.User, queueName: 'agent1' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
  });
  afterEach(async () => {
    await session.logout().catch(() => undefined);
    await simulator.stop();
  });

  const added = (window: string) => parseExpectations(`GET /connection\n> message queueContentsMessage within ${window} where interactionsAdded[interactionId={{call.interactionId}}] exists`);
  const fillId = (id: string) => (text: string) => text.replace('{{call.interactionId}}', id);

  it('passes when a matching message comes within the window, even before the condition is known, and leaves the channel to its other listeners', async () => {
    const cacheSawIt: string[] = [];
    const other = session.messages.onMessage(() => cacheSawIt.push('message'));
    const watch = new MessageWatch(session.messages.onMessage, added('3s'));
    const id = await createCall(simulator, { to: 'agent1', name: 'Ada' });
    // The condition names the call only now (as a cell's own answer would), after its message may have come.
    const [outcome] = await watch.begin(fillId(id));
    assert.ok(outcome!.passed, outcome!.actual);
    assert.match(outcome!.actual, /^one came after \d+ ms$/);
    await waitFor('the queue cache to hold the call', () => session.queues.cache.get('mine', id));
    assert.ok(cacheSawIt.length > 0);
    other.dispose();
  });

  it('fails with what it saw when no message matches, and does not count one from before the window', async () => {
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call in the cache', () => session.queues.cache.get('mine', id));
    const [outcome] = await new MessageWatch(session.messages.onMessage, added('300ms')).begin(fillId(id));
    assert.equal(outcome!.passed, false);
    assert.equal(outcome!.expected, `queueContentsMessage within 300 ms where interactionsAdded[interactionId=${id}] exists`, 'the reference is shown filled');
    assert.match(outcome!.actual, /queueContentsMessage came|none matched/);
  });

  it('does not count a message that comes after the window', async () => {
    const watch = new MessageWatch(session.messages.onMessage, parseExpectations('GET /connection\n> message queueContentsMessage within 200ms where interactionsAdded[*].attributes.Eic_RemoteName == "Late"'));
    const outcomes = watch.begin(noFill);
    const [outcome] = await outcomes;
    const seen: unknown[] = [];
    const listener = session.messages.onMessage((message) => seen.push(message));
    const id = await createCall(simulator, { to: 'agent1', name: 'Late' });
    await waitFor('the late message', () => session.queues.cache.get('mine', id) && seen.length > 0);
    listener.dispose();
    assert.equal(outcome!.passed, false);
    assert.match(outcome!.actual, /^no queueContentsMessage came$|^none matched/);
  });

  it('a negative expectation passes when nothing matching comes, and fails as soon as one does', async () => {
    const quiet = await new MessageWatch(session.messages.onMessage, parseExpectations('GET /connection\n> no message interactionMorphedMessage within 200ms')).begin(noFill);
    assert.deepEqual([quiet[0]!.passed, quiet[0]!.actual], [true, 'none came']);
    const expectation = parseExpectations('GET /connection\n> no message queueContentsMessage within 5s where interactionsAdded[*].attributes.Eic_RemoteName == "Grace"');
    const watch = new MessageWatch(session.messages.onMessage, expectation);
    const started = Date.now();
    await createCall(simulator, { to: 'agent1', name: 'Grace' });
    const [outcome] = await watch.begin(noFill);
    assert.equal(outcome!.passed, false);
    assert.match(outcome!.actual, /^one came after \d+ ms; interactionsAdded\[\*\]\.attributes\.Eic_RemoteName is .*"Grace"/);
    assert.ok(Date.now() - started < 4_000, 'it failed without waiting for the window to close');
  });

  it('runs a cell: status, body and an event about the cell’s own answer', async () => {
    const run = await runRequestCell(
      session,
      '# @name call\nPOST /interactions\n{ "__type": "urn:inin.com:interactions:createCallParameters", "target": "+13175550123" }\n> status 201\n> body.interactionId matches /^\\d+$/\n> message queueContentsMessage within 3s where interactionsAdded[interactionId={{call.interactionId}}] exists\n> status 404',
      { userId: 'agent1', cellAnswer: () => undefined, namedAnswer: () => null },
      loadCatalog(),
    );
    assert.ok(run.answered && run.answer!.status === 201);
    assert.deepEqual(run.outcomes.map((outcome) => [outcome.expectation.line, outcome.passed]), [[3, true], [4, true], [5, true], [6, false]]);
    assert.equal(run.passed, false);
  });

  it('sends nothing for a cell with a wrong expectation', async () => {
    const run = await runRequestCell(session, 'POST /interactions/1/disconnect\n> staus 200', { userId: 'agent1', cellAnswer: () => undefined }, loadCatalog());
    assert.equal(run.answered, false);
    assert.deepEqual(run.problem, { message: 'line 2: "> staus" is not an expectation; write "> status", "> body…", "> message …" or "> no message …"', line: 1 });
    assert.deepEqual(requests.filter((request) => request.includes('/disconnect')), []);
  });
});
