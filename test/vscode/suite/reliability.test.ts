// How the extension behaves when the server misbehaves, inside VS Code.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionStatus } from '../../../src/vscode/session/SessionService';
import { removeScratch, scratchDir } from '../../support/scratch';
import { control, createCall, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connect, extensionApi } from './support';

describe('reliability (inside VS Code)', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await vscode.workspace.getConfiguration('icws').update('certificateAuthorityFile', undefined, vscode.ConfigurationTarget.Global);
  });

  it('says "reconnecting" while the event stream is down, keeps the rows, and comes back', async () => {
    const simulator = await startSimulator({ pace: 'extension' });
    try {
      const api = await extensionApi();
      await connect(simulator);
      const id = await createCall(simulator, { to: 'agent1', name: 'Kept Row' });
      await waitFor('the row', () => api.tree.findNode(id));
      const statuses: ConnectionStatus[] = [];
      const listener = api.sessions.onDidChangeStatus((status) => statuses.push(status));
      await control(simulator, 'POST', '/simulator/faults', { fail: { match: 'messaging/messages', status: 503, count: 2 }, dropStreams: true });
      await waitFor('reconnecting', () => statuses.includes('reconnecting'));
      assert.ok(api.tree.findNode(id), 'the last known row stays while reconnecting');
      await waitFor('connected again', () => api.sessions.status === 'connected' && statuses.includes('connected'), 10_000);
      listener.dispose();
    } finally {
      await simulator.stop();
    }
  });

  it('trusts a server signed by an internal CA only with icws.certificateAuthorityFile set', async function () {
    this.timeout(30_000);
    const dir = scratchDir('ca');
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=ICWS Test CA');
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
    const simulator = await startSimulator({ pace: 'extension', tls: { key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.pem'), 'utf8') } });
    try {
      const api = await extensionApi();
      const refused = await vscode.commands.executeCommand('icws.connect', { server: simulator.url, userId: 'agent1', password: '1234', rememberPassword: false });
      assert.equal(refused, false);
      assert.match(api.sessions.problem ?? '', /icws\.certificateAuthorityFile/);
      await vscode.workspace.getConfiguration('icws').update('certificateAuthorityFile', join(dir, 'ca.pem'), vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand('icws.connect', { server: simulator.url, userId: 'agent1', password: '1234', rememberPassword: false }), true);
      assert.match(api.sessions.session!.server, /^https:/);
    } finally {
      await simulator.stop();
      removeScratch(dir);
    }
  });
});
