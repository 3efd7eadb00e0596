// ICWS notebooks in Test Explorer (issue 22), inside VS Code: the controller finds a notebook in
// the workspace and follows it, runs it against a fresh simulator, and reports a failing
// expectation at its line in the notebook cell.
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../../support/waitFor';
import { extensionApi } from './support';

describe('ICWS notebook tests in Test Explorer (inside VS Code)', () => {
  let file: string;
  after(() => rmSync(file, { force: true }));

  it('finds a notebook, runs it against a fresh simulator, and reports a failure at its line', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const tests = api.notebookTests;
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    file = join(folder, 'explorer.icws-notebook');
    writeFileSync(
      file,
      JSON.stringify({
        icwsNotebook: 1,
        cells: [
          { kind: 'markdown', source: '# Checks' },
          { kind: 'request', source: '# @name up\nGET /connection\n> status 200\n> body.connectionState == 1' },
          { kind: 'request', source: '# @name wrong\n# a comment first\nGET /connection\n> status 200\n> body.connectionState == 2' },
        ],
      }),
    );
    await tests.findNotebooks();
    const uri = vscode.Uri.file(file).toString();
    const notebook = await waitFor('the notebook in Test Explorer', () => tests.controller.items.get(uri));
    await tests.readTests(notebook);
    const children: vscode.TestItem[] = [];
    notebook.children.forEach((child) => children.push(child));
    assert.deepEqual(children.map((child) => child.label).sort(), ['up', 'wrong']);

    const events: { label: string; verdict: string; messages: vscode.TestMessage[] }[] = [];
    const source = new vscode.CancellationTokenSource();
    await tests.run(new vscode.TestRunRequest([notebook]), 'simulator', source.token, ({ item, verdict, messages }) => events.push({ label: item.label, verdict, messages }));
    source.dispose();
    assert.deepEqual(events.map((event) => `${event.label} ${event.verdict}`), ['up passed', 'wrong failed']);
    const [message] = events[1]!.messages;
    assert.equal(message!.message, 'line 5: expected body.connectionState == 2; body.connectionState is 1');
    const document = vscode.workspace.notebookDocuments.find((open) => open.uri.toString() === uri)!;
    assert.equal(message!.location!.uri.toString(), document.cellAt(2).document.uri.toString(), 'the failure is in the cell');
    assert.equal(message!.location!.range.start.line, 4, 'at the expectation’s line');

    // Re-running the failed test alone runs its notebook (its set-up) and reports only it.
    events.length = 0;
    await tests.run(new vscode.TestRunRequest([children.find((child) => child.label === 'wrong')!]), 'simulator', new vscode.CancellationTokenSource().token, ({ item, verdict, messages }) => events.push({ label: item.label, verdict, messages }));
    assert.deepEqual(events.map((event) => `${event.label} ${event.verdict}`), ['wrong failed']);

    // It follows the file: gone from the workspace, gone from Test Explorer.
    rmSync(file);
    await waitFor('the notebook to leave Test Explorer', () => !tests.controller.items.get(uri), 10_000);
  });
});
