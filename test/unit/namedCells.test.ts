// Named cells and cell sessions (issue 22): `# @name call` and {{call.…}}, the flags on positional
// {{cell:N…}} references, `# @session`, and the starter notebook using names (and equal to the
// example CI runs).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/icws/catalog';
import { sessionByName } from '../../src/icws/sessionByName';
import { CellProblem, cellRequest, readDirectives, readNotebookFile, referenceProblems, writeNotebookFile } from '../../src/icws/notebook';
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

  it('finds a cell’s session by profile name, then by user ID, without regard to case, and refuses a name that fits two', () => {
    const live = [
      { userId: 'agent1', profileName: 'agent1 @ cic-dev' },
      { userId: 'agent2', profileName: 'second' },
      { userId: 'agent2', profileName: 'Agent2 again' },
    ];
    const find = (name: string) => sessionByName(name, live, (s) => s);
    assert.equal(find('second').session, live[1]);
    assert.equal(find('SECOND ').session, live[1]);
    assert.equal(find('agent1 @ cic-dev').session, live[0]);
    assert.equal(find('agent1').session, live[0], 'by user ID when no profile has the name');
    assert.equal(find('agent2').session, undefined);
    assert.match(find('agent2').problem ?? '', /"agent2" names 2 live sessions; use a profile name: "agent1 @ cic-dev", "second", "Agent2 again"/);
    assert.match(find('agent3').problem ?? '', /no live session is called "agent3" \(by profile name or user ID\); live sessions: /);
    assert.match(sessionByName('agent3', [], (s: (typeof live)[0]) => s).problem ?? '', /; connect it first$/);
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
