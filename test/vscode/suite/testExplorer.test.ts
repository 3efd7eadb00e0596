// ICWS notebooks in Test Explorer (issue 22), inside VS Code: the controller finds a notebook in
// the workspace and follows it, runs it against a fresh simulator, and reports a failing
// expectation at its line in the notebook cell.
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { rawRequest } from '../../support/http';
import { waitFor } from '../../support/waitFor';
import { connectedSimulator, extensionApi } from './support';

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

/** A notebook file in the workspace, of these request cells (a Markdown heading first). */
function writeNotebook(name: string, requests: string[]): string {
  const file = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, name);
  writeFileSync(file, JSON.stringify({ icwsNotebook: 1, cells: [{ kind: 'markdown', source: '# Checks' }, ...requests.map((source) => ({ kind: 'request', source }))] }));
  return file;
}

/** The notebook's item in Test Explorer, with its tests read. */
async function notebookItem(file: string): Promise<vscode.TestItem> {
  const tests = (await extensionApi()).notebookTests;
  await tests.findNotebooks();
  const item = await waitFor(`${file} in Test Explorer`, () => tests.controller.items.get(vscode.Uri.file(file).toString()));
  await tests.readTests(item);
  return item;
}

const SUBSCRIBE = '# @name watch\nPUT /messaging/subscriptions/queues/debug-queue\n{ "queueIds": [{ "queueType": 1, "queueName": "{userId}" }], "attributeNames": ["Eic_State"] }\n> status 200\n> message queueContentsMessage within 2s';
const WRONG = '# @name wrong\nGET /connection\n> status 200\n> body.connectionState == 2';

