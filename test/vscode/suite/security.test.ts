// What the extension refuses to do on anyone's behalf: send a password in clear text without
// asking, change the user's real server settings, act on markup or links from a server.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { HttpExchange } from '../../../src/icws';
import type { IcwsSimulator } from '../../../src/simulator';
import type { ConnectPrompts } from '../../../src/vscode/session/SessionService';
import { control, createCall, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { extensionApi } from './support';

/** Prompts that answer from a script and record what they were asked. */
function scriptedPrompts(plainHttpAnswer: boolean, asked: string[]): ConnectPrompts {
  return {
    profile: async () => 'new',
    alreadyConnected: async () => 'keep',
    server: async (current) => current,
    userId: async (current) => current,
    password: async () => 'secret-password',
    rememberPassword: async () => false,
    confirmPlainHttp: async (server) => {
      asked.push(server);
      return plainHttpAnswer;
    },
  };
}

describe('security (inside VS Code)', () => {
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator({ pace: 'extension' })));
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await vscode.commands.executeCommand('icws.stopSimulator');
    await simulator.stop();
  });

  it('asks before sending a password over plain HTTP to another machine, and sends nothing when declined', async () => {
    const api = await extensionApi();
    const exchanges: HttpExchange[] = [];
    const listener = api.sessions.onDidExchange((exchange) => exchanges.push(exchange));
    const asked: string[] = [];
    // A reserved name that never resolves: if anything were sent, it would fail, not leave the machine.
    const remote = 'http://cic01.icws-test.invalid:8018';
    const result = await api.sessions.connect({ server: remote, userId: 'agent1', password: 'secret-password' }, scriptedPrompts(false, asked));
    listener.dispose();
    assert.equal(result, undefined);
    assert.deepEqual(asked, [remote]);
    assert.deepEqual(exchanges, [], 'a request was made after the user declined');
    assert.notEqual(vscode.workspace.getConfiguration('icws').get('serverUrl'), remote);
  });

  it('never asks for loopback servers (the simulator)', async () => {
    const api = await extensionApi();
    const asked: string[] = [];
    const session = await api.sessions.connect({ server: simulator.url, userId: 'agent1', password: '1234', rememberPassword: false }, scriptedPrompts(false, asked));
    assert.ok(session?.isUp);
    assert.deepEqual(asked, []);
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
  });

  describe('a switchover to a plain-HTTP alternate on another machine', () => {
    let inactive: IcwsSimulator;
    let remote: string;
    beforeEach(async () => {
      inactive = await startSimulator({ pace: 'extension' });
      // A reserved name that never resolves: if anything were sent, it would fail, not leave the machine.
      remote = `http://cic02.icws-test.invalid:${new URL(inactive.url).port}`;
    });
    afterEach(async () => {
      await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
      await inactive.stop();
    });
    const switchOver = () => control(inactive, 'POST', '/simulator/config', { acceptSessions: false, alternateHosts: [new URL(remote).hostname] });

    it('asks before the password goes there, with the same question as for the first server, and sends nothing when declined', async () => {
      const api = await extensionApi();
      await switchOver();
      const exchanges: HttpExchange[] = [];
      const listener = api.sessions.onDidExchange((exchange) => exchanges.push(exchange));
      const asked: string[] = [];
      try {
        await assert.rejects(api.sessions.connect({ server: inactive.url, userId: 'agent1', password: 'secret-password', rememberPassword: false, rememberServer: false }, scriptedPrompts(false, asked)), /skipped http:\/\/cic02\.icws-test\.invalid/);
      } finally {
        listener.dispose();
      }
      assert.deepEqual(asked, [remote]);
      // Other sessions of earlier tests may still poll their own simulators; none goes to the alternate.
      assert.deepEqual(exchanges.filter((exchange) => exchange.template === '/icws/connection').map((exchange) => new URL(exchange.url).origin), [inactive.url]);
      assert.deepEqual(exchanges.filter((exchange) => new URL(exchange.url).hostname === new URL(remote).hostname), []);
    });

    it('refuses it without asking in a silent login (after the server dropped the session)', async () => {
      const api = await extensionApi();
      const asked: string[] = [];
      await api.sessions.connect({ server: inactive.url, userId: 'agent1', password: '1234', rememberPassword: true, rememberServer: false }, scriptedPrompts(true, asked));
      const first = api.sessions.session!.sessionId;
      await switchOver();
      const exchanges: HttpExchange[] = [];
      const listener = api.sessions.onDidExchange((exchange) => exchanges.push(exchange));
      try {
        await control(inactive, 'POST', `/simulator/sessions/${first}/end`, { reason: 'Session expired', shouldReconnect: true });
        await waitFor('the silent login to give up', () => /skipped http:\/\/cic02\.icws-test\.invalid/.test(api.sessions.problem ?? ''), 10_000);
      } finally {
        listener.dispose();
      }
      assert.equal(api.sessions.status, 'offline');
      assert.deepEqual(asked, [], 'a silent login asked');
      assert.deepEqual(exchanges.filter((exchange) => exchange.template === '/icws/connection').map((exchange) => new URL(exchange.url).origin), [inactive.url], 'one silent login, to the server');
      assert.deepEqual(exchanges.filter((exchange) => new URL(exchange.url).hostname === new URL(remote).hostname), []);
    });
  });

  it("leaves the user's real server and user ID in settings alone when the simulator starts", async () => {
    const config = () => vscode.workspace.getConfiguration('icws');
    await config().update('serverUrl', 'https://cic01.example.local:8019', vscode.ConfigurationTarget.Global);
    await config().update('userId', 'real.agent', vscode.ConfigurationTarget.Global);
    try {
      const url = await vscode.commands.executeCommand<string>('icws.startSimulator');
      const api = await extensionApi();
      await waitFor('connected to the simulator', () => api.sessions.session?.server === url);
      assert.equal(config().get('serverUrl'), 'https://cic01.example.local:8019');
      assert.equal(config().get('userId'), 'real.agent');
    } finally {
      await vscode.commands.executeCommand('icws.stopSimulator');
      await config().update('serverUrl', undefined, vscode.ConfigurationTarget.Global);
      await config().update('userId', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('keeps a hostile caller name inert and short in the tree and its tooltip', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('icws.connect', { server: simulator.url, userId: 'agent1', password: '1234', rememberPassword: false });
    const name = `<img src=x onerror=alert(1)> [x](command:workbench.action.quit) $(alert) \u202Eevil ${'W'.repeat(10_000)}`;
    const id = await createCall(simulator, { to: 'agent1', name });
    const node = await waitFor('the row', () => api.tree.findNode(id));
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    assert.ok(label.length <= 80, `label of ${label.length} characters`);
    for (const syntax of ['$(', '](', '\u202e']) assert.ok(!label.includes(syntax), `the label keeps ${JSON.stringify(syntax)}`);
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(!tooltip.isTrusted, 'a trusted tooltip would run command links');
    assert.ok(!tooltip.supportHtml && !tooltip.supportThemeIcons);
    assert.ok(!/(^|[^\\])</.test(tooltip.value), 'an unescaped < in the tooltip');
    assert.ok(tooltip.value.length < 3_000, `tooltip of ${tooltip.value.length} characters`);
  });
});
