import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConsultTransfer } from '../../../src/icws';
import type { IcwsSimulator } from '../../../src/simulator';
import { TRAFFIC_COMMAND } from '../../../src/vscode/commands/traffic/trafficCommandIds';
import { useScratch } from '../../support/scratch';
import { createCall } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connectedSimulator, EXTENSION_ID, extensionApi } from './support';

/** Opens a traffic file as the Explorer's context menu does; the panel it shows is closed again (a test below needs it hidden). */
async function openTrafficFile(file: vscode.Uri): Promise<number | undefined> {
  const loaded = await vscode.commands.executeCommand<number | undefined>('icws.openTraffic', file);
  await vscode.commands.executeCommand('workbench.action.closePanel');
  return loaded;
}

describe('traffic timeline (inside VS Code)', () => {
  const current = connectedSimulator();
  const scratch = useScratch('traffic');
  let simulator: IcwsSimulator;
  before(() => (simulator = current()));

  it('records the consult request and the queue messages that followed it', async () => {
    const api = await extensionApi();
    const id = await createCall(simulator, { to: 'agent1', name: 'Traffic Caller' });
    await waitFor('call', () => api.tree.findNode(id));
    await vscode.commands.executeCommand('icws.pickup', id);
    await waitFor('connected', () => simulator.callCenter.find(id)?.attributes.get('eic_state')?.value === 'C');
    const consult = await vscode.commands.executeCommand<ConsultTransfer>('icws.consultTransfer', id, { target: '7002' });
    const entries = await waitFor('messages after the consult', () => {
      const all = api.traffic.timeline.entries();
      const index = all.findIndex((e) => e.kind === 'call' && e.exchange.template === '/icws/{sessionId}/interactions/{interactionId}/consult' && e.exchange.url.includes(`/${id}/`));
      return index >= 0 && all.slice(index + 1).some((e) => e.kind === 'message' && JSON.stringify(e.message).includes(consult.consultInteractionId)) ? all : undefined;
    });
    const call = entries.find((e) => e.kind === 'call' && e.exchange.template.endsWith('/consult') && e.exchange.url.includes(`/${id}/`))!;
    assert.equal(call.kind === 'call' && call.exchange.status, 201);
    assert.equal(call.kind === 'call' && call.exchange.url.includes(`/icws/{sessionId}/interactions/${id}/consult`), true);
    // Open in Notebook: the same request as a cell, to change and send from there.
    const editor = (await vscode.commands.executeCommand('icws.traffic.openInNotebook', call.seq)) as vscode.NotebookEditor;
    assert.equal(editor.notebook.notebookType, 'icws-notebook');
    assert.equal(editor.notebook.cellAt(1).document.getText(), `POST /interactions/${id}/consult\n{\n  "target": "7002"\n}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('icws.cancelConsult', consult);
  });

  it('saves the timeline as JSON lines and opens it again', async () => {
    const api = await extensionApi();
    const before = api.traffic.timeline.size;
    const file = vscode.Uri.file(join(scratch(), 'capture.jsonl'));
    assert.equal((await vscode.commands.executeCommand<vscode.Uri>('icws.traffic.save', file)).toString(), file.toString());
    await vscode.commands.executeCommand('icws.traffic.clear');
    assert.equal(api.traffic.timeline.size, 0);
    const loaded = await openTrafficFile(file);
    assert.equal(loaded, before);
    assert.ok(api.traffic.timeline.entries().some((e) => e.kind === 'call' && e.exchange.template === '/icws/connection'));
  });

  it('exports a HAR 1.2 archive without secrets that opens back to the same timeline', async () => {
    const api = await extensionApi();
    const session = api.sessions.session!;
    const saved = await session.save();
    const file = vscode.Uri.file(join(scratch(), 'capture.har'));
    const before = api.traffic.timeline.entries();
    await vscode.commands.executeCommand('icws.traffic.exportHar', file);
    const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    const har = JSON.parse(text);
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.creator.name, 'ICWS Interactions');
    for (const secret of [saved.csrfToken, saved.sessionId, saved.cookie.split('=')[1]!]) assert.ok(!text.includes(secret), 'a secret is in the archive');
    api.traffic.timeline.clear();
    const loaded = await openTrafficFile(file);
    // The same entries (numbered anew, so compared without their numbers).
    const withoutSeq = (entries: readonly { seq: number }[]) => JSON.parse(JSON.stringify(entries.map(({ seq: _seq, ...rest }) => rest)));
    assert.deepEqual(withoutSeq(api.traffic.timeline.entries()), withoutSeq(before));
    assert.equal(loaded, before.length);
  });

  it('replays a recorded request once with the current session', async () => {
    const api = await extensionApi();
    const id = await createCall(simulator, { to: 'agent1', name: 'Replay Caller' });
    await waitFor('call', () => api.tree.findNode(id));
    await vscode.commands.executeCommand('icws.pickup', id);
    await waitFor('connected', () => simulator.callCenter.find(id)?.attributes.get('eic_state')?.value === 'C');
    await vscode.commands.executeCommand('icws.hold', id);
    await waitFor('held', () => simulator.callCenter.find(id)?.attributes.get('eic_state')?.value === 'H');
    const pickup = api.traffic.timeline.entries().find((e) => e.kind === 'call' && e.exchange.url.endsWith(`/${id}/pickup`));
    assert.ok(pickup?.kind === 'call');
    const operation = 'POST /icws/{sessionId}/interactions/{interactionId}/pickup';
    const sent = simulator.requestCounts.get(operation) ?? 0;
    // What icws.traffic.replay does once its modal is answered (a test cannot answer a modal).
    const { replayed, error } = await api.traffic.replay(pickup, api.sessions.session!);
    assert.equal(error, undefined);
    assert.equal(simulator.requestCounts.get(operation), sent + 1, 'sent once');
    assert.ok(replayed?.kind === 'call' && replayed.exchange.status === 200 && replayed.exchange.operation.startsWith('replay of POST'));
    await waitFor('picked up again', () => simulator.callCenter.find(id)?.attributes.get('eic_state')?.value === 'C');
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('runs the traffic commands as the palette does: on an entry id, on a picked entry, and export HAR to a target', async () => {
    const api = await extensionApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = new Map((extension.packageJSON.contributes.commands as { command: string; category?: string }[]).map((c) => [c.command, c.category]));
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(TRAFFIC_COMMAND)) {
      assert.equal(contributed.get(id), 'ICWS', `${id} is not on the palette under ICWS`);
      assert.ok(registered.has(id), `${id} is not registered`);
    }
    const entries = api.traffic.timeline.entries();
    const call = entries.filter((e) => e.kind === 'call' && e.exchange.method === 'POST').at(-1);
    const message = entries.find((e) => e.kind === 'message');
    assert.ok(call?.kind === 'call' && message);
    const sessionId = api.sessions.session!.sessionId;

    // With the entry's id (the panel's buttons pass it too): curl, with the session's secrets as variables.
    await vscode.env.clipboard.writeText('');
    const curl = await vscode.commands.executeCommand<string>(TRAFFIC_COMMAND.copyAsCurl, call.seq);
    assert.equal(await vscode.env.clipboard.readText(), curl);
    assert.ok(curl.startsWith(`curl -g -X POST '${call.exchange.url.split('{sessionId}')[0]}'"$ICWS_SESSION_ID"`), curl);
    assert.ok(!curl.includes(sessionId), 'the session id is in the copied command');
    // A message is not a request: nothing is copied.
    assert.equal(await vscode.commands.executeCommand(TRAFFIC_COMMAND.copyAsCurl, message.seq), undefined);
    assert.equal(await vscode.env.clipboard.readText(), curl);

    // Without an argument and with no entry selected in the panel: a pick of the recent requests, newest first.
    let settled = false;
    const copying = Promise.resolve(vscode.commands.executeCommand<string | undefined>(TRAFFIC_COMMAND.copyAsFetch)).finally(() => (settled = true));
    await waitFor('the pick of recent requests, accepted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    });
    const fetched = await copying;
    assert.ok(fetched?.startsWith('await fetch('), String(fetched));
    assert.equal(await vscode.env.clipboard.readText(), fetched);

    // Export HAR to the target given, without a dialog.
    const file = vscode.Uri.file(join(scratch(), 'palette.har'));
    const written = await vscode.commands.executeCommand<vscode.Uri>(TRAFFIC_COMMAND.exportHar, file);
    assert.equal(written.toString(), file.toString());
    const har = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8')) as { log: { entries: { request: { url: string } }[] } };
    assert.ok(har.log.entries.some((e) => e.request.url === call.exchange.url), 'the call is not in the archive');
  });

  it('filters from the palette, and exports only what the filter shows (Export HAR with a target still exports everything)', async () => {
    const api = await extensionApi();
    const shown = await vscode.commands.executeCommand<number>(TRAFFIC_COMMAND.filter, 'is:request /consult');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    try {
      assert.equal(api.trafficPanel.shownFilter, 'is:request /consult');
      assert.ok(shown >= 1 && shown < api.traffic.timeline.size, `${shown} of ${api.traffic.timeline.size} entries shown`);
      type Archive = { log: { entries: { request: { url: string } }[]; _icwsMessages: unknown[] } };
      const read = async (file: vscode.Uri) => JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8')) as Archive;
      const shownFile = vscode.Uri.file(join(scratch(), 'shown.har'));
      await vscode.commands.executeCommand(TRAFFIC_COMMAND.exportShownHar, shownFile);
      const har = await read(shownFile);
      assert.equal(har.log.entries.length, shown);
      assert.equal(har.log._icwsMessages.length, 0);
      for (const entry of har.log.entries) assert.match(entry.request.url, /\/consult/);
      const allFile = vscode.Uri.file(join(scratch(), 'all.har'));
      await vscode.commands.executeCommand(TRAFFIC_COMMAND.exportHar, allFile);
      const all = await read(allFile);
      assert.ok(all.log.entries.length + all.log._icwsMessages.length > shown, 'a target given exports the whole timeline');
    } finally {
      await vscode.commands.executeCommand(TRAFFIC_COMMAND.filter, '');
      await vscode.commands.executeCommand('workbench.action.closePanel');
    }
  });

  it('does no page work while the view is hidden, and keeps no more than its capacity', async () => {
    const api = await extensionApi();
    assert.equal(api.trafficPanel.isVisible, false, 'the Traffic view is hidden');
    const posted = api.trafficPanel.postedMessages;
    const before = api.traffic.timeline.stats.calls + api.traffic.timeline.stats.messages;
    const id = await createCall(simulator, { to: 'agent1', name: 'Hidden View Caller' });
    await waitFor('the call', () => api.tree.findNode(id));
    await waitFor('recorded traffic', () => api.traffic.timeline.stats.calls + api.traffic.timeline.stats.messages > before);
    assert.equal(api.trafficPanel.postedMessages, posted, 'the hidden page was sent messages');
    await vscode.workspace.getConfiguration('icws').update('traffic.capacity', 100, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the smaller ring', () => api.traffic.timeline.capacity === 100);
      for (let i = 0; i < 60; i++) await vscode.commands.executeCommand('icws.refresh');
      await waitFor('more traffic than the capacity', () => api.traffic.timeline.stats.calls + api.traffic.timeline.stats.messages > before + 100);
      assert.ok(api.traffic.timeline.size <= 100, `${api.traffic.timeline.size} entries kept`);
    } finally {
      await vscode.workspace.getConfiguration('icws').update('traffic.capacity', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('saves the requests an array of seqs names as a test (a notebook of only those requests, green against a fresh simulator), and refuses a list without a request', async function () {
    this.timeout(90_000);
    const api = await extensionApi();
    const id = await createCall(simulator, { to: 'agent1', name: 'Saved Test Caller' });
    await waitFor('call', () => api.tree.findNode(id));
    await vscode.commands.executeCommand('icws.pickup', id);
    // As a person would: the call shows Connected (its message came) before the consult.
    await waitFor('connected', () => api.traffic.timeline.entries().some((e) => e.kind === 'message' && JSON.stringify(e.message).includes(id) && JSON.stringify(e.message).includes('"Eic_State":"C"')));
    const consult = await vscode.commands.executeCommand<ConsultTransfer>('icws.consultTransfer', id, { target: '7002' });
    const find = (suffix: string) => api.traffic.timeline.entries().find((e) => e.kind === 'call' && e.exchange.url.endsWith(`/${id}/${suffix}`));
    await waitFor('the consult leg in a message', () => api.traffic.timeline.entries().some((e) => e.kind === 'message' && e.seq > find('consult')!.seq && JSON.stringify(e.message).includes(consult.consultInteractionId)));
    const [pickup, consultEntry] = [find('pickup')!, find('consult')!];
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const uri = vscode.Uri.joinPath(folder, 'saved-consult.icws-notebook');
    const scenario = vscode.Uri.joinPath(folder, 'saved-consult.icws-scenario.json');
    const savedScenario = vscode.Uri.joinPath(folder, 'saved-consult-2.icws-scenario.json');
    // A scenario of the developer's own where Save as Test would put its own: kept, not replaced.
    const ownScenario = `${JSON.stringify({ name: 'my own scenario', calls: [{ at: '0ms', to: 'agent1' }] })}\n`;
    await vscode.workspace.fs.writeFile(scenario, Buffer.from(ownScenario, 'utf8'));
    try {
      // Not a list of seqs: said so, nothing written.
      assert.equal(await vscode.commands.executeCommand(TRAFFIC_COMMAND.saveAsTest, ['pickup'], uri), undefined);
      // Only messages, or entries gone from the timeline: refused with a message, nothing written.
      const message = api.traffic.timeline.entries().find((e) => e.kind === 'message' && e.seq > pickup.seq)!;
      assert.equal(await vscode.commands.executeCommand(TRAFFIC_COMMAND.saveAsTest, [message.seq], uri), undefined);
      assert.equal(await vscode.commands.executeCommand(TRAFFIC_COMMAND.saveAsTest, [Number.MAX_SAFE_INTEGER], uri), undefined);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri)), 'a notebook was written for a selection without a request');
      assert.equal((await vscode.commands.executeCommand<vscode.Uri>(TRAFFIC_COMMAND.saveAsTest, [pickup.seq, consultEntry.seq], uri)).toString(), uri.toString());
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const saved = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as { cells: { kind: string; source: string }[]; metadata: { scenario: string } };
      assert.equal(saved.metadata.scenario, 'saved-consult-2.icws-scenario.json', 'the saved test names its own scenario');
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(scenario)).toString('utf8'), ownScenario, "the developer's scenario was replaced");
      // Saved again: its own scenario is replaced, no third one made.
      await vscode.commands.executeCommand(TRAFFIC_COMMAND.saveAsTest, [pickup.seq, consultEntry.seq], uri);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.equal((JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as typeof saved).metadata.scenario, 'saved-consult-2.icws-scenario.json');
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'saved-consult-3.icws-scenario.json'))));
      const tests = saved.cells.filter((cell) => cell.kind === 'request' && /^> /m.test(cell.source)).map((cell) => cell.source);
      assert.equal(tests.length, 2, tests.join('\n---\n'));
      assert.match(tests[0]!, /^# @name step1\nPOST \/interactions\/\d+\/pickup\n/);
      assert.match(tests[0]!, /\n> message queueContentsMessage within \d+s where interactionsChanged\[interactionId=\d+\]\.attributes\.Eic_State == "C"/, 'what followed the pickup is expected');
      assert.match(tests[1]!, /^# @name step2\nPOST \/interactions\/\d+\/consult\n/);
      for (const cell of saved.cells.filter((c) => c.kind === 'request' && !/^> /m.test(c.source))) assert.match(cell.source, /^# @name setup\d+\n# Set-up: .*\nPUT \/messaging\/subscriptions\//, 'only subscriptions come as set-up');
      const secrets = await api.sessions.session!.save();
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      for (const secret of [secrets.csrfToken, secrets.sessionId]) assert.ok(!text.includes(secret), 'a secret is in the saved test');

      // Test Explorer runs it against a fresh simulator with the scenario saved beside it: green.
      const controller = api.notebookTests;
      await controller.findNotebooks();
      const item = await waitFor('the saved notebook in Test Explorer', () => controller.controller.items.get(uri.toString()));
      await controller.readTests(item);
      const verdicts: string[] = [];
      const source = new vscode.CancellationTokenSource();
      await controller.run(new vscode.TestRunRequest([item]), 'simulator', source.token, ({ item: test, verdict, messages }) => verdicts.push(`${test.label} ${verdict}${messages.length ? `: ${messages.map((m) => String(m.message)).join('; ')}` : ''}`));
      source.dispose();
      assert.deepEqual(verdicts, ['step1 passed', 'step2 passed']);
    } finally {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(scenario).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(savedScenario).then(undefined, () => undefined);
      await vscode.commands.executeCommand('icws.cancelConsult', consult);
    }
  });
  it('saves only the requests the Traffic filter shows when no rows are selected, and refuses a filter that shows no request', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const id = await createCall(simulator, { to: 'agent1', name: 'Filtered Test Caller' });
    await waitFor('call', () => api.tree.findNode(id));
    await vscode.commands.executeCommand('icws.pickup', id);
    await waitFor('the pickup recorded', () => api.traffic.timeline.entries().some((e) => e.kind === 'call' && e.exchange.url.endsWith(`/${id}/pickup`)));
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const uri = vscode.Uri.joinPath(folder, 'filtered.icws-notebook');
    const scenario = vscode.Uri.joinPath(folder, 'filtered.icws-scenario.json');
    try {
      // A filter that shows only messages: said so, nothing written.
      await vscode.commands.executeCommand(TRAFFIC_COMMAND.filter, 'is:message');
      assert.equal(await vscode.commands.executeCommand(TRAFFIC_COMMAND.saveAsTest, uri), undefined);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri)), 'a notebook was written for a filter that shows no request');
      // The filter shows this call's pickup: that is the one test, not the whole timeline's requests.
      await vscode.commands.executeCommand(TRAFFIC_COMMAND.filter, `id:${id} method:POST`);
      assert.equal((await vscode.commands.executeCommand<vscode.Uri>(TRAFFIC_COMMAND.saveAsTest, uri)).toString(), uri.toString());
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const saved = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as { cells: { kind: string; source: string }[] };
      const tests = saved.cells.filter((cell) => cell.kind === 'request' && /^> /m.test(cell.source)).map((cell) => cell.source);
      assert.equal(tests.length, 1, tests.join('\n---\n'));
      assert.match(tests[0]!, /^# @name step1\nPOST \/interactions\/\d+\/pickup\n/);
    } finally {
      await vscode.commands.executeCommand(TRAFFIC_COMMAND.filter, '');
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(scenario).then(undefined, () => undefined);
      await vscode.commands.executeCommand('icws.disconnectInteraction', id);
    }
  });
});
