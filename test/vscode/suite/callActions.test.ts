import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { QueueType } from '../../../src/icws';
import { InteractionDocuments } from '../../../src/vscode/documents/InteractionDocuments';
import type { IcwsSimulator } from '../../../src/simulator';
import { connectedCall } from '../../support/calls';
import { createCall } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connectedSimulator, extensionApi, extensionSide, rowDescription } from './support';

describe('call actions with arguments (inside VS Code)', () => {
  const current = connectedSimulator();
  let simulator: IcwsSimulator;
  before(() => (simulator = current()));

  const simulated = (id: string, name: string) => simulator.callCenter.find(id)?.attributes.get(name.toLowerCase())?.value;

  it('records, pauses and resumes, shows it on the row, and offers the menu entries by state', async () => {
    const api = await extensionApi();
    const id = await connectedCall(simulator, extensionSide);
    assert.match(api.tree.getTreeItem(api.tree.findNode(id)!).contextValue!, /\bcanRecord\b.*\bnotRecorded\b/);
    assert.doesNotMatch(api.tree.getTreeItem(api.tree.findNode(id)!).contextValue!, /\bisRecorded\b/);
    assert.equal(await vscode.commands.executeCommand('icws.record', id), true);
    await waitFor('recording on the row', async () => /· recording$/.test(await rowDescription(id)));
    assert.equal(simulated(id, 'Eic_Recorders'), 'agent1');
    assert.match(api.tree.getTreeItem(api.tree.findNode(id)!).contextValue!, /\bisRecorded\b/);
    assert.equal(await vscode.commands.executeCommand('icws.pauseRecording', id), true);
    await waitFor('paused on the row', async () => /recording paused/.test(await rowDescription(id)));
    await vscode.commands.executeCommand('icws.pauseRecording', id, false);
    await waitFor('resumed', () => simulated(id, 'Eic_RecordingPaused') === '0');
    await vscode.commands.executeCommand('icws.record', id, false);
    await waitFor('stopped', () => simulated(id, 'Eic_Recorders') === '');
  });

  it('pauses securely for 30 seconds with a countdown on the row, and resumes', async () => {
    const id = await connectedCall(simulator, extensionSide);
    assert.equal(await vscode.commands.executeCommand('icws.securePause', id, { type: 'duration', seconds: 30 }), true);
    const first = await waitFor('a countdown', async () => (await rowDescription(id)).match(/secure pause 0:(\d\d)/)?.[1]);
    const later = await waitFor('the countdown moving', async () => {
      const now = (await rowDescription(id)).match(/secure pause 0:(\d\d)/)?.[1];
      return now !== undefined && Number(now) < Number(first) ? now : undefined;
    }, 4_000);
    assert.ok(Number(later) < Number(first));
    await vscode.commands.executeCommand('icws.securePause', id, { type: 'resume' });
    await waitFor('resumed', async () => !/secure pause/.test(await rowDescription(id)));
  });

  it('sends digits once for a double click, and refuses bad digits before sending', async () => {
    const id = await connectedCall(simulator, extensionSide);
    const route = 'POST /icws/{sessionId}/interactions/{interactionId}/send-digits';
    const before = simulator.requestCounts.get(route) ?? 0;
    const results = await Promise.all([vscode.commands.executeCommand('icws.sendDigits', id, '1234#'), vscode.commands.executeCommand('icws.sendDigits', id, '1234#')]);
    assert.deepEqual(results.sort(), [false, true]);
    assert.equal(simulator.requestCounts.get(route), before + 1);
    assert.equal(simulated(id, 'Eic_LastDtmfDigits'), '1234#');
    assert.equal(await vscode.commands.executeCommand('icws.sendDigits', id, '12 x'), false);
    assert.equal(simulator.requestCounts.get(route), before + 1);
  });

  it('marks private, sets attributes, and parks on a queue', async () => {
    const api = await extensionApi();
    const id = await connectedCall(simulator, extensionSide);
    await vscode.commands.executeCommand('icws.makePrivate', id);
    await waitFor('private on the row', async () => /private/.test(await rowDescription(id)));
    assert.equal(await vscode.commands.executeCommand('icws.setAttributes', id, { AccountNumber: '12345' }), true);
    assert.equal(simulated(id, 'AccountNumber'), '12345');
    // Attributes the watcher does not subscribe to are not in queue messages: watch this one too.
    await vscode.workspace.getConfiguration('icws').update('extraAttributes', ['AccountNumber'], vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the attribute in the cache', () => api.sessions.session?.queues.cache.find(id)?.attributes.accountnumber === '12345', 5_000);
      await vscode.commands.executeCommand('icws.setAttributes', id, { AccountNumber: '67890' });
      const document = await vscode.workspace.openTextDocument(InteractionDocuments.uriFor(id));
      await waitFor('the JSON document marks the change', () => /"changedInLastMessage": \[\s*"AccountNumber"\s*\]/.test(document.getText()) || undefined);
      const tooltip = api.tree.resolveTreeItem(api.tree.getTreeItem(api.tree.findNode(id)!), api.tree.findNode(id)!).tooltip as vscode.MarkdownString;
      assert.match(tooltip.value, /AccountNumber ● \| 67890/);
    } finally {
      await vscode.workspace.getConfiguration('icws').update('extraAttributes', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(await vscode.commands.executeCommand('icws.park', id, { queueID: { queueType: QueueType.Workgroup, queueName: 'Support' } }), true);
    await waitFor('the row leaves my queue', () => !api.tree.findNode(id));
    assert.equal(simulated(id, 'Eic_State'), 'P');
  });

  it("transfers to a user's voicemail and sends an alerting call to mine", async () => {
    const api = await extensionApi();
    const id = await connectedCall(simulator, extensionSide);
    assert.equal(await vscode.commands.executeCommand('icws.transferToVoicemail', id, { target: 'agent2' }), true);
    await waitFor('gone', () => !api.tree.findNode(id));
    const ringing = await createCall(simulator, { to: 'agent1', name: 'Ringing Caller' });
    await waitFor('the row', () => api.tree.findNode(ringing));
    assert.match(api.tree.getTreeItem(api.tree.findNode(ringing)!).contextValue!, /\bcanVoicemail\b/);
    assert.equal(await vscode.commands.executeCommand('icws.sendToVoicemail', ringing), true);
    await waitFor('gone too', () => !api.tree.findNode(ringing));
    assert.equal(simulated(ringing, 'Eic_VoicemailOwner'), 'agent1');
  });

  it('makes a conference of two calls by arguments; the parties nest under the conference row', async () => {
    const api = await extensionApi();
    const first = await connectedCall(simulator, extensionSide);
    await vscode.commands.executeCommand('icws.hold', first, true);
    const second = await connectedCall(simulator, extensionSide);
    const conferenceId = await vscode.commands.executeCommand<string>('icws.conference', { interactions: [first, second] });
    assert.equal(typeof conferenceId, 'string');
    const node = await waitFor('the conference row with both parties under it', () => {
      const row = api.tree.findNode(conferenceId);
      if (!row) return undefined;
      const children = api.tree.getChildren(row).map((child) => (child as { interactionId?: string }).interactionId);
      return children.includes(first) && children.includes(second) ? row : undefined;
    });
    assert.equal(api.tree.getTreeItem(node).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(api.tree.getParent(api.tree.findNode(first)!), node);
    assert.equal(await vscode.commands.executeCommand('icws.conference', conferenceId, { target: '7003' }), true);
    await waitFor('a third party', () => api.tree.getChildren(api.tree.findNode(conferenceId)!).length === 3);
    await vscode.commands.executeCommand('icws.disconnectInteraction', conferenceId);
    await waitFor('the conference gone', () => !api.tree.findNode(conferenceId), 5_000);
  });
});
