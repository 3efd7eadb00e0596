// What a new user meets: a failed login says what to do (the server's id in the log) and leaves
// the welcome view's reason set; a queue pick offers the server's workgroups.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { IcwsSimulator } from '../../../src/simulator';
import { pickWorkgroup } from '../../../src/vscode/commands/workgroupPick';
import { startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connect, extensionApi } from './support';

const LOGIN = 'POST /icws/connection';
const WORKGROUPS = 'GET /icws/{sessionId}/configuration/workgroups';

describe('a new user (inside VS Code)', () => {
  let simulator: IcwsSimulator;
  before(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    simulator = await startSimulator({ pace: 'extension' });
  });
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await simulator.stop();
  });

  it('after a wrong password: one login sent, the reason for the welcome view, the server id in the log', async () => {
    const api = await extensionApi();
    const lines: string[] = [];
    const tee = api.log.tee(({ line }) => lines.push(line));
    try {
      const before = simulator.requestCounts.get(LOGIN) ?? 0;
      const ok = await vscode.commands.executeCommand<boolean>('icws.connect', { server: simulator.url, userId: 'agent1', password: 'wrong', rememberPassword: false });
      assert.equal(ok, false);
      assert.equal(simulator.requestCounts.get(LOGIN), before + 1, 'the login was sent once');
      assert.equal(api.sessions.status, 'offline');
      assert.equal(api.sessions.failedLogin?.kind, 'credentials');
      assert.equal(api.sessions.failedLogin?.headline, 'Wrong user ID or password for agent1 on 127.0.0.1');
      const logged = lines.find((line) => line.startsWith('Wrong user ID or password for agent1 on 127.0.0.1'));
      assert.ok(logged, lines.join('\n'));
      assert.match(logged, /error\.request\.connection\.authenticationFailure/);
      assert.doesNotMatch(logged, /wrong/, 'the password is not logged');
    } finally {
      tee.dispose();
    }
    // Connecting after it clears the failure.
    await connect(simulator);
    assert.equal(api.sessions.failedLogin, undefined);
  });

  it('offers the server’s workgroups in the queue pick and returns the one accepted', async () => {
    const api = await extensionApi();
    const session = api.sessions.session;
    assert.ok(session, 'connected');
    const before = simulator.requestCounts.get(WORKGROUPS) ?? 0;
    let settled = false;
    const picking = pickWorkgroup(session, 'Consult Transfer').finally(() => (settled = true));
    // Accepting does nothing until the list has come (no row is active before); then the first, sorted.
    await waitFor('the workgroup pick, accepted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    });
    assert.equal(await picking, 'Sales');
    assert.equal(simulator.requestCounts.get(WORKGROUPS), before + 1);
  });
});
