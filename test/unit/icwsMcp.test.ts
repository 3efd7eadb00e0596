// `icws-mcp` as an MCP client sees it: the bundled server started over stdio by the SDK's client,
// its tools listed, a call created on its simulator and transferred (only with --allow-actions),
// a hostile caller name kept inside the data, and no session secret in any result.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { parseToolText, TOOLS } from '../../src/assistants';
import type { IcwsSimulator } from '../../src/simulator';
import { assertNoSecret, HOSTILE_CALLER, sessionSecrets } from '../support/assistants';
import { createCall, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

const CLI = resolve(__dirname, '../../../dist/icws-mcp.js');

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Started {
  client: Client;
  /** What the server wrote to stderr (its log), for failure messages. */
  stderr: () => string;
  /** Errors the client met reading stdout (anything there but protocol). */
  errors: Error[];
  call(name: string, input: Record<string, unknown>): Promise<{ text: string; isError: boolean; data: Data }>;
}

async function startMcp(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, ...args], env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const client = new Client({ name: 'icws-mcp-test', version: '1.0.0' });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  return {
    client,
    stderr: () => log,
    errors,
    async call(name, input) {
      const result = await client.callTool({ name, arguments: input });
      const content = result.content as { type: string; text: string }[];
      assert.equal(content.length, 1, `${name} answers with one text`);
      const text = content[0]!.text;
      return { text, isError: result.isError === true, data: parseToolText(text).data as Data };
    },
  };
}

describe('icws-mcp over stdio', function () {
  this.timeout(30_000);
  const clients: Client[] = [];
  const started = async (args: string[], env?: Record<string, string>) => {
    const mcp = await startMcp(args, env);
    clients.push(mcp.client);
    return mcp;
  };
  afterEach(async function () {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  it('lists the tools, creates a call on its simulator and transfers it with --allow-actions', async function () {
    const mcp = await started(['--simulator', '--user', 'agent1,agent2', '--allow-actions']);
    const { tools } = await mcp.client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name), TOOLS.map((tool) => tool.name));
    for (const tool of tools) assert.equal(tool.inputSchema.type, 'object');
    assert.ok(!tools.some((tool) => tool.description?.includes('Off in this server')));

    const created = await mcp.call('icws_create_call', { to: 'agent1', name: HOSTILE_CALLER });
    assert.ok(!created.isError, created.text);
    const id = created.data.interactionId as string;
    const listed = await waitFor('the call on agent1', async () => {
      const result = await mcp.call('icws_list_interactions', { session: 'agent1' });
      return result.data.sessions[0].interactions.some((item: Data) => item.interactionId === id) ? result : undefined;
    });
    const { outside } = parseToolText(listed.text);
    assert.ok(!outside.includes('ignore previous'), 'the caller name stays inside the data block');
    assert.equal(listed.data.sessions[0].interactions[0].caller.name, HOSTILE_CALLER);

    const moved = await mcp.call('icws_call_control', { interactionId: id, action: 'blindTransfer', target: 'agent2' });
    assert.ok(!moved.isError, moved.text);
    await waitFor('the call on agent2', async () => (await mcp.call('icws_list_interactions', { session: 'agent2' })).data.sessions[0].interactions.some((item: Data) => item.interactionId === id));
    assert.deepEqual(mcp.errors, [], `only protocol on stdout; stderr: ${mcp.stderr()}`);
  });

  it('refuses acting tools without --allow-actions, saying which flag turns them on', async function () {
    const mcp = await started(['--simulator']);
    const { tools } = await mcp.client.listTools();
    const createTool = tools.find((tool) => tool.name === 'icws_create_call');
    assert.match(createTool?.description ?? '', /Off in this server: start icws-mcp with --allow-actions/);
    const refused = await mcp.call('icws_create_call', { to: 'agent1' });
    assert.ok(refused.isError);
    assert.match(refused.data.error, /--allow-actions/);
    const listed = await mcp.call('icws_list_interactions', {});
    assert.equal(listed.data.sessions[0].matchingInteractions, 0, 'no call was created');
  });

  it('logs in to a server with the password from ICWS_PASSWORD, and no result carries a session secret', async function () {
    const simulator: IcwsSimulator = await startSimulator();
    try {
      const mcp = await started(['--server', simulator.url, '--user', 'agent1', '--allow-actions'], { ICWS_PASSWORD: '1234' });
      const id = await createCall(simulator, { to: 'agent1', name: 'Pat' });
      const texts: string[] = [];
      const call = async (name: string, input: Record<string, unknown>) => {
        const result = await mcp.call(name, input);
        texts.push(result.text);
        return result;
      };
      await waitFor('the call', async () => (await call('icws_list_interactions', {})).data.sessions[0].matchingInteractions === 1);
      assert.ok(!(await call('icws_call_control', { interactionId: id, action: 'pickup' })).isError);
      await call('icws_get_interaction', { interactionId: id });
      await call('icws_session_health', {});
      await call('icws_search_traffic', { filter: '' , limit: 100 });
      await call('icws_run_request', { request: 'GET /connection' });
      await call('icws_create_call', { to: 'agent1' });
      const secrets = sessionSecrets(simulator);
      for (const text of texts) assertNoSecret(text, secrets, '1234', 'an icws-mcp result');
      assert.ok(!mcp.stderr().includes('1234 '), 'the password is not logged');
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      await simulator.stop();
    }
  });

  it('says what is missing instead of starting, and writes nothing to stdout', function () {
    const noPassword = spawnSync(process.execPath, [CLI, '--server', 'http://127.0.0.1:9', '--user', 'agent1'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    assert.notEqual(noPassword.status, 0);
    assert.match(noPassword.stderr, /ICWS_PASSWORD/);
    assert.equal(noPassword.stdout, '');
    const both = spawnSync(process.execPath, [CLI, '--simulator', '--allow-actions', '--read-only'], { encoding: 'utf8' });
    assert.notEqual(both.status, 0);
    assert.match(both.stderr, /--allow-actions and --read-only contradict/);
    const inUrl = spawnSync(process.execPath, [CLI, '--server', 'http://agent1:hunter22@127.0.0.1:9', '--user', 'agent1'], { env: { PATH: process.env.PATH ?? '', ICWS_PASSWORD: '1234' }, encoding: 'utf8' });
    assert.notEqual(inUrl.status, 0, 'a password in the URL is refused');
    assert.match(inUrl.stderr, /leave the user name and password out of the URL/);
    assert.ok(!inUrl.stderr.includes('hunter22') && !inUrl.stdout.includes('hunter22'), 'the password is not echoed');
  });
});
