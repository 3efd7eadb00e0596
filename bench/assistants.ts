// The assistant tools: a read-only tool call with 10,000 interactions cached, and `icws-mcp`
// started over stdio until its tool list arrives (what an MCP client waits for).
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { AssistantTools } from '../src/assistants';
import { StandaloneHost } from '../src/assistants/mcp/StandaloneHost';
import { type QueueContentsMessage, silentLog, URN } from '../src/icws';
import { IcwsSimulator } from '../src/simulator';

type Report = (figure: string, measured: string, target: string, met: boolean) => void;
type Sized = <T>(smoke: T, quick: T, long: T) => T;

export const ASSISTANT_FIGURES = [
  'assistant tool call, 10,000 interactions cached (list newest 50, median)',
  'assistant tool call, 10,000 interactions cached (get one, median)',
  'assistant tool call, 10,000 interactions cached (text search over all, median)',
  'icws-mcp start to tool list',
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(2)} ms`;

function tenThousand(): QueueContentsMessage {
  const states = ['A', 'C', 'H', 'E'];
  return {
    __type: URN.queueContentsMessage,
    subscriptionId: 'bench-10k',
    isDelta: false,
    interactionsAdded: Array.from({ length: 10_000 }, (_, i) => ({
      interactionId: String(2_000_000_000 + i),
      attributes: { Eic_State: states[i % 4]!, Eic_CallStateString: 'Connected', Eic_RemoteName: `Caller ${i}`, Eic_RemoteAddress: `+1317555${String(i).padStart(4, '0')}`, Eic_WorkgroupName: i % 2 ? 'Support' : 'Sales', Eic_LocalUserId: 'agent1', Eic_CallDirection: 'I', Eic_ObjectType: 'Call' },
    })),
    interactionsChanged: [],
    interactionsRemoved: [],
  } as QueueContentsMessage;
}

export async function benchAssistants(report: Report, root: string, sized: Sized): Promise<void> {
  console.log('10. assistant tools and icws-mcp');
  const simulator = new IcwsSimulator({ port: 0, scenario: 'quiet', log: () => {} });
  await simulator.start();
  const host = new StandaloneHost(silentLog);
  try {
    const { session } = await host.login({ server: simulator.url, userId: 'agent1', password: '1234', simulator: true, workgroups: [], allowAssistants: false });
    session.queues.cache.apply(tenThousand());
    const tools = new AssistantTools(host, { actionsAllowed: false });
    const runs = sized(20, 200, 1_000);
    const time = async (name: string, input: unknown) => {
      await tools.run(name, input); // warm: the first call compiles the redactor's pattern
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const result = await tools.run(name, input);
        times.push(performance.now() - started);
        if (result.isError) throw new Error(`${name} failed: ${result.text}`);
      }
      return median(times);
    };
    const list = await time('icws_list_interactions', {});
    report(ASSISTANT_FIGURES[0]!, ms(list), '< 5 ms', list < 5);
    const get = await time('icws_get_interaction', { interactionId: '2000009999' });
    report(ASSISTANT_FIGURES[1]!, ms(get), '< 5 ms', get < 5);
    // The worst read: every cached interaction's caller, number, workgroup and user tested.
    const search = await time('icws_list_interactions', { text: 'caller 99' });
    report(ASSISTANT_FIGURES[2]!, `${ms(search)} (111 match, 50 returned)`, '< 5 ms', search < 5);
  } finally {
    await host.close();
    await simulator.stop();
  }

  const starts: number[] = [];
  for (let i = 0; i < sized(1, 3, 5); i++) {
    const started = performance.now();
    const transport = new StdioClientTransport({ command: process.execPath, args: [join(root, 'dist', 'icws-mcp.js'), '--simulator'], stderr: 'ignore' });
    const client = new Client({ name: 'bench', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    starts.push(performance.now() - started);
    if (tools.length === 0) throw new Error('icws-mcp listed no tools');
    await client.close();
  }
  const start = median(starts);
  report(ASSISTANT_FIGURES[3]!, `${start.toFixed(0)} ms (spawn, handshake, tools/list)`, '< 500 ms', start < 500);
}
