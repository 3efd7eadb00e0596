// The assistant tools inside VS Code: listed by vscode.lm.tools, the read-only ones answered
// through vscode.lm.invokeTool from a live session (no secret in any answer), the acting ones'
// confirmation naming the session, and the refusal on a production profile.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { parseToolText, TOOLS } from '../../../src/assistants';
import type { ConnectionProfile, IcwsSession } from '../../../src/icws';
import type { IcwsSimulator } from '../../../src/simulator';
import { assertNoSecret, HOSTILE_CALLER, sessionSecrets } from '../../support/assistants';
import { createCall, simulatedState } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connectedSimulator, extensionApi } from './support';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const token = () => new vscode.CancellationTokenSource().token;

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

describe('assistant tools (inside VS Code)', () => {
  const current = connectedSimulator();
  let simulator: IcwsSimulator;
  const texts: string[] = [];
  before(() => (simulator = current()));

  const invoke = async (name: string, input: object): Promise<{ text: string; data: Data }> => {
    const text = textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token()));
    texts.push(text);
    return { text, data: parseToolText(text).data as Data };
  };

  it('lists every tool in vscode.lm.tools, with its schema and tags', () => {
    for (const tool of TOOLS) {
      const listed = vscode.lm.tools.find((info) => info.name === tool.name);
      assert.ok(listed, `${tool.name} is listed`);
      assert.equal(listed.description, tool.modelDescription);
      assert.ok(listed.tags.includes(tool.acting ? 'icws-acting' : 'icws-read-only'));
      assert.equal((listed.inputSchema as { type?: string } | undefined)?.type, 'object');
    }
  });

  it('answers each read-only tool from the live session, with no secret in any answer', async () => {
    const api = await extensionApi();
    const id = await createCall(simulator, { to: 'agent1', name: HOSTILE_CALLER });
    await waitFor('the call in the cache', () => api.sessions.sessions[0]?.queues.cache.find(id));
    const listed = await invoke('icws_list_interactions', {});
    const item = listed.data.sessions[0].interactions.find((entry: Data) => entry.interactionId === id);
    assert.equal(item.caller.name, HOSTILE_CALLER);
    assert.ok(!parseToolText(listed.text).outside.includes('ignore previous'));
    const one = await invoke('icws_get_interaction', { interactionId: id });
    assert.equal(one.data.state, 'A');
    assert.ok(one.data.allowedActions.includes('pickup'));
    const traffic = await invoke('icws_search_traffic', { filter: 'is:request /connection' });
    assert.ok(traffic.data.entries.some((entry: Data) => entry.path.startsWith('/icws/connection') && entry.method === 'POST'), 'the login is recorded');
    const operation = await invoke('icws_describe_operation', { path: '/interactions/{interactionId}/pickup' });
    assert.equal(operation.data.operations[0].method, 'POST');
    const health = await invoke('icws_session_health', {});
    assert.equal(health.data.up, true);
    assert.ok(health.data.subscriptions.length >= 1);
    assert.equal(health.data.health.stream.state, 'open', 'from the Session Health model');
    const secrets = sessionSecrets(simulator);
    for (const text of texts) assertNoSecret(text, secrets, '1234', 'a tool answer');
  });

  it('confirms an acting tool naming the session, its server and the action', async () => {
    const api = await extensionApi();
    const session = api.sessions.sessions[0]!;
    const profile = api.sessions.profileOf(session)!;
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call in the cache', () => session.queues.cache.find(id));
    const tool = api.assistantTools.get('icws_call_control')!;
    const prepared = await tool.prepareInvocation!({ input: { interactionId: id, action: 'pickup' } }, token());
    const message = prepared?.confirmationMessages?.message;
    // Markdown-escaped where it shows (`127\.0\.0\.1`): compared without the escapes.
    const text = (typeof message === 'string' ? message : (message?.value ?? '')).replace(/\\/g, '');
    assert.ok(text.includes(profile.name), `the confirmation names the session: ${text}`);
    assert.ok(text.includes(simulator.url), 'and its server');
    assert.match(text, /pickup on interaction/i);
  });

  it('refuses to act on a production profile that does not allow assistants, and sends nothing', async () => {
    const api = await extensionApi();
    const session = api.sessions.sessions[0]!;
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call in the cache', () => session.queues.cache.find(id));
    // Profiles are settings-made on this branch: the service's answer is replaced for this test only.
    const real = api.sessions.profileOf.bind(api.sessions);
    api.sessions.profileOf = (s: IcwsSession): ConnectionProfile | undefined => {
      const profile = real(s);
      return profile && { ...profile, name: 'agent1 @ production', production: true, allowAssistants: false };
    };
    try {
      const tool = api.assistantTools.get('icws_call_control')!;
      const input = { interactionId: id, action: 'pickup' };
      const prepared = await tool.prepareInvocation!({ input }, token());
      assert.equal(prepared?.confirmationMessages, undefined, 'nothing to confirm');
      assert.match(String(prepared?.invocationMessage), /Refused: "agent1 @ production" is a production profile/);
      const answer = textOf((await tool.invoke({ input, toolInvocationToken: undefined }, token()))!);
      assert.match(answer, /does not allow assistants to act/);
      assert.equal(simulatedState(simulator, id), 'A', 'the pickup was not sent');
    } finally {
      api.sessions.profileOf = real;
    }
  });
});
