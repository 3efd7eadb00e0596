// Several sessions side by side: profiles, routing to the row's session, the palette's question,
// removing a profile with its secrets, the upgrade from one server and user, the production guard.
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type HttpExchange, IcwsSession } from '../../../src/icws';
import type { IcwsSimulator } from '../../../src/simulator';
import { profileSecretKeys } from '../../../src/vscode/session/SessionSecrets';
import { useScratch } from '../../support/scratch';
import { createCall, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { EXTENSION_ID, extensionApi } from './support';

const PICKUP = 'POST /icws/{sessionId}/interactions/{interactionId}/pickup';

async function connectAs(simulator: IcwsSimulator, userId: string, extra: Record<string, unknown> = {}): Promise<IcwsSession> {
  const api = await extensionApi();
  assert.equal(await vscode.commands.executeCommand('icws.connect', { server: simulator.url, userId, password: '1234', rememberPassword: false, ...extra }), true);
  return waitFor(`${userId} connected`, () => api.sessions.sessions.find((s) => s.server === simulator.url && s.identity.userId === userId));
}

/** Status changes the simulator has answered, of any user. */
const statusChanges = (simulator: IcwsSimulator) => [...simulator.requestCounts].filter(([key]) => key.startsWith('PUT ') && key.includes('user-statuses')).reduce((sum, [, count]) => sum + count, 0);

describe('several sessions side by side (inside VS Code)', () => {
  const scratch = useScratch('profiles');
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator({ pace: 'extension' })));
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await simulator.stop();
  });

  it('connects two profiles, shows a root per session, and acts on each row in its own session', async () => {
    const api = await extensionApi();
    const agent1 = await connectAs(simulator, 'agent1');
    const agent2 = await connectAs(simulator, 'agent2');
    assert.equal(api.sessions.sessions.length, 2);
    assert.equal(api.sessions.status, 'connected');
    const roots = await waitFor('a root per session', () => (api.tree.getChildren().length === 2 ? api.tree.getChildren() : undefined));
    assert.deepEqual(roots.map((root) => root.kind), ['session', 'session']);
    const names = [agent1, agent2].map((s) => api.sessions.profileOf(s)!.name);
    assert.deepEqual(roots.map((root) => api.tree.getTreeItem(root).label), names);
    assert.deepEqual((await api.accounts.getSessions()).map((account) => account.account.label), names);

    const exchanges: HttpExchange[] = [];
    const listener = api.sessions.onDidExchange((exchange) => exchanges.push(exchange));
    try {
      const id = await createCall(simulator, { to: 'agent2', name: 'Routed Caller' });
      const row = await waitFor("the call in agent2's tree", () => api.tree.findNode(id, agent2));
      assert.equal(api.tree.findNode(id, agent1), undefined, "not in agent1's queue");
      assert.equal(await vscode.commands.executeCommand('icws.pickup', row), true);
      const pickup = exchanges.find((exchange) => `${exchange.method} ${exchange.template}` === PICKUP);
      assert.equal(pickup?.sessionName, names[1], "the pickup went out in agent2's session");

      // Named by argument: { interactionId, session }.
      exchanges.length = 0;
      assert.equal(await vscode.commands.executeCommand('icws.hold', { interactionId: id, session: names[1] }), true);
      assert.deepEqual(exchanges.filter((e) => e.method === 'POST').map((e) => e.sessionName), [names[1]]);
      assert.equal(await vscode.commands.executeCommand('icws.hold', { interactionId: id, session: 'nobody @ nowhere' }), undefined);
    } finally {
      listener.dispose();
    }
  });

  it('asks which session from the palette when several are connected', async () => {
    const api = await extensionApi();
    const [first] = api.sessions.sessions;
    const exchanges: HttpExchange[] = [];
    const listener = api.sessions.onDidExchange((exchange) => exchanges.push(exchange));
    try {
      let settled = false;
      const calling = Promise.resolve(vscode.commands.executeCommand<string | undefined>('icws.makeCall', '7003')).finally(() => (settled = true));
      await waitFor('the pick of sessions, accepted', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return settled;
      });
      assert.ok(await calling, 'a call was made');
      const made = exchanges.filter((e) => e.method === 'POST' && e.template?.endsWith('/interactions'));
      assert.deepEqual(made.map((e) => e.sessionName), [api.sessions.profileOf(first!)!.name], 'the call went out in the picked session (the first listed)');
    } finally {
      listener.dispose();
    }
  });

  it('keeps a working session when Connect on its profile fails, and never drops it silently', async () => {
    const api = await extensionApi();
    const agent1 = api.sessions.sessions.find((s) => s.identity.userId === 'agent1')!;
    const profile = api.sessions.profileOf(agent1)!;
    await vscode.commands.executeCommand('icws.connect', { profile: profile.name, password: 'wrong', ifConnected: 'switch' });
    assert.ok(agent1.isUp, 'the working session still runs');
    assert.equal(api.sessions.sessionOf(profile), agent1);
    assert.equal(await vscode.commands.executeCommand('icws.connect', { profile: profile.id, password: '1234' }), true, 'kept');
    assert.equal(api.sessions.sessionOf(profile), agent1);
  });

  it('removes a profile: logs it out and deletes its secrets', async () => {
    const api = await extensionApi();
    const session = await connectAs(simulator, 'supervisor', { rememberPassword: true });
    const profile = api.sessions.profileOf(session)!;
    const keys = profileSecretKeys(profile.id);
    assert.equal(await api.secrets.get(keys.password), '1234');
    assert.ok(await api.secrets.get(keys.session));
    assert.equal(await vscode.commands.executeCommand('icws.removeProfile', { profile: profile.name }), true);
    assert.equal(session.isUp, false);
    assert.equal(await api.secrets.get(keys.password), undefined);
    assert.equal(await api.secrets.get(keys.session), undefined);
    assert.ok(!api.sessions.knownProfiles().some((p) => p.id === profile.id));
    assert.ok(!(vscode.workspace.getConfiguration('icws').get<{ id: string }[]>('profiles') ?? []).some((p) => p.id === profile.id));
  });

  it('asks before a state change on a production profile, and sends nothing when not confirmed', async () => {
    const api = await extensionApi();
    const id = await vscode.commands.executeCommand<string>('icws.addProfile', { name: 'Prod agent1', serverUrl: simulator.url, userId: 'agent1', production: true });
    assert.ok(id);
    assert.equal(await vscode.commands.executeCommand('icws.connect', { profile: 'Prod agent1', password: '1234', rememberPassword: false }), true);
    const prod = api.sessions.sessionOf('Prod agent1')!;
    const call = await createCall(simulator, { to: 'agent1', name: 'Guarded Caller' });
    const row = await waitFor('the call in the production session', () => api.tree.findNode(call, prod));
    const lines: string[] = [];
    const tee = api.log.tee(({ line }) => lines.push(line));
    const before = simulator.requestCounts.get(PICKUP) ?? 0;
    try {
      // The modal is the guard's question; the test host refuses modals, as a Cancel would.
      assert.notEqual(await vscode.commands.executeCommand('icws.pickup', row), true);
    } finally {
      tee.dispose();
    }
    assert.equal(simulator.requestCounts.get(PICKUP) ?? 0, before, 'the simulator saw no pickup');
    assert.ok(lines.some((line) => line.includes('Prod agent1 is a production profile') && /Pick/i.test(line)), lines.join('\n'));
    // A notebook written for the simulator (as the starter is) refuses the production session.
    const setStatus = 'PUT /icws/{sessionId}/status/user-statuses/{userId}';
    const statusBefore = simulator.requestCounts.get(setStatus) ?? 0;
    const file = join(scratch(), 'simulator-only.icws-notebook');
    writeFileSync(file, JSON.stringify({ icwsNotebook: 1, metadata: { simulatorOnly: true }, cells: [{ kind: 'request', source: '# @session Prod agent1\nPUT /status/user-statuses/{userId}\n{"statusId": "Available"}' }] }));
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('notebook.selectKernel', { notebookEditor: editor, id: 'icws-notebook-controller', extension: EXTENSION_ID });
    await vscode.commands.executeCommand('notebook.execute');
    // Refused before any question: the test host would turn the guard's modal into an error here.
    const refused = await api.notebooks.features().whenIdle().then(() => 'refused without asking', (error: unknown) => String(error));
    assert.equal(refused, 'refused without asking');
    assert.equal(simulator.requestCounts.get(setStatus) ?? 0, statusBefore, 'the simulator saw no status change from the simulator-only notebook');
    assert.equal(notebook.cellAt(0).outputs.length, 0, `the cell ran: ${JSON.stringify(notebook.cellAt(0).outputs.map((o) => o.items.map((i) => Buffer.from(i.data).toString())))}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true, session: 'Prod agent1' });
    assert.equal(await vscode.commands.executeCommand('icws.runScenario', undefined, { profile: 'Prod agent1' }), false, 'Run Scenario refuses a production profile');
    await vscode.commands.executeCommand('icws.removeProfile', { profile: 'Prod agent1' });
  });

  it('asks before a notebook changes state on a production profile, even when its server says it is the simulator', async () => {
    const api = await extensionApi();
    assert.ok(await vscode.commands.executeCommand<string>('icws.addProfile', { name: 'Prod-agent2', serverUrl: simulator.url, userId: 'agent2', production: true }));
    assert.equal(await vscode.commands.executeCommand('icws.connect', { profile: 'Prod-agent2', password: '1234', rememberPassword: false }), true);
    const file = join(scratch(), 'production.icws-notebook');
    writeFileSync(file, JSON.stringify({ icwsNotebook: 1, cells: [{ kind: 'request', source: '# @session Prod-agent2\nPUT /status/user-statuses/{userId}\n{ "statusId": "Away from desk" }' }] }));
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('notebook.selectKernel', { notebookEditor: editor, id: 'icws-notebook-controller', extension: EXTENSION_ID });
    const before = statusChanges(simulator);
    // The modal is the guard's question; the test host refuses modals (the run then stops, as on a Cancel).
    await vscode.commands.executeCommand('notebook.execute');
    const stopped = await api.notebooks.features().whenIdle().then(() => 'ran', (error: unknown) => String(error));
    assert.match(stopped, /Prod-agent2 is a production profile/, 'the production guard asked');
    assert.equal(statusChanges(simulator), before, 'the status change was sent without the production guard');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true, session: 'Prod-agent2' });
    await vscode.commands.executeCommand('icws.removeProfile', { profile: 'Prod-agent2' });
  });

  it('refuses a notebook written for the simulator in Test Explorer against a production session, before asking or sending', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    assert.ok(await vscode.commands.executeCommand<string>('icws.addProfile', { name: 'Prod-explorer', serverUrl: simulator.url, userId: 'agent2', production: true }));
    assert.equal(await vscode.commands.executeCommand('icws.connect', { profile: 'Prod-explorer', password: '1234', rememberPassword: false }), true);
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'simulator-only-explorer.icws-notebook');
    const cell = '# @session Prod-explorer\nPUT /status/user-statuses/{userId}\n{ "statusId": "Away from desk" }\n> status 202';
    writeFileSync(uri.fsPath, JSON.stringify({ icwsNotebook: 1, metadata: { simulatorOnly: true }, cells: [{ kind: 'request', source: cell }] }));
    // (Connecting may set the status itself: the check is on the status the cell would set.)
    const away = () => simulator.statuses.get('agent2')?.statusId === 'Away from desk';
    assert.equal(away(), false);
    try {
      const tests = api.notebookTests;
      await tests.findNotebooks();
      const item = await waitFor('the notebook in Test Explorer', () => tests.controller.items.get(uri.toString()));
      await tests.readTests(item);
      const verdicts: string[] = [];
      const source = new vscode.CancellationTokenSource();
      // The test host refuses modals: a question asked would fail the run instead of refusing it.
      await tests.run(new vscode.TestRunRequest([item]), 'session', source.token, ({ verdict, messages }) => verdicts.push(`${verdict}: ${messages.map((m) => String(m.message)).join('; ')}`));
      source.dispose();
      assert.deepEqual(verdicts, ['errored: simulator-only-explorer.icws-notebook is written for the simulator: it does not run on Prod-explorer, a production profile']);
      assert.equal(away(), false, 'the status change was sent to the production session');
    } finally {
      rmSync(uri.fsPath, { force: true });
      await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true, session: 'Prod-explorer' });
      await vscode.commands.executeCommand('icws.removeProfile', { profile: 'Prod-explorer' });
    }
  });

  it('asks before a notebook changes state on a production session that came alive during the run', async () => {
    const api = await extensionApi();
    assert.ok(await vscode.commands.executeCommand<string>('icws.addProfile', { name: 'Prod-late', serverUrl: simulator.url, userId: 'agent2', production: true }));
    const file = join(scratch(), 'late-production.icws-notebook');
    // The first cell waits for a call that comes only once the production session is connected.
    const wait = '# @name wait\nGET /connection\n> message queueContentsMessage within 20s where interactionsAdded[*].attributes.Eic_RemoteName == "Late Caller"';
    writeFileSync(file, JSON.stringify({ icwsNotebook: 1, cells: [{ kind: 'request', source: wait }, { kind: 'request', source: '# @session Prod-late\nPUT /status/user-statuses/{userId}\n{ "statusId": "Away from desk" }' }] }));
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showNotebookDocument(notebook);
    try {
      await vscode.commands.executeCommand('notebook.selectKernel', { notebookEditor: editor, id: 'icws-notebook-controller', extension: EXTENSION_ID });
      const connectionReads = () => simulator.requestCounts.get('GET /icws/{sessionId}/connection') ?? 0;
      const readsBefore = connectionReads();
      // When the run starts no session is named Prod-late: nothing to ask about yet.
      void vscode.commands.executeCommand('notebook.execute');
      await waitFor('the first cell sent', () => connectionReads() > readsBefore);
      assert.equal(await vscode.commands.executeCommand('icws.connect', { profile: 'Prod-late', password: '1234', rememberPassword: false }), true);
      // (Connecting may set the status itself: the check is on the status the cell would set.)
      const away = () => simulator.statuses.get('agent2')?.statusId === 'Away from desk';
      assert.equal(away(), false);
      await createCall(simulator, { to: 'agent1', name: 'Late Caller' });
      // The modal is the guard's question; the test host refuses modals (the run then stops, as on a Cancel).
      const stopped = await api.notebooks.features().whenIdle().then(() => 'ran', (error: unknown) => String(error));
      assert.match(stopped, /Prod-late is a production profile/, 'the production guard asked');
      assert.equal(away(), false, 'the status change was sent to the production session without asking');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true, session: 'Prod-late' });
      await vscode.commands.executeCommand('icws.removeProfile', { profile: 'Prod-late' });
    }
  });

  it('asks before Test Explorer runs against a production profile, even when its server says it is the simulator', async () => {
    const api = await extensionApi();
    assert.ok(await vscode.commands.executeCommand<string>('icws.addProfile', { name: 'Prod-agent2', serverUrl: simulator.url, userId: 'agent2', production: true }));
    assert.equal(await vscode.commands.executeCommand('icws.connect', { profile: 'Prod-agent2', password: '1234', rememberPassword: false }), true);
    const file = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'production-tests.icws-notebook');
    writeFileSync(file, JSON.stringify({ icwsNotebook: 1, cells: [{ kind: 'request', source: '# @name away\n# @session Prod-agent2\nPUT /status/user-statuses/{userId}\n{ "statusId": "Away from desk" }\n> status 202' }] }));
    try {
      const tests = api.notebookTests;
      await tests.findNotebooks();
      const notebook = await waitFor('the notebook in Test Explorer', () => tests.controller.items.get(vscode.Uri.file(file).toString()));
      await tests.readTests(notebook);
      const before = statusChanges(simulator);
      const events: string[] = [];
      // The modal is the guard's question; the test host refuses modals, as a Cancel would.
      await tests.run(new vscode.TestRunRequest([notebook]), 'session', new vscode.CancellationTokenSource().token, ({ verdict, messages }) => events.push(`${verdict} ${messages.map((m) => String(m.message)).join(' ')}`));
      assert.equal(statusChanges(simulator), before, `the status change was sent without the production guard: ${events.join('; ')}`);
      assert.ok(events.some((event) => event.includes('Prod-agent2 is a production profile')), events.join('; '));
    } finally {
      rmSync(file, { force: true });
      await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true, session: 'Prod-agent2' });
      await vscode.commands.executeCommand('icws.removeProfile', { profile: 'Prod-agent2' });
    }
  });

  it('asks before Test Explorer changes a production session that came alive during the run', async () => {
    const api = await extensionApi();
    assert.ok(await vscode.commands.executeCommand<string>('icws.addProfile', { name: 'Prod-late', serverUrl: simulator.url, userId: 'agent2', production: true }));
    const file = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'late-production-tests.icws-notebook');
    // The first test waits for a call that comes only once the production session is connected.
    const wait = '# @name wait\nGET /connection\n> message queueContentsMessage within 20s where interactionsAdded[*].attributes.Eic_RemoteName == "Late Test Caller"';
    writeFileSync(file, JSON.stringify({ icwsNotebook: 1, cells: [{ kind: 'request', source: wait }, { kind: 'request', source: '# @name away\n# @session Prod-late\nPUT /status/user-statuses/{userId}\n{ "statusId": "Away from desk" }\n> status 202' }] }));
    try {
      const tests = api.notebookTests;
      await tests.findNotebooks();
      const notebook = await waitFor('the notebook in Test Explorer', () => tests.controller.items.get(vscode.Uri.file(file).toString()));
      await tests.readTests(notebook);
      const events: string[] = [];
      const connectionReads = () => simulator.requestCounts.get('GET /icws/{sessionId}/connection') ?? 0;
      const readsBefore = connectionReads();
      const running = tests.run(new vscode.TestRunRequest([notebook]), 'session', new vscode.CancellationTokenSource().token, ({ verdict, messages }) => events.push(`${verdict} ${messages.map((m) => String(m.message)).join(' ')}`));
      await waitFor('the first test sent', () => connectionReads() > readsBefore);
      assert.equal(await vscode.commands.executeCommand('icws.connect', { profile: 'Prod-late', password: '1234', rememberPassword: false }), true);
      // (Connecting may set the status itself: the check is on the status the test would set.)
      const away = () => simulator.statuses.get('agent2')?.statusId === 'Away from desk';
      assert.equal(away(), false);
      await createCall(simulator, { to: 'agent1', name: 'Late Test Caller' });
      // The modal is the guard's question; the test host refuses modals, as a Cancel would.
      await running;
      assert.equal(away(), false, `the status change was sent to the production session without asking: ${events.join('; ')}`);
      assert.ok(events.some((event) => event.includes('Prod-late is a production profile')), events.join('; '));
    } finally {
      rmSync(file, { force: true });
      await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true, session: 'Prod-late' });
      await vscode.commands.executeCommand('icws.removeProfile', { profile: 'Prod-late' });
    }
  });

  it('upgrades the single server and user of old settings into the first profile, with its session and password', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    const config = () => vscode.workspace.getConfiguration('icws');
    const kept = config().inspect('profiles')?.globalValue;
    const legacy = await IcwsSession.login({ server: simulator.url }, { userId: 'agent2', password: '1234' });
    const saved = await legacy.save();
    const legacyPassword = `icws.password:${simulator.url.toLowerCase()}|agent2`;
    try {
      await config().update('profiles', undefined, vscode.ConfigurationTarget.Global);
      await config().update('serverUrl', simulator.url, vscode.ConfigurationTarget.Global);
      await config().update('userId', 'agent2', vscode.ConfigurationTarget.Global);
      await api.secrets.store('icws.session', JSON.stringify({ ...saved, userId: 'agent2' }));
      await api.secrets.store(legacyPassword, '1234');

      await api.sessions.resumeOnStartup();
      const profiles = config().get<{ id: string; serverUrl: string; userId: string }[]>('profiles') ?? [];
      assert.equal(profiles.length, 1);
      assert.deepEqual([profiles[0]!.serverUrl, profiles[0]!.userId], [simulator.url, 'agent2']);
      const resumed = api.sessions.sessionOf(profiles[0]!.id);
      assert.equal(resumed?.sessionId, saved.sessionId, 'the stored session resumed');
      const keys = profileSecretKeys(profiles[0]!.id);
      assert.equal(await api.secrets.get(keys.password), '1234', 'the password moved to the profile');
      assert.ok(await api.secrets.get(keys.session));
      assert.equal(await api.secrets.get(legacyPassword), undefined, 'no copy left under the old key');
      assert.equal(await api.secrets.get('icws.session'), undefined);
    } finally {
      await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
      await legacy.logout().catch(() => undefined);
      await api.secrets.delete('icws.session');
      await api.secrets.delete(legacyPassword);
      await config().update('serverUrl', undefined, vscode.ConfigurationTarget.Global);
      await config().update('userId', undefined, vscode.ConfigurationTarget.Global);
      await config().update('profiles', kept, vscode.ConfigurationTarget.Global);
    }
  });
});
