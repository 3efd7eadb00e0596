import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConsultTransfer } from '../../../src/icws';
import type { IcwsSimulator } from '../../../src/simulator';
import { useScratch } from '../../support/scratch';
import { createCall } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connectedSimulator, extensionApi } from './support';

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
      const all = api.traffic.recorder.entries();
      const index = all.findIndex((e) => e.kind === 'call' && e.exchange.template === '/icws/{sessionId}/interactions/{interactionId}/consult' && e.exchange.url.includes(`/${id}/`));
      return index >= 0 && all.slice(index + 1).some((e) => e.kind === 'message' && JSON.stringify(e.message).includes(consult.consultInteractionId)) ? all : undefined;
    });
    const call = entries.find((e) => e.kind === 'call' && e.exchange.template.endsWith('/consult') && e.exchange.url.includes(`/${id}/`))!;
    assert.equal(call.kind === 'call' && call.exchange.status, 201);
    assert.equal(call.kind === 'call' && call.exchange.url.includes(`/icws/{sessionId}/interactions/${id}/consult`), true);
    // Open in Notebook: the same request as a cell, to change and send from there.
    const editor = (await api.traffic.toNotebook(call.seq)) as vscode.NotebookEditor;
    assert.equal(editor.notebook.notebookType, 'icws-notebook');
    assert.equal(editor.notebook.cellAt(1).document.getText(), `POST /interactions/${id}/consult\n{\n  "target": "7002"\n}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('icws.cancelConsult', consult);
  });

  it('saves the timeline as JSON lines and opens it again', async () => {
    const api = await extensionApi();
    const before = api.traffic.recorder.size;
    const file = vscode.Uri.file(join(scratch(), 'capture.jsonl'));
    await api.traffic.save(file);
    api.traffic.recorder.clear();
    const loaded = await api.traffic.open(file);
    assert.equal(loaded, before);
    assert.ok(api.traffic.recorder.entries().some((e) => e.kind === 'call' && e.exchange.template === '/icws/connection'));
  });

  it('exports a HAR 1.2 archive without secrets that opens back to the same timeline', async () => {
    const api = await extensionApi();
    const session = api.sessions.session!;
    const saved = await session.save();
    const file = vscode.Uri.file(join(scratch(), 'capture.har'));
    const before = api.traffic.recorder.entries();
    await api.traffic.save(file, 'har');
    const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    const har = JSON.parse(text);
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.creator.name, 'ICWS Interactions');
    for (const secret of [saved.csrfToken, saved.sessionId, saved.cookie.split('=')[1]!]) assert.ok(!text.includes(secret), 'a secret is in the archive');
    api.traffic.recorder.clear();
    const loaded = await api.traffic.open(file);
    // The same entries (numbered anew, so compared without their numbers).
    const withoutSeq = (entries: readonly { seq: number }[]) => JSON.parse(JSON.stringify(entries.map(({ seq: _seq, ...rest }) => rest)));
    assert.deepEqual(withoutSeq(api.traffic.recorder.entries()), withoutSeq(before));
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
    const pickup = api.traffic.recorder.entries().find((e) => e.kind === 'call' && e.exchange.url.endsWith(`/${id}/pickup`))!;
    const operation = 'POST /icws/{sessionId}/interactions/{interactionId}/pickup';
    const sent = simulator.requestCounts.get(operation) ?? 0;
    const replayed = await api.traffic.replay(pickup.seq, true);
    assert.equal(simulator.requestCounts.get(operation), sent + 1, 'sent once');
    assert.ok(replayed?.kind === 'call' && replayed.exchange.status === 200 && replayed.exchange.operation.startsWith('replay of POST'));
    await waitFor('picked up again', () => simulator.callCenter.find(id)?.attributes.get('eic_state')?.value === 'C');
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('does no page work while the view is hidden, and keeps no more than its capacity', async () => {
    const api = await extensionApi();
    assert.equal(api.traffic.isVisible, false, 'the Traffic view starts collapsed');
    const posted = api.traffic.postedMessages;
    const before = api.traffic.recorder.stats.calls + api.traffic.recorder.stats.messages;
    const id = await createCall(simulator, { to: 'agent1', name: 'Hidden View Caller' });
    await waitFor('the call', () => api.tree.findNode(id));
    await waitFor('recorded traffic', () => api.traffic.recorder.stats.calls + api.traffic.recorder.stats.messages > before);
    assert.equal(api.traffic.postedMessages, posted, 'the hidden page was sent messages');
    await vscode.workspace.getConfiguration('icws').update('traffic.capacity', 100, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the smaller ring', () => api.traffic.recorder.capacity === 100);
      for (let i = 0; i < 60; i++) await vscode.commands.executeCommand('icws.refresh');
      await waitFor('more traffic than the capacity', () => api.traffic.recorder.stats.calls + api.traffic.recorder.stats.messages > before + 100);
      assert.ok(api.traffic.recorder.size <= 100, `${api.traffic.recorder.size} entries kept`);
    } finally {
      await vscode.workspace.getConfiguration('icws').update('traffic.capacity', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
