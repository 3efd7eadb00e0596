import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { IcwsSimulator } from '../../../src/simulator';
import { control, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { profileSecretKeys } from '../../../src/vscode/session/SessionSecrets';
import { connect, extensionApi } from './support';

describe('session (inside VS Code)', () => {
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator({ pace: 'extension' })));
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await simulator.stop();
  });

  it('connects with arguments, shows my queue in the tree, and keeps server and user as a profile', async () => {
    const api = await extensionApi();
    await connect(simulator);
    assert.equal(api.sessions.status, 'connected');
    const profiles = vscode.workspace.getConfiguration('icws').get<{ serverUrl: string; userId: string; id: string }[]>('profiles') ?? [];
    const profile = profiles.find((p) => p.serverUrl === simulator.url && p.userId === 'agent1');
    assert.ok(profile?.id, `a profile for agent1 on the simulator: ${JSON.stringify(profiles)}`);
    assert.equal(api.sessions.profileOf(api.sessions.session!)?.id, profile.id);
    const roots = await waitFor('queue groups', () => (api.tree.getChildren().length ? api.tree.getChildren() : undefined));
    assert.equal(api.tree.getTreeItem(roots[0]!).label, 'My Interactions');
  });

  it('keeps the password, session id, CSRF token and cookie out of the settings', async () => {
    const api = await extensionApi();
    const saved = await api.sessions.session!.save();
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('icws'));
    for (const secret of [saved.csrfToken, saved.sessionId, saved.cookie]) assert.ok(!settingsText.includes(secret));
  });

  it('shows the session in the Accounts menu as user @ server', async () => {
    const api = await extensionApi();
    const [session] = await api.accounts.getSessions();
    assert.equal(session?.account.label, `agent1 @ ${new URL(simulator.url).host}`);
    assert.equal(session?.accessToken, 'icws-session', 'no real credential is handed out');
  });

  it('logs in again silently with the remembered password when the server drops the session', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('icws.connect', { server: simulator.url, userId: 'agent1', password: '1234', rememberPassword: true, ifConnected: 'switch' });
    const first = api.sessions.session!.sessionId;
    await control(simulator, 'POST', `/simulator/sessions/${first}/end`, { reason: 'Session expired', shouldReconnect: true });
    await waitFor('a new session', () => api.sessions.session && api.sessions.session.sessionId !== first, 10_000);
    assert.equal(api.sessions.status, 'connected');
  });

  it('starts offline when the server is unreachable, and says why', async () => {
    const api = await extensionApi();
    const other = await startSimulator({ pace: 'extension' });
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await vscode.commands.executeCommand('icws.connect', { server: other.url, userId: 'agent1', password: '1234', rememberPassword: true });
    const session = api.sessions.sessionOf(`agent1 @ ${new URL(other.url).host}`)!;
    const profile = api.sessions.profileOf(session)!;
    const saved = await session.save();
    await other.stop();
    // As after a restart with the server gone: the stored session and password both fail.
    await api.sessions.disconnect({ forgetPassword: false, session });
    await api.secrets.store(profileSecretKeys(profile.id).session, JSON.stringify(saved));
    await api.sessions.resumeOnStartup();
    assert.equal(api.sessions.status, 'offline');
    assert.match(api.sessions.problem ?? '', /could not be reached/);
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await connect(simulator);
  });

  it('disconnects and forgets the session', async () => {
    const api = await extensionApi();
    assert.equal(await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true }), true);
    assert.equal(api.sessions.status, 'disconnected');
    assert.equal(api.tree.getChildren().length, 0);
  });
});
