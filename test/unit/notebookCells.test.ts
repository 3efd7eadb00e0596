// Notebook request cells and files (issue 15), without VS Code: the cell syntax, placeholders,
// refusing what is not an operation, path completion, and a file that keeps no secret.
import { strict as assert } from 'node:assert';
import { loadCatalog } from '../../src/icws/catalog';
import { CellProblem, cellRequest, type FillContext, NotebookFileError, parseCell, readNotebookFile, writeNotebookFile } from '../../src/icws/notebook';

const catalog = loadCatalog();
const context = (answers: Record<number, unknown> = {}): FillContext => ({ userId: 'agent 1', cellAnswer: (index) => answers[index] });

describe('notebook request cells', () => {
  it('reads a method, a path and a JSON body, after comments', () => {
    assert.deepEqual(parseCell('# set my status\n// really\nput /status/user-statuses/{userId}\n{ "statusId": "Available" }'), { method: 'PUT', path: '/status/user-statuses/{userId}', bodyText: '{ "statusId": "Available" }', requestLine: 2, bodyLine: 3 });
    assert.throws(() => parseCell('FETCH /x'), /FETCH is not an ICWS method/);
    assert.throws(() => parseCell('   \n# only a comment'), /Write a request/);
  });

  it('fills {userId} and earlier answers, encoded for where they go', () => {
    const request = cellRequest('POST /interactions/{{cell:3.interactionId}}/consult\n{ "target": "{{cell:2.name}}", "additionalAttributes": { "who": "{userId}" } }', context({ 3: { interactionId: '1001234567' }, 2: { name: 'O"Brien' } }), catalog);
    assert.deepEqual(request.spec, {
      method: 'POST',
      template: '/icws/{sessionId}/interactions/{interactionId}/consult',
      params: { interactionId: '1001234567' },
      operation: 'notebook: Interactions consult',
      answerAnyStatus: true,
      body: { target: 'O"Brien', additionalAttributes: { who: 'agent 1' } },
    });
    assert.equal(request.changesState, true);
    assert.deepEqual(cellRequest('GET /status/user-statuses/{userId}', context(), catalog).spec.params, { userId: 'agent 1' });
  });

  it('refuses, before sending, what is not an operation or not filled in', () => {
    const refuse = (text: string, pattern: RegExp, answers: Record<number, unknown> = {}) => assert.throws(() => cellRequest(text, context(answers), catalog), (e: Error) => e instanceof CellProblem && pattern.test(e.message));
    refuse('GET /interactions/1/consult', /GET is not an operation on this path; it has POST/);
    refuse('GET /no/such/thing', /GET \/icws\/\{sessionId\}\/no\/such\/thing is not an ICWS operation/);
    refuse('POST /interactions/{interactionId}/pickup', /fill \{interactionId\} in the path/);
    refuse('POST /interactions/{{cell:4.interactionId}}/pickup', /cell 4 has no answer yet/);
    refuse('POST /interactions/{{cell:4.nope}}/pickup', /cell 4's answer has no nope/, { 4: { interactionId: '1' } });
    refuse('POST /interactions/1/consult\n{ target: 7002 }', /the body is not JSON/);
  });

  it('completes a path segment by segment', () => {
    const next = (method: string, typed: string) => catalog.nextSegments(method, typed).map((c) => (c.last ? c.segment : `${c.segment}/`));
    assert.ok(next('POST', '/interactions/{interactionId}/').includes('consult'));
    assert.ok(next('POST', '/interactions/1001234567/co').every((segment) => segment.startsWith('co')));
    assert.ok(next('', '/stat').includes('status/'));
    assert.deepEqual(next('DELETE', '/interactions/1/consult/'), ['{consultId}']);
    // A literal segment is not read as a {name}: /icws/connection/ is not /icws/{sessionId}/.
    assert.ok(next('GET', '/icws/connection/').includes('version'));
    assert.ok(!next('GET', '/icws/connection/').includes('interactions/'));
  });
});

describe('notebook files', () => {
  it('keeps no secret even when an answer carries one', () => {
    const text = writeNotebookFile({
      cells: [{ kind: 'request', source: 'POST /icws/connection', answer: { status: 201, durationMs: 5, headers: { 'ININ-ICWS-CSRF-Token': 'c2VjcmV0LXRva2Vu', 'set-cookie': 'icws_1=abc', 'content-type': 'application/json' }, body: { csrfToken: 'c2VjcmV0LXRva2Vu', sessionId: '123456789', password: 'hunter2' } } }],
    });
    for (const secret of ['c2VjcmV0LXRva2Vu', '123456789', 'hunter2', 'abc']) assert.ok(!text.includes(secret), `${secret} was written`);
    const back = readNotebookFile(text);
    assert.equal(back.cells[0]!.answer!.headers['content-type'], 'application/json');
  });

  it('refuses a file that is not an ICWS notebook, naming the field', () => {
    assert.throws(() => readNotebookFile('{"icwsNotebook":1,"cells":[{"kind":"script","source":""}]}'), (e: Error) => e instanceof NotebookFileError && /^cells\.0\.kind: /.test(e.message));
    assert.throws(() => readNotebookFile('<html>'), /not JSON/);
    assert.deepEqual(readNotebookFile(''), { cells: [] });
  });
});
