import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { type ConsultTransfer, QueueType } from '../../../src/icws';
import type { IcwsSimulator } from '../../../src/simulator';
import type { InteractionNode, QueueNode } from '../../../src/vscode/tree/InteractionsTreeProvider';
import { connectedCall } from '../../support/calls';
import { createCall, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connect, extensionApi, extensionSide } from './support';

const SALES = { queueType: QueueType.Workgroup, queueName: 'Sales' };

describe('commands with arguments (inside VS Code)', () => {
  let simulator: IcwsSimulator;

  before(async () => {
    simulator = await startSimulator({ pace: 'extension' });
    await connect(simulator);
  });
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await vscode.workspace.getConfiguration('icws').update('watchedQueues', [], vscode.ConfigurationTarget.Global);
    await simulator.stop();
  });

  function state(id: string): string | undefined {
    return simulator.callCenter.find(id)?.attributes.get('eic_state')?.value;
  }

  async function treeRows(): Promise<{ queue: QueueNode; rows: InteractionNode[] }[]> {
    const api = await extensionApi();
    return api.tree.getChildren().map((queue) => ({ queue: queue as QueueNode, rows: api.tree.getChildren(queue) as InteractionNode[] }));
  }

  async function rowFor(interactionId: string): Promise<vscode.TreeItem | undefined> {
    const api = await extensionApi();
    const node = api.tree.findNode(interactionId);
    return node ? api.tree.getTreeItem(node) : undefined;
  }

  async function ringingCall(name = 'ACME Corp'): Promise<string> {
    const id = await createCall(simulator, { to: 'agent1', from: '+13175550100', name });
    await waitFor('the call in the tree', () => rowFor(id));
    return id;
  }

  it('shows a ringing call with its name, number, state and a context value that allows pickup', async () => {
    const id = await ringingCall('Globex');
    const item = (await rowFor(id))!;
    assert.equal(item.label, 'Globex');
    assert.match(String(item.description), /Alerting · \+13175550100 · inbound call/);
    assert.match(item.contextValue!, /\bcanPickup\b/);
    assert.doesNotMatch(item.contextValue!, /\bcanConsult\b/);
    // Session-qualified: the profile's id, then the queue's subscription and the interaction.
    const internals = await extensionApi();
    assert.equal(item.id, `${internals.sessions.profileOf(internals.sessions.session!)!.id}:icws-vscode-1-agent1/${id}`);
    const api = await extensionApi();
    const resolved = api.tree.resolveTreeItem(item, api.tree.findNode(id)!);
    assert.match((resolved.tooltip as vscode.MarkdownString).value, /Eic\\_RemoteAddress/);
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('picks up, holds, resumes, mutes and disconnects by id', async () => {
    const id = await connectedCall(simulator, extensionSide);
    assert.match((await rowFor(id))!.contextValue!, /\bcanConsult\b.*|\bcanHold\b/);
    await vscode.commands.executeCommand('icws.hold', id, true);
    await waitFor('held in the tree', async () => /Held/.test(String((await rowFor(id))?.description)));
    await vscode.commands.executeCommand('icws.hold', id);
    await waitFor('resumed (toggle)', async () => /Connected/.test(String((await rowFor(id))?.description)));
    await vscode.commands.executeCommand('icws.mute', id);
    await waitFor('muted', async () => /muted/.test(String((await rowFor(id))?.description)));
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
    await waitFor('gone from the tree', async () => !(await rowFor(id)));
  });

  it('blind-transfers to extension 7002 by arguments: one request, and the row leaves', async () => {
    const id = await connectedCall(simulator, extensionSide);
    const before = simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/blind-transfer') ?? 0;
    // A double click: the second request must not be sent while the first runs.
    const [first, second] = await Promise.all([
      vscode.commands.executeCommand('icws.blindTransfer', id, { target: '7002' }),
      vscode.commands.executeCommand('icws.blindTransfer', id, { target: '7002' }),
    ]);
    assert.deepEqual([first, second].sort(), [false, true]);
    assert.equal(simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/blind-transfer'), before + 1);
    await waitFor('row gone', async () => !(await rowFor(id)));
    assert.equal(simulator.callCenter.find(id)?.owner, 'agent2');
  });

  it('shows an expand arrow only on a row with a consult leg, and takes it away when the consult ends', async () => {
    const api = await extensionApi();
    const id = await connectedCall(simulator, extensionSide);
    const collapsible = () => api.tree.getTreeItem(api.tree.findNode(id)!).collapsibleState;
    assert.equal(collapsible(), vscode.TreeItemCollapsibleState.None, 'a call without children shows no arrow');
    const consult = await vscode.commands.executeCommand<ConsultTransfer>('icws.consultTransfer', id, { target: '7002' });
    await waitFor('the call expandable, with its leg', () => collapsible() === vscode.TreeItemCollapsibleState.Expanded && api.tree.getChildren(api.tree.findNode(id)!).length === 1);
    await vscode.commands.executeCommand('icws.cancelConsult', consult);
    await waitFor('no arrow again', () => collapsible() === vscode.TreeItemCollapsibleState.None);
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('consults to the Sales queue, nests the consult leg, speaks to both, and completes (the caller moves)', async () => {
    const api = await extensionApi();
    const id = await connectedCall(simulator, extensionSide);
    const consult = await vscode.commands.executeCommand<ConsultTransfer>('icws.consultTransfer', id, { queueID: SALES });
    assert.ok(consult?.consultId);
    await waitFor('consult leg nested under the call', async () => {
      const node = api.tree.findNode(id);
      return node && api.tree.getChildren(node).some((child) => (child as InteractionNode).interactionId === consult.consultInteractionId);
    });
    assert.match((await rowFor(id))!.contextValue!, /\binConsult\b/);
    assert.doesNotMatch((await rowFor(id))!.contextValue!, /\bcanTransfer\b/);
    assert.equal(await vscode.commands.executeCommand('icws.consultSpeakTo', id, 'both'), true);
    await waitFor('both connected', () => state(id) === 'C' && state(consult.consultInteractionId) === 'C');
    assert.equal(await vscode.commands.executeCommand('icws.completeConsult', id), true);
    await waitFor('both legs gone from my queue', async () => !(await rowFor(id)) && !(await rowFor(consult.consultInteractionId)));
    const moved = simulator.callCenter.all().find((i) => i.queues.has('2:sales') && i.attributes.get('eic_remotename')?.value === 'ACME Corp');
    assert.ok(moved, 'the caller is in the Sales queue');
    assert.equal(api.consults.all().length, 0);
  });

  it('consults to 7002 and cancels: the leg ends and the caller stays held', async () => {
    const id = await connectedCall(simulator, extensionSide);
    const consult = await vscode.commands.executeCommand<ConsultTransfer>('icws.consultTransfer', id, { target: '7002' });
    await waitFor('consulted party answered', () => state(consult.consultInteractionId) === 'C');
    assert.equal(await vscode.commands.executeCommand('icws.cancelConsult', id), true);
    await waitFor('leg ended', () => ['I', undefined].includes(state(consult.consultInteractionId)));
    assert.equal(state(id), 'H');
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('offers from the palette only what the row menu offers: no blind transfer or park of a call in a consult', async () => {
    const api = await extensionApi();
    const id = await connectedCall(simulator, extensionSide);
    const consult = await vscode.commands.executeCommand<ConsultTransfer>('icws.consultTransfer', id, { target: '7002' });
    await waitFor('the consult leg in the tree', async () => /\binConsult\b/.test((await rowFor(consult.consultInteractionId))?.contextValue ?? ''));
    const cache = api.sessions.session!.queues.cache;
    const others = () => cache.allInteractions().filter((item) => ![id, consult.consultInteractionId].includes(item.id) && !['I', 'E'].includes(item.attributes.eic_state ?? ''));
    await waitFor("no live interaction but the consult's two", () => others().length === 0);
    for (const row of [id, consult.consultInteractionId]) assert.doesNotMatch((await rowFor(row))!.contextValue!, /\bcanTransfer\b|\bcanPark\b/);
    // Nothing to pick, so no quick pick opens: the commands answer at once (they used to offer both legs).
    assert.equal(await vscode.commands.executeCommand('icws.blindTransfer'), false);
    assert.equal(await vscode.commands.executeCommand('icws.park'), false);
    assert.equal(await vscode.commands.executeCommand('icws.cancelConsult', consult), true);
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('refuses a transfer with both target and queue, sending nothing', async () => {
    const id = await connectedCall(simulator, extensionSide);
    const before = simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/blind-transfer') ?? 0;
    assert.equal(await vscode.commands.executeCommand('icws.blindTransfer', id, { target: '7002', queueID: SALES }), false);
    assert.equal(simulator.requestCounts.get('POST /icws/{sessionId}/interactions/{interactionId}/blind-transfer') ?? 0, before);
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('makes a call that shows up and connects', async () => {
    const id = await vscode.commands.executeCommand<string>('icws.makeCall', '+13175550199');
    assert.match(id, /^\d{10}$/);
    await waitFor('connected outbound call', async () => /^Connected · (.* · )?outbound call/.test(String((await rowFor(id))?.description)));
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('shows an interaction as read-only JSON that follows live changes', async () => {
    const id = await connectedCall(simulator, extensionSide);
    const uri = await vscode.commands.executeCommand<string>('icws.showInteraction', id);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
    assert.equal(document.languageId, 'json');
    assert.equal(JSON.parse(document.getText()).attributes.Eic_State, 'C');
    await vscode.commands.executeCommand('icws.hold', id, true);
    await waitFor('document follows', () => JSON.parse(document.getText()).attributes.Eic_State === 'H');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('copies an interaction id', async () => {
    const id = await ringingCall();
    assert.equal(await vscode.commands.executeCommand('icws.copyInteractionId', id), id);
    assert.equal(await vscode.env.clipboard.readText(), id);
    await vscode.commands.executeCommand('icws.disconnectInteraction', id);
  });

  it('watches and unwatches a workgroup queue, kept in settings', async () => {
    assert.equal(await vscode.commands.executeCommand('icws.watchQueue', { queueType: QueueType.Workgroup, queueName: 'Support' }), true);
    await waitFor('Support group', async () => (await treeRows()).some((g) => g.queue.watched.queue.queueName === 'Support'));
    assert.deepEqual(vscode.workspace.getConfiguration('icws').get('watchedQueues'), [{ type: 'workgroup', name: 'Support' }]);
    const call = await createCall(simulator, { to: 'Support', name: 'Initech' });
    await waitFor('Support call', async () => (await treeRows()).find((g) => g.queue.watched.queue.queueName === 'Support')?.rows.some((r) => r.interactionId === call));
    assert.equal(await vscode.commands.executeCommand('icws.unwatchQueue', { queueType: QueueType.Workgroup, queueName: 'Support' }), true);
    await waitFor('Support group gone', async () => !(await treeRows()).some((g) => g.queue.watched.queue.queueName === 'Support'));
  });

  it('refuses to watch a queue the server does not know, and saves nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('icws.watchQueue', { queueType: QueueType.Workgroup, queueName: 'NoSuchGroup' }), false);
    assert.deepEqual(vscode.workspace.getConfiguration('icws').get('watchedQueues'), []);
  });

  it('shows a busy queue up to icws.maxRowsPerQueue rows, with a count of the rest', async () => {
    const api = await extensionApi();
    await vscode.workspace.getConfiguration('icws').update('maxRowsPerQueue', 2, vscode.ConfigurationTarget.Global);
    try {
      const calls = [await ringingCall('One'), await ringingCall('Two'), await ringingCall('Three')];
      const group = api.tree.getChildren()[0]!;
      const rows = await waitFor('limited rows', () => {
        const children = api.tree.getChildren(group);
        return children.length === 3 && children[2]!.kind === 'more' ? children : undefined;
      });
      const more = api.tree.getTreeItem(rows[2]!);
      assert.match(String(more.label), /^\d+ more interactions$/);
      assert.match(String(more.description), /showing the first 2 by start time/);
      for (const id of calls) await vscode.commands.executeCommand('icws.disconnectInteraction', id);
    } finally {
      await vscode.workspace.getConfiguration('icws').update('maxRowsPerQueue', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refreshes by re-subscribing', async () => {
    const before = simulator.requestCounts.get('PUT /icws/{sessionId}/messaging/subscriptions/queues/{subscriptionId}') ?? 0;
    await vscode.commands.executeCommand('icws.refresh');
    assert.ok((simulator.requestCounts.get('PUT /icws/{sessionId}/messaging/subscriptions/queues/{subscriptionId}') ?? 0) > before);
  });

  it('opens the log', async () => {
    await vscode.commands.executeCommand('icws.showLog');
  });
});

describe('embedded simulator (inside VS Code)', () => {
  it('starts on a free loopback port, connects to it, and stops', async () => {
    const api = await extensionApi();
    const url = await vscode.commands.executeCommand<string>('icws.startSimulator');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(api.sessions.session?.server, url);
    await waitFor('demo calls', () => api.sessions.session!.queues.cache.allInteractions().length > 0 || api.tree.getChildren().length > 0);
    assert.equal(await vscode.commands.executeCommand('icws.stopSimulator'), true);
    assert.equal(api.simulator.isRunning, false);
    assert.equal(api.sessions.status, 'disconnected');
  });
});
