// Everything that follows "the session" follows a new one after disconnect and connect (the tree,
// the JSON documents, the traffic timeline, the public API, the Accounts menu), and nothing keeps
// listening to the one that went: its events reach nobody.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Emitter, IcwsSession } from '../../../src/icws';
import type { IcwsSimulator } from '../../../src/simulator';
import type { IcwsPublicApi } from '../../../src/vscode/api/publicApi';
import { createCall, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connect, EXTENSION_ID, extensionApi } from './support';

/** The emitters behind the session events the extension subscribes to (private fields, read for this check only). */
function sessionEmitters(session: IcwsSession): Record<string, Emitter<unknown>> {
  const fields = (owner: object, ...names: string[]) => Object.fromEntries(names.map((name) => [name, (owner as Record<string, Emitter<unknown>>)[name]!]));
  const { endEmitter } = fields(session, 'endEmitter');
  const { stateEmitter } = fields(session.messages, 'stateEmitter');
  const cache = fields(session.queues.cache, 'changeEmitter', 'morphEmitter');
  const { changeEmitter: statusEmitter } = fields(session.status, 'changeEmitter');
  return { onDidEnd: endEmitter!, 'messages.onDidChangeState': stateEmitter!, 'cache.onDidChange': cache.changeEmitter!, 'cache.onDidMorph': cache.morphEmitter!, 'status.onDidChange': statusEmitter! };
}

function listenerCounts(session: IcwsSession): Record<string, number> {
  return Object.fromEntries(Object.entries(sessionEmitters(session)).map(([name, emitter]) => [name, emitter.listenerCount]));
}

describe('following the session (inside VS Code)', () => {
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator({ pace: 'extension' })));
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await simulator.stop();
  });

  it('leaves no listener on a session that was disconnected, and attaches the same ones to the next', async () => {
    const api = await extensionApi();
    await connect(simulator);
    const first = api.sessions.session!;
    const live = listenerCounts(first);
    assert.ok(live['onDidEnd']! > 0 && live['messages.onDidChangeState']! > 0 && live['cache.onDidChange']! > 0, `listening while live: ${JSON.stringify(live)}`);
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    assert.deepEqual(api.sessions.sessions, []);
    assert.deepEqual(listenerCounts(first), Object.fromEntries(Object.keys(live).map((name) => [name, 0])));
    await connect(simulator);
    const second = api.sessions.session!;
    assert.notEqual(second, first);
    assert.deepEqual(listenerCounts(second), live, 'a new session gets as many listeners as the first had');
  });

  it('leaves no listener on a session the server ended', async () => {
    const api = await extensionApi();
    const ended = api.sessions.session!;
    const reason = 'ended by the test';
    await fetch(`${simulator.url}/simulator/sessions/${ended.sessionId}/end`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason, shouldReconnect: false }) });
    await waitFor('the session to end', () => api.sessions.status === 'offline');
    assert.deepEqual(api.sessions.sessions, []);
    assert.ok(Object.values(listenerCounts(ended)).every((count) => count === 0), JSON.stringify(listenerCounts(ended)));
    // The ending asks the user what next; the test answers by connecting.
    await connect(simulator);
  });

  it('shows the new session in the tree, its documents, the traffic timeline, the public API and the Accounts menu', async () => {
    const api = await extensionApi();
    const publicApi = vscode.extensions.getExtension<IcwsPublicApi>(EXTENSION_ID)!.exports;
    const before = await createCall(simulator, { to: 'agent1', name: 'Before' });
    await waitFor('the first call in the tree', () => api.tree.findNode(before));
    const uri = await vscode.commands.executeCommand<string>('icws.showInteraction', before);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
    assert.equal(JSON.parse(document.getText()).interactionId, before);
    const oldAccount = (await api.accounts.getSessions())[0]!.id;

    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await waitFor('the document to say not connected', () => /Not connected/.test(document.getText()));
    assert.deepEqual(publicApi.interactions(), []);
    assert.equal(api.tree.getChildren().length, 0);
    assert.equal(api.traffic.session, undefined);
    assert.deepEqual(await api.accounts.getSessions(), []);

    let interactionsChanged = 0;
    const listener = publicApi.onDidChangeInteractions(() => interactionsChanged++);
    await connect(simulator, 'agent2');
    const second = api.sessions.session!;
    assert.equal(api.traffic.session, second, 'replays go to the new session');
    assert.notEqual((await api.accounts.getSessions())[0]?.id, oldAccount);
    const messagesBefore = api.traffic.timeline.entries().filter((entry) => entry.kind === 'message').length;
    const after = await createCall(simulator, { to: 'agent2', name: 'After' });
    await waitFor('the new session’s call in the tree', () => api.tree.findNode(after));
    await waitFor('the call in the public API', () => publicApi.interactions().some((item) => item.interactionId === after));
    assert.ok(interactionsChanged > 0);
    listener.dispose();
    await waitFor('the new session’s messages in the traffic timeline', () => api.traffic.timeline.entries().filter((entry) => entry.kind === 'message').length > messagesBefore);
    const newUri = await vscode.commands.executeCommand<string>('icws.showInteraction', after);
    const newDocument = vscode.workspace.textDocuments.find((d) => d.uri.toString() === newUri)!;
    assert.equal(JSON.parse(newDocument.getText()).attributes.Eic_RemoteName, 'After');
    await vscode.commands.executeCommand('icws.pickup', after);
    await waitFor('the document to follow the new session', () => JSON.parse(newDocument.getText()).attributes.Eic_State === 'C');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
