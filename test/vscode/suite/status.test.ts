import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { IcwsSimulator } from '../../../src/simulator';
import { waitFor } from '../../support/waitFor';
import { connectedSimulator, extensionApi } from './support';

describe('agent status (inside VS Code)', () => {
  const current = connectedSimulator();
  let simulator: IcwsSimulator;
  before(() => (simulator = current()));

  it('follows my status from the server when connected', async () => {
    const api = await extensionApi();
    const mine = await waitFor('my status', () => api.myStatus.current);
    assert.equal(mine.status.statusId, 'Available');
    assert.equal(mine.message?.isAcdStatus, true);
  });

  it('sets my status by argument, once for a double click, and shows the change', async () => {
    const api = await extensionApi();
    const put = 'PUT /icws/{sessionId}/status/user-statuses/{userId}';
    const before = simulator.requestCounts.get(put) ?? 0;
    const results = await Promise.all([vscode.commands.executeCommand('icws.setStatus', 'At Lunch'), vscode.commands.executeCommand('icws.setStatus', 'At Lunch')]);
    assert.deepEqual(results.sort(), [false, true]);
    assert.equal(simulator.requestCounts.get(put), before + 1);
    await waitFor('the new status', () => api.myStatus.current?.status.statusId === 'At Lunch');
    assert.equal(simulator.statuses.get('agent1').statusId, 'At Lunch');
    assert.equal(await vscode.commands.executeCommand('icws.setStatus', { statusId: 'Available', notes: 'back' }), true);
    await waitFor('available again', () => api.myStatus.current?.status.statusId === 'Available');
    assert.equal(simulator.statuses.get('agent1').notes, 'back');
  });

  it("keeps the server's status icons where VS Code can show them", async () => {
    const api = await extensionApi();
    const session = api.sessions.session!;
    const available = (await session.status.statusMessages()).find((m) => m.statusId === 'Available')!;
    const icon = await api.statusIcons.iconFor(session, available);
    assert.ok(icon, 'no icon');
    assert.match(Buffer.from(await vscode.workspace.fs.readFile(icon)).toString('utf8'), /^<svg /);
    assert.equal(await api.statusIcons.iconFor(session, available), icon, 'fetched once');
  });

  it("refuses a status the server does not have, in the server's words", async () => {
    const api = await extensionApi();
    const lines: string[] = [];
    const tee = api.log.tee(({ line }) => lines.push(line));
    try {
      assert.equal(await vscode.commands.executeCommand('icws.setStatus', 'Napping'), false);
      assert.ok(lines.some((line) => /"Napping" is not a status message of this server/.test(line)), lines.join('\n'));
    } finally {
      tee.dispose();
    }
  });
});
