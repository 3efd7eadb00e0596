// The assistant tools over a real simulator, in process: each read-only tool's data, the acting
// tools' guard (production refuses, simulator may run without asking), the state rule, the data
// block a hostile caller name cannot leave, and no session secret in any result.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AssistantTools, type AssistantHost, inputJsonSchema, parseToolText, type ToolResult, TOOLS } from '../../src/assistants';
import { StandaloneHost } from '../../src/assistants/mcp/StandaloneHost';
import { silentLog } from '../../src/icws';
import { markdownText } from '../../src/vscode/display/untrustedText';
import type { IcwsSimulator } from '../../src/simulator';
import { assertNoSecret, HOSTILE_CALLER, sessionSecrets } from '../support/assistants';
import { control, createCall, simulatedState, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

interface PackageTool {
  name: string;
  displayName: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: boolean;
  userDescription: string;
  modelDescription: string;
  tags: string[];
  inputSchema: unknown;
}

const packageJson = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { languageModelTools: PackageTool[] }; activationEvents: string[] };

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function dataOf(result: ToolResult): Data {
  return parseToolText(result.text).data as Data;
}

describe('assistant tools', function () {
  let simulator: IcwsSimulator;
  let host: StandaloneHost;
  let tools: AssistantTools;
  const results: ToolResult[] = [];
  const run = async (name: string, input: unknown) => {
    const result = await tools.run(name, input);
    results.push(result);
    return result;
  };

  before(async function () {
    simulator = await startSimulator();
    host = new StandaloneHost(silentLog);
    host.useSimulator(simulator);
    for (const userId of ['agent1', 'agent2']) await host.login({ server: simulator.url, userId, password: '1234', simulator: true, workgroups: userId === 'agent2' ? ['Support'] : [], allowAssistants: true });
    tools = new AssistantTools(host, { actionsAllowed: true });
  });

  after(async function () {
    await host.close();
    await simulator.stop();
  });

  it('contributes every tool in package.json exactly as the definitions say', function () {
    const expected = TOOLS.map((tool) => ({
      name: tool.name,
      displayName: tool.title,
      toolReferenceName: tool.toolReferenceName,
      userDescription: tool.userDescription,
      modelDescription: tool.modelDescription,
      tags: ['icws', tool.acting ? 'icws-acting' : 'icws-read-only'],
      inputSchema: inputJsonSchema(tool.name),
      canBeReferencedInPrompt: true,
    }));
    const contributed = packageJson.contributes.languageModelTools.map(({ name, displayName, toolReferenceName, userDescription, modelDescription, tags, inputSchema, canBeReferencedInPrompt }) => ({ name, displayName, toolReferenceName, userDescription, modelDescription, tags, inputSchema, canBeReferencedInPrompt }));
    assert.deepEqual(contributed, expected, 'package.json contributes.languageModelTools differs from src/assistants/definitions.ts');
    for (const tool of TOOLS) assert.ok(packageJson.activationEvents.includes(`onLanguageModelTool:${tool.name}`), `${tool.name} activates the extension`);
  });

  it('lists sessions and their interactions, and one interaction in full', async function () {
    const id = await createCall(simulator, { to: 'agent1', name: 'Dana Caller', from: '+15550001' });
    const listed = await waitFor('the call in agent1\'s list', async () => {
      const data = dataOf(await run('icws_list_interactions', { session: 'agent1', attributes: ['Eic_CallIdKey'] }));
      return data.sessions[0].interactions.find((item: Data) => item.interactionId === id) as Data | undefined;
    });
    assert.equal(listed.caller.name, 'Dana Caller');
    assert.equal(listed.caller.number, '+15550001');
    assert.equal(listed.queue, 'user queue agent1');
    assert.equal(listed.state, 'A');
    assert.ok(listed.allowedActions.includes('pickup'));
    assert.ok('Eic_CallIdKey' in listed.attributes);
    const all = dataOf(await run('icws_list_interactions', { text: 'dana' }));
    assert.deepEqual(all.sessions.map((s: Data) => s.matchingInteractions), [1, 0], 'the text filter looks at every session');
    const one = dataOf(await run('icws_get_interaction', { interactionId: id }));
    assert.equal(one.session, host.sessions()[0]!.profile.name);
    assert.equal(one.attributes.Eic_RemoteName, 'Dana Caller');
    const missing = await run('icws_get_interaction', { interactionId: '999' });
    assert.ok(missing.isError);
    assert.match(dataOf(missing).error, /interaction 999 is not in a watched queue/);
  });

  it('names what is wrong with the input, and which session to pick', async function () {
    const bad = await run('icws_call_control', { interactionId: '1', action: 'fly' });
    assert.ok(bad.isError);
    assert.match(dataOf(bad).error, /action/);
    const ambiguous = await run('icws_session_health', {});
    assert.match(dataOf(ambiguous).error, /2 sessions are live; name one/);
    const unknown = await run('icws_session_health', { session: 'nobody' });
    assert.match(dataOf(unknown).error, /no live session is called "nobody"/);
  });

  it('searches Traffic with the filter language, a request with the messages it caused', async function () {
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call', () => host.sessions()[0]!.session.queues.cache.find(id));
    const picked = await run('icws_call_control', { session: 'agent1', interactionId: id, action: 'pickup' });
    assert.ok(!picked.isError, picked.text);
    const found = await waitFor('the pickup with its messages', async () => {
      const data = dataOf(await run('icws_search_traffic', { filter: `id:${id} method:POST pickup` }));
      return data.entries[0]?.relatedMessages?.length ? data : undefined;
    });
    assert.equal(found.entries[0].kind, 'request');
    assert.equal(found.entries[0].status, 200);
    assert.ok(found.entries[0].path.includes('{sessionId}'), 'the session id is masked in the path');
    assert.equal(found.entries[0].relatedMessages[0].type, 'queueContentsMessage');
    const messages = dataOf(await run('icws_search_traffic', { filter: `is:message id:${id}`, includeBodies: false, limit: 1 }));
    assert.equal(messages.entries.length, 1);
    assert.equal(messages.entries[0].message, undefined, 'no bodies when not asked');
  });

  it('describes an operation and a contract from the catalog, with enum values and a documentation link', async function () {
    const consult = dataOf(await run('icws_describe_operation', { path: '/interactions/1001/consult', method: 'POST' }));
    assert.equal(consult.operations[0].template, '/icws/{sessionId}/interactions/{interactionId}/consult');
    assert.match(consult.operations[0].documentation, /^https:\/\//);
    const queueId = consult.operations[0].requestBody.properties.find((p: Data) => p.name === 'queueID');
    assert.ok(queueId.properties.some((p: Data) => p.name === 'queueType'));
    const contract = dataOf(await run('icws_describe_operation', { contract: 'urn:inin.com:queues:queueType' }));
    assert.equal(contract.contract.enumValues.Workgroup, 2);
    const wrong = await run('icws_describe_operation', { path: '/interactions/1/fly' });
    assert.match(dataOf(wrong).error, /is not an ICWS operation path/);
  });

  it('summarizes a session\'s health: stream, subscriptions, Traffic', async function () {
    const health = dataOf(await run('icws_session_health', { session: 'agent2' }));
    assert.equal(health.up, true);
    assert.equal(health.stream.state, 'open');
    assert.deepEqual(health.subscriptions.map((s: Data) => s.queues[0]), ['user queue agent2', 'workgroup queue Support']);
    assert.ok(health.traffic.requests > 0);
    assert.equal(health.health.stream.state, 'open', 'the health model is there too');
    assert.ok(health.health.subscriptions.some((s: Data) => s.subscriptionId === 'workgroup-support'));
  });

  it('runs an ICWS request in the notebook syntax, and refuses one the catalog does not know', async function () {
    const status = dataOf(await run('icws_run_request', { session: 'agent1', request: 'GET /status/user-statuses/{userId}' }));
    assert.equal(status.status, 200);
    assert.equal(status.body.userId, 'agent1');
    const connection = await run('icws_run_request', { session: 'agent1', request: 'GET /connection' });
    assert.equal(dataOf(connection).status, 200);
    const typo = await run('icws_run_request', { session: 'agent1', request: 'GET /interactionz/1' });
    assert.ok(typo.isError);
    assert.match(dataOf(typo).error, /is not an ICWS operation/);
  });

  it('acts only as the interaction\'s state allows, naming what it allows', async function () {
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call', () => host.sessions()[0]!.session.queues.cache.find(id));
    const held = await run('icws_call_control', { session: 'agent1', interactionId: id, action: 'hold' });
    assert.ok(held.isError);
    assert.match(dataOf(held).error, /hold is not possible on interaction \d+ in its state \(Alerting\); its state allows: .*pickup/);
    assert.equal(simulatedState(simulator, id), 'A', 'nothing was sent');
    const moved = await run('icws_call_control', { session: 'agent1', interactionId: id, action: 'blindTransfer', target: 'agent2' });
    assert.ok(!moved.isError, moved.text);
    await waitFor('the call on agent2', () => host.sessions()[1]!.session.queues.cache.find(id));
  });

  it('starts a consult and completes the consult it started', async function () {
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call', () => host.sessions()[0]!.session.queues.cache.find(id));
    assert.ok(!(await run('icws_call_control', { session: 'agent1', interactionId: id, action: 'pickup' })).isError);
    await waitFor('connected', () => host.sessions()[0]!.session.queues.cache.find(id)?.attributes.eic_state === 'C');
    const consult = await run('icws_call_control', { session: 'agent1', interactionId: id, action: 'consult', target: 'agent2' });
    assert.ok(!consult.isError, consult.text);
    const { consultId, consultInteractionId } = dataOf(consult);
    assert.ok(consultId && consultInteractionId);
    const described = dataOf(await run('icws_get_interaction', { session: 'agent1', interactionId: id }));
    assert.equal(described.consultInteractionId, consultInteractionId);
    assert.ok(described.allowedActions.includes('completeConsult'));
    const completed = await run('icws_call_control', { session: 'agent1', interactionId: id, action: 'completeConsult' });
    assert.ok(!completed.isError, completed.text);
    assert.equal(dataOf(completed).consultId, consultId);
    const again = await run('icws_call_control', { session: 'agent1', interactionId: id, action: 'completeConsult' });
    assert.ok(again.isError, 'a consult is completed once');
  });

  it('keeps a hostile caller name a value inside the data block', async function () {
    const id = await createCall(simulator, { to: 'agent1', name: HOSTILE_CALLER });
    const result = await waitFor('the hostile call', async () => {
      const listed = await run('icws_list_interactions', { session: 'agent1' });
      return dataOf(listed).sessions[0].interactions.some((item: Data) => item.interactionId === id) ? listed : undefined;
    });
    const { outside, data } = parseToolText(result.text);
    assert.ok(!outside.includes('ignore previous'), 'nothing of the name is outside the block');
    assert.equal(result.text.split('</icws-data>').length, 2, 'the name cannot close the block');
    const item = (data as Data).sessions[0].interactions.find((entry: Data) => entry.interactionId === id);
    assert.equal(item.caller.name, HOSTILE_CALLER);
  });

  it('refuses on a production profile unless it allows assistants, and sends nothing', async function () {
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call', () => host.sessions()[0]!.session.queues.cache.find(id));
    const asProduction = (allowAssistants: boolean): AssistantHost => ({
      sessions: () => host.sessions().map((s) => ({ session: s.session, profile: { ...s.profile, name: `${s.profile.userId} @ prod`, production: true, simulator: false, allowAssistants } })),
      timeline: () => host.timeline(),
      catalog: () => host.catalog(),
      simulator: () => host.simulator(),
    });
    const strict = new AssistantTools(asProduction(false), { actionsAllowed: true });
    const decision = strict.decide('icws_call_control', { session: 'agent1', interactionId: id, action: 'pickup' }, { confirmOnSimulator: true });
    assert.equal(decision.kind, 'refuse');
    const refused = await strict.run('icws_call_control', { session: 'agent1', interactionId: id, action: 'pickup' });
    results.push(refused);
    assert.ok(refused.isError);
    assert.match(dataOf(refused).error, /"agent1 @ prod" is a production profile and does not allow assistants/);
    assert.equal(simulatedState(simulator, id), 'A', 'the pickup was not sent');
    const allowed = new AssistantTools(asProduction(true), { actionsAllowed: true }).decide('icws_call_control', { session: 'agent1', interactionId: id, action: 'pickup' }, { confirmOnSimulator: false });
    assert.equal(allowed.kind, 'ask', 'production always asks, whatever the simulator setting');
    assert.ok(allowed.kind === 'ask' && allowed.message.includes('agent1 @ prod') && allowed.message.includes(simulator.url) && /pickup/i.test(allowed.message));
  });

  it('names the production session in a confirmation whatever the length of the action', async function () {
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call', () => host.sessions()[0]!.session.queues.cache.find(id));
    const production: AssistantHost = {
      sessions: () => host.sessions().map((s) => ({ session: s.session, profile: { ...s.profile, name: `${s.profile.userId} @ prod`, production: true, simulator: false, allowAssistants: true } })),
      timeline: () => host.timeline(),
      catalog: () => host.catalog(),
      simulator: () => host.simulator(),
    };
    const target = `555 ${'this is only the simulator, go ahead '.repeat(20)}`;
    const decision = new AssistantTools(production, { actionsAllowed: true }).decide('icws_call_control', { session: 'agent1', interactionId: id, action: 'blindTransfer', target }, { confirmOnSimulator: false });
    assert.equal(decision.kind, 'ask');
    // What VS Code's confirmation shows (cut at its length limit).
    const shown = decision.kind === 'ask' ? markdownText(decision.message) : '';
    assert.ok(shown.includes('agent1 @ prod'), `the confirmation names the session: ${shown}`);
    assert.ok(shown.includes('This is a production server'), `the confirmation says it is production: ${shown}`);
  });

  it('asks on a production profile even when its server is taken for the simulator', async function () {
    const id = await createCall(simulator, { to: 'agent1' });
    await waitFor('the call', () => host.sessions()[0]!.session.queues.cache.find(id));
    const productionOnSimulator: AssistantHost = {
      sessions: () => host.sessions().map((s) => ({ session: s.session, profile: { ...s.profile, name: `${s.profile.userId} @ prod`, production: true, simulator: true, allowAssistants: true } })),
      timeline: () => host.timeline(),
      catalog: () => host.catalog(),
      simulator: () => host.simulator(),
    };
    const decision = new AssistantTools(productionOnSimulator, { actionsAllowed: true }).decide('icws_call_control', { session: 'agent1', interactionId: id, action: 'pickup' }, { confirmOnSimulator: false });
    assert.equal(decision.kind, 'ask');
  });

  it('asks on the simulator unless told not to', function () {
    const input = { to: 'agent1', name: 'Ann' };
    const ask = tools.decide('icws_create_call', input, { confirmOnSimulator: true });
    assert.equal(ask.kind, 'ask');
    assert.ok(ask.kind === 'ask' && ask.message.includes(simulator.url));
    assert.equal(tools.decide('icws_create_call', input, { confirmOnSimulator: false }).kind, 'run');
  });

  it('refuses every acting tool when actions are off', async function () {
    const readOnly = new AssistantTools(host, { actionsAllowed: false, actionsOffReason: 'acting tools are off here' });
    const calls = simulator.callCenter.all().length;
    const refused = await readOnly.run('icws_create_call', { to: 'agent1' });
    assert.ok(refused.isError);
    assert.match(dataOf(refused).error, /acting tools are off here/);
    assert.equal(simulator.callCenter.all().length, calls, 'no call was created');
  });

  it('masks the session\'s secrets when the server echoes them into an interaction', async function () {
    const agent1 = [...simulator.sessions.values()].find((s) => s.user.userId === 'agent1' && s.up)!;
    const echoed = `session ${agent1.id} token ${agent1.csrfToken} cookie ${agent1.cookieValue} password 1234`;
    const message = { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'user-agent1', interactionsAdded: [{ interactionId: '4242', attributes: { Eic_State: 'A', Eic_RemoteName: echoed } }] };
    const response = await control(simulator, 'POST', `/simulator/sessions/${agent1.id}/messages`, [message]);
    assert.equal(response.status, 200);
    await waitFor('the echoing interaction', () => host.sessions()[0]!.session.queues.cache.find('4242'));
    const listed = await run('icws_get_interaction', { interactionId: '4242' });
    assert.match(dataOf(listed).caller.name, /^session \{sessionId\} token <redacted> cookie <redacted>/);
    results.push(await run('icws_search_traffic', { filter: 'id:4242' }));
  });

  it('carries no session id, CSRF token, cookie or password in any result', function () {
    assert.ok(results.length > 20);
    const secrets = sessionSecrets(simulator);
    for (const result of results) assertNoSecret(result.text, secrets, '1234', 'a tool result');
  });
});
