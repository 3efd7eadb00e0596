// A full session at Trace level (login, messages, transfers, consult, errors), then a search of
// every log line, every error message, the settings and the extension's state for the password,
// the CSRF token, the cookie value and the session id: none may appear outside SecretStorage.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ConsultTransfer, HttpExchange } from '../../../src/icws';
import { DEFAULT_DIRECTORY, type IcwsSimulator } from '../../../src/simulator';
import { control, createCall, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { profileSecretKeys } from '../../../src/vscode/session/SessionSecrets';
import { EXTENSION_ID, extensionApi } from './support';

/** Every string reachable from a value: own properties (enumerable or not), getters, call results of the API's no-argument functions. */
function reachableStrings(root: unknown): string[] {
  const strings: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value === 'string') strings.push(value);
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value) || depth > 12) return;
    seen.add(value);
    if (typeof value === 'function' && value.length === 0) {
      try {
        visit(value(), depth + 1);
      } catch {
        // not a getter-like function
      }
    }
    for (let object: object | null = value as object; object && object !== Object.prototype && object !== Function.prototype; object = Object.getPrototypeOf(object)) {
      for (const key of Object.getOwnPropertyNames(object)) {
        if (key === 'constructor' || key === 'caller' || key === 'callee' || key === 'arguments') continue;
        try {
          visit((value as Record<string, unknown>)[key], depth + 1);
        } catch {
          // a throwing getter
        }
      }
    }
  };
  visit(root, 0);
  return strings;
}

const PASSWORD = 'Trace-Level-Secret-8214!';

describe('secrets never leave SecretStorage (inside VS Code)', () => {
  let simulator: IcwsSimulator;
  before(async () => {
    const directory = { ...DEFAULT_DIRECTORY, users: DEFAULT_DIRECTORY.users.map((u) => (u.userId === 'agent1' ? { ...u, password: PASSWORD } : u)) };
    simulator = await startSimulator({ pace: 'extension', directory });
  });
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await simulator.stop();
  });

  it('finds no password, CSRF token, cookie value or session id in logs, errors, settings or state', async () => {
    const api = await extensionApi();
    const lines: string[] = [];
    const tee = api.log.tee(({ line }) => lines.push(line));
    const exchanges: HttpExchange[] = [];
    try {
      assert.equal(await vscode.commands.executeCommand('icws.connect', { server: simulator.url, userId: 'agent1', password: PASSWORD, rememberPassword: true }), true);
      const session = api.sessions.session!;
      session.http.onExchange((exchange) => exchanges.push(exchange));
      const saved = await session.save();
      const cookieValue = saved.cookie.slice(saved.cookie.indexOf('=') + 1);

      // Traffic of every kind: messages, actions, a consult, server errors, a lost response.
      const id = await createCall(simulator, { to: 'agent1', name: 'Secret Test' });
      await waitFor('call', () => api.tree.findNode(id));
      await vscode.commands.executeCommand('icws.pickup', id);
      await waitFor('connected', () => simulator.callCenter.find(id)?.attributes.get('eic_state')?.value === 'C');
      const consult = await vscode.commands.executeCommand<ConsultTransfer>('icws.consultTransfer', id, { target: '7002' });
      await vscode.commands.executeCommand('icws.cancelConsult', consult);
      await vscode.commands.executeCommand('icws.pickup', '1999999999'); // 404 from the server
      await vscode.commands.executeCommand('icws.blindTransfer', id, { target: 'no such user' }); // rejected before sending
      await control(simulator, 'POST', '/simulator/faults', { loseResponse: { match: 'blind-transfer', mode: 'reset', count: 1 } });
      await vscode.commands.executeCommand('icws.blindTransfer', id, { target: '7002' });
      await waitFor('lines logged', () => lines.some((line) => /blind-transfer -> failed/.test(line)));

      const everything = [
        ...lines,
        ...exchanges.map((exchange) => JSON.stringify(exchange)),
        JSON.stringify(vscode.workspace.getConfiguration('icws')),
        JSON.stringify(api.state.global.keys().map((key) => [key, api.state.global.get(key)])),
        JSON.stringify(api.state.workspace.keys().map((key) => [key, api.state.workspace.get(key)])),
      ].join('\n');
      // What any other extension can read: the exports, walked deep.
      const exported = vscode.extensions.getExtension(EXTENSION_ID)!.exports;
      assert.equal(exported.apiVersion, 1);
      assert.ok(Array.isArray(exported.interactions()), 'the API lists interactions');
      const reachable = reachableStrings(exported);
      assert.ok(reachable.length > 0, 'the walk found the API');
      for (const [name, secret] of [['password', PASSWORD], ['CSRF token', saved.csrfToken], ['cookie value', cookieValue], ['session id', saved.sessionId]] as const) {
        assert.ok(!reachable.some((text) => text.includes(secret)), `the ${name} is reachable from the extension's exports`);
      }
      assert.ok(lines.some((line) => line.includes('request body')), 'trace lines were written');
      assert.ok(lines.some((line) => /\/icws\/\{sessionId\}\/interactions\/\d+\/consult -> 201/.test(line)), 'paths keep interaction ids and mask the session id');
      for (const [name, secret] of [['password', PASSWORD], ['CSRF token', saved.csrfToken], ['cookie value', cookieValue], ['session id', saved.sessionId]] as const) {
        assert.ok(!everything.includes(secret), `the ${name} appears outside SecretStorage`);
      }
      // Every profile's secrets are under its own keys in SecretStorage, and only there.
      const profile = api.sessions.profileOf(session)!;
      const keys = profileSecretKeys(profile.id);
      assert.equal(await api.secrets.get(keys.password), PASSWORD);
      assert.equal(JSON.parse((await api.secrets.get(keys.session)) ?? '{}').sessionId, saved.sessionId);
      for (const other of api.sessions.knownProfiles()) {
        for (const key of Object.values(profileSecretKeys(other.id))) {
          const value = await api.secrets.get(key);
          if (value) assert.ok(!everything.includes(value), `a secret of ${other.name} (${key}) appears outside SecretStorage`);
        }
      }
    } finally {
      tee.dispose();
    }
  });
});