describe('Debugging ICWS notebook tests in Test Explorer (inside VS Code)', () => {
  const files: string[] = [];
  after(async () => {
    // A debug run's failure set Traffic's filter and opened the notebook: the suites after this one find neither.
    await vscode.commands.executeCommand('icws.traffic.filter', '');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    files.forEach((file) => rmSync(file, { force: true }));
  });

  it('offers run and debug profiles, against the simulator and against the connected session', async () => {
    const { notebookTests } = await extensionApi();
    const profiles = notebookTests.profiles.map((profile) => `${profile.kind === vscode.TestRunProfileKind.Debug ? 'debug' : 'run'}: ${profile.label}`);
    assert.deepEqual(profiles, ['run: Against the simulator', 'run: Against the connected session', 'debug: Debug against the simulator', 'debug: Debug against the connected session']);
  });

  it('stops a debug run at the first failure, writes its traffic at the cells, records it in Traffic, and keeps the simulator up until stopped', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const failing = writeNotebook('debug-first.icws-notebook', [SUBSCRIBE, WRONG, '# @name later\nGET /connection\n> status 200']);
    const passing = writeNotebook('debug-second.icws-notebook', ['# @name fine\nGET /connection\n> status 200']);
    files.push(failing, passing);
    const [first, second] = [await notebookItem(failing), await notebookItem(passing)];

    const events: string[] = [];
    const messages: vscode.TestMessage[] = [];
    const output: { text: string; location?: vscode.Location }[] = [];
    const source = new vscode.CancellationTokenSource();
    const running = api.notebookTests.run(
      new vscode.TestRunRequest([first, second]),
      'simulator',
      source.token,
      ({ item, verdict, messages: each }) => {
        events.push(`${item.label} ${verdict}`);
        messages.push(...each);
      },
      'debug',
      (text, location) => output.push({ text, ...(location ? { location } : {}) }),
    );
    try {
      const held = await waitFor('the simulator kept up after the failure', () => /The simulator at (http:\/\/127\.0\.0\.1:\d+) stays up/.exec(output.map((line) => line.text).join('')), 30_000);
      // It says how to end it: the notification's only button is "Cancel".
      assert.match(output.map((line) => line.text).join(''), /Stop the debug run \(Test Explorer's Stop, or Cancel on the notification\) to end it/);
      assert.deepEqual(events, ['watch passed', 'wrong failed', 'later skipped', 'fine skipped'], 'the run stops at the first failure, the next notebook too');
      assert.equal((await rawRequest(`${held[1]}/icws/connection/version`)).status, 200, 'the simulator answers while the debug run lasts');

      const document = vscode.workspace.notebookDocuments.find((open) => open.uri.fsPath === failing)!;
      const [wrongCell, watchCell] = [document.cellAt(2).document.uri.toString(), document.cellAt(1).document.uri.toString()];
      assert.equal(messages[0]!.location!.uri.toString(), wrongCell);
      assert.equal(messages[0]!.location!.range.start.line, 3, 'the failure is at its line');
      const at = (cell: string) => output.filter((line) => line.location?.uri.toString() === cell).map((line) => line.text).join('');
      assert.match(at(wrongCell), /→ GET http:\/\/127\.0\.0\.1:\d+\/icws\/\{sessionId\}\/connection\r\n/, 'the request, at its cell');
      assert.match(at(wrongCell), /← 200 in \d+ ms\r\n {2}headers: .*\r\n {2}body: \{.*"connectionState":1/, 'the answer, at its cell');
      assert.match(at(wrongCell), /✘ line 4: expected body\.connectionState == 2; body\.connectionState is 1/);
      assert.match(at(watchCell), /⇠ message queueContentsMessage \(agent1, checked\): \{/, 'the message the expectation checked, at its cell');
      assert.match(at(watchCell), /✔ line 5: message queueContentsMessage within 2s/);
      assert.ok(!output.some((line) => /"password"\s*:\s*"1234"/.test(line.text)), 'the login password is not in the output');

      // Traffic has the run's session under its own name, from its login on; it is shown at the failing request.
      const name = 'test:debug-first.icws-notebook (agent1)';
      const calls = api.traffic.timeline.entries().flatMap((entry) => (entry.kind === 'call' && entry.exchange.sessionName === name ? [entry] : []));
      assert.ok(calls.some((entry) => entry.exchange.method === 'POST' && entry.exchange.template.endsWith('/connection')), 'the login is in Traffic');
      assert.ok(calls.some((entry) => entry.exchange.method === 'PUT'), 'the subscription is in Traffic');
      assert.ok(api.traffic.timeline.entries().some((entry) => entry.kind === 'message' && entry.sessionName === name), 'the run’s messages are in Traffic');
      assert.equal(api.trafficPanel.shownFilter, 'session:test:debug-first.icws-notebook');
      assert.equal(vscode.window.activeNotebookEditor?.notebook.uri.fsPath, failing, 'the notebook is shown');
      assert.equal(vscode.window.activeNotebookEditor?.selection.start, 2, 'at the failing cell');

      source.cancel();
      await running;
      await assert.rejects(rawRequest(`${held[1]}/icws/connection/version`), 'the simulator is stopped with the run');
    } finally {
      source.cancel();
      await running;
      source.dispose();
    }
  });

  describe('against the connected session', () => {
    connectedSimulator();

    it('writes the requests and messages of a debug run without a secret, and stops at the first failure', async function () {
      this.timeout(60_000);
      const api = await extensionApi();
      const file = writeNotebook('debug-session.icws-notebook', [SUBSCRIBE, WRONG]);
      files.push(file);
      const item = await notebookItem(file);
      const events: string[] = [];
      const output: string[] = [];
      // Against a live session nothing is kept up: the run ends after showing the failure.
      await api.notebookTests.run(new vscode.TestRunRequest([item]), 'session', new vscode.CancellationTokenSource().token, ({ item: test, verdict }) => events.push(`${test.label} ${verdict}`), 'debug', (text) => output.push(text));
      assert.deepEqual(events, ['watch passed', 'wrong failed']);
      const text = output.join('');
      assert.match(text, /→ PUT \S+\/icws\/\{sessionId\}\/messaging\/subscriptions\/queues\/debug-queue/);
      assert.match(text, /request headers: .*ININ-ICWS-CSRF-Token/i, 'the headers are there, redacted');
      assert.match(text, /⇠ message queueContentsMessage/);
      const saved = await api.sessions.session!.save();
      for (const [what, secret] of [['session id', saved.sessionId], ['CSRF token', saved.csrfToken], ['cookie value', saved.cookie.split('=')[1]!]] as const) assert.ok(!text.includes(secret), `the ${what} is in the output`);
      assert.equal(vscode.window.activeNotebookEditor?.notebook.uri.fsPath, file, 'the notebook is shown at the failure');
    });
  });
});
