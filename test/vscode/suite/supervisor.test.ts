import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { IcwsSession, QueueType } from '../../../src/icws';
import type { IcwsSimulator } from '../../../src/simulator';
import { createCall, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connect, extensionApi } from './support';

describe('supervisor monitoring (inside VS Code)', () => {
  let simulator: IcwsSimulator;
  let agent: IcwsSession;
  before(async () => {
    simulator = await startSimulator({ pace: 'extension' });
    agent = await IcwsSession.login({ server: simulator.url }, { userId: 'agent1', password: '1234' });
  });
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await vscode.workspace.getConfiguration('icws').update('watchedQueues', [], vscode.ConfigurationTarget.Global);
    await agent.logout();
    await simulator.stop();
  });

  async function agentCall(): Promise<string> {
    const id = await createCall(simulator, { to: 'agent1', name: 'Monitored Caller' });
    await agent.interactions.pickup(id);
    return id;
  }

  it("offers monitoring on another agent's call, listens, and shows it on the row", async () => {
    await connect(simulator, 'supervisor');
    const api = await extensionApi();
    await vscode.commands.executeCommand('icws.watchQueue', { queueType: QueueType.User, queueName: 'agent1' });
    const id = await agentCall();
    const node = await waitFor('the connected call of agent1', () => {
      const found = api.tree.findNode(id);
      return found && /\bcanMonitor\b/.test(api.tree.getTreeItem(found).contextValue ?? '') ? found : undefined;
    });
    assert.ok(node);
    assert.equal(await vscode.commands.executeCommand('icws.listen', id), true);
    await waitFor('listened to, on the row', () => /listened to/.test(String(api.tree.getTreeItem(api.tree.findNode(id)!).description)));
    assert.equal(simulator.callCenter.find(id)?.attributes.get('eic_monitors')?.value, 'supervisor');
    assert.equal(await vscode.commands.executeCommand('icws.listen', id), true, 'a second listen stops listening');
    await waitFor('no longer listened to', () => simulator.callCenter.find(id)?.attributes.get('eic_monitors')?.value === '');
    assert.equal(await vscode.commands.executeCommand('icws.coach', id, true), true);
    await waitFor('coached', () => simulator.callCenter.find(id)?.attributes.get('eic_coaches')?.value === 'supervisor');
  });

  it('says so, in the server words, when the user lacks the supervisor right', async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await connect(simulator, 'agent2');
    await vscode.commands.executeCommand('icws.watchQueue', { queueType: QueueType.User, queueName: 'agent1' });
    const api = await extensionApi();
    const lines: string[] = [];
    const tee = api.log.tee(({ line }) => lines.push(line));
    try {
      const id = await agentCall();
      await waitFor('the call', () => api.tree.findNode(id));
      assert.equal(await vscode.commands.executeCommand('icws.listen', id), false);
      assert.ok(lines.some((line) => /HTTP 403.*supervisor right/.test(line)), lines.join('\n'));
    } finally {
      tee.dispose();
    }
  });
});
