// Named cells and cell sessions (issue 22): `# @name call` and {{call.…}}, the flags on positional
// {{cell:N…}} references, `# @session`, and the starter notebook using names (and equal to the
// example CI runs).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/icws/catalog';
import { CellProblem, cellRequest, readDirectives, readNotebookFile, referenceProblems, sessionNamed, writeNotebookFile } from '../../src/icws/notebook';
import { STARTER_CELLS } from '../../src/vscode/notebooks/lazy/starterNotebook';

const ROOT = join(__dirname, '../../..');
const catalog = loadCatalog();

describe('named cells', () => {
  it('fills {{name.path}} from the named cell’s answer, and says which name is missing or has not run', () => {
    const names: Record<string, unknown> = { call: { interactionId: '1001' }, idle: undefined };
    const context = { userId: 'agent1', cellAnswer: () => undefined, namedAnswer: (name: string) => (name in names ? names[name] : null) };
    assert.deepEqual(cellRequest('POST /interactions/{{call.interactionId}}/pickup', context, catalog).spec.params, { interactionId: '1001' });
    const refuse = (text: string, pattern: RegExp) => assert.throws(() => cellRequest(text, context, catalog), (e: Error) => e instanceof CellProblem && pattern.test(e.message));
    refuse('POST /interactions/{{cal.interactionId}}/pickup', /no cell is named cal \(name one with "# @name cal"\)/);
    refuse('POST /interactions/{{idle.interactionId}}/pickup', /the cell named idle has no answer yet; run it first/);
    refuse('POST /interactions/{{call.nope}}/pickup', /the answer of call has no nope/);
  });

  it('reads @name and @session, refusing names that are not words', () => {
    assert.deepEqual(readDirectives('# @name call\n// @session agent2\nGET /connection').directives, { name: 'call', session: 'agent2' });
    assert.match(readDirectives('# @name two words\nGET /connection').problems[0]!.message, /a name is a word/);
    assert.match(readDirectives('# @name a\n# @name b\nGET /connection').problems[0]!.message, /already named a/);
    assert.match(readDirectives('# @session\nGET /connection').problems[0]!.message, /names a profile or user ID/);
    assert.deepEqual(readDirectives('# @session agent2 @ cic-dev\nGET /connection').directives, { session: 'agent2 @ cic-dev' }, 'a profile name with spaces');
  });

  it('warns on every positional reference, and errs when it points at Markdown or nowhere', () => {
    const cells = [
      { kind: 'markdown' as const, source: '# heading' },
      { kind: 'request' as const, source: '# @name call\nPOST /interactions\n{}' },
      { kind: 'request' as const, source: 'POST /interactions/{{cell:2.interactionId}}/pickup\nPOST /x/{{cell:1.id}} {{cell:9.id}} {{later.id}} {{nobody.id}}' },
      { kind: 'request' as const, source: '# @name later\nGET /connection' },
    ];
    const problems = referenceProblems(cells, 2).map((p) => `${p.severity} ${p.line}:${p.start} ${p.message}`);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0]!, /^warning 0:19 \{\{cell:2…\}\} counts cells, so a cell inserted above changes what it means; give cell 2 its name: \{\{call.interactionId\}\}$/);
    assert.match(problems[1]!, /^error 1:8 cell 1 is a Markdown cell, not a request: a cell inserted above may have shifted it/);
    assert.match(problems[2]!, /^error 1:\d+ cell 9 does not exist \(the notebook has 4\)$/);
    assert.match(problems[3]!, /later is a later cell \(cell 4\)/);
    assert.match(problems[4]!, /no cell is named nobody/);
  });

  it('finds a cell’s session by profile name, then by user ID', () => {
    const live = [{ identity: { userId: 'agent1' }, profile: 'agent1 @ cic-dev' }, { identity: { userId: 'agent2' }, profile: 'second' }];
    assert.equal(sessionNamed('second', live, (s) => s.profile), live[1]);
    assert.equal(sessionNamed('agent2', live, (s) => s.profile), live[1]);
    assert.equal(sessionNamed('agent1 @ cic-dev', live, (s) => s.profile), live[0]);
    assert.equal(sessionNamed('agent3', live, (s) => s.profile), undefined);
  });

  it('the starter uses names, no positional reference, and is the example CI runs', () => {
    const problems = STARTER_CELLS.flatMap((_cell, index) => (STARTER_CELLS[index]!.kind === 'request' ? referenceProblems(STARTER_CELLS, index) : []));
    assert.deepEqual(problems, []);
    assert.ok(STARTER_CELLS.every((cell) => !cell.source.includes('{{cell:')));
    const example = readNotebookFile(readFileSync(join(ROOT, 'examples/tests/starter.icws-notebook'), 'utf8'));
    assert.deepEqual(example.cells, STARTER_CELLS, 'examples/tests/starter.icws-notebook differs from the starter (src/vscode/notebooks/lazy/starterNotebook.ts)');
  });

  it('keeps a notebook’s test set-up (scenario, seed) through a save', () => {
    const file = readNotebookFile(JSON.stringify({ icwsNotebook: 1, metadata: { scenario: 'calls.icws-scenario.yaml', seed: 7 }, cells: [] }));
    assert.deepEqual(readNotebookFile(writeNotebookFile(file)).metadata, { scenario: 'calls.icws-scenario.yaml', seed: 7 });
    assert.throws(() => readNotebookFile(JSON.stringify({ icwsNotebook: 1, metadata: { seed: 'x' }, cells: [] })), /metadata\.seed/);
  });
});
