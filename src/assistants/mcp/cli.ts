// `icws-mcp`: the ICWS assistant tools as an MCP server on stdio, for assistants outside VS Code.
//   icws-mcp --simulator [--user agent1,agent2] [--allow-actions]
//   ICWS_PASSWORD=… icws-mcp --server https://cic01:8019 --user agent1 [--workgroup Support]
// stdout carries the protocol only; every log line goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Command, InvalidArgumentError } from 'commander';
import type { IcwsLog } from '../../icws';
import type { IcwsSimulator } from '../../simulator';
import { createMcpServer } from './server';
import { StandaloneHost } from './StandaloneHost';

declare const ICWS_MCP_VERSION: string | undefined;
const version = typeof ICWS_MCP_VERSION === 'string' ? ICWS_MCP_VERSION : '0.0.0';

const say = (line: string) => process.stderr.write(`icws-mcp: ${line}\n`);

function userList(value: string): string[] {
  const users = value.split(',').map((user) => user.trim()).filter(Boolean);
  if (!users.length) throw new InvalidArgumentError('expected a user ID, or several separated by commas');
  return users;
}

function serverUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected a URL such as https://cic01:8019');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('expected an http:// or https:// URL');
  return value;
}

const program = new Command()
  .name('icws-mcp')
  .description('The ICWS (Genesys PureConnect/CIC) assistant tools as an MCP server on stdio.')
  .option('--simulator', 'start the embedded ICWS simulator and log in to it')
  .option('--server <url>', 'an ICWS server to log in to (the password comes from the ICWS_PASSWORD environment variable)', serverUrl)
  .option('--user <ids>', 'the user to log in as (with --simulator: several, separated by commas; default agent1)', userList)
  .option('--workgroup <names...>', 'workgroup queues to watch besides each user\'s own queue')
  .option('--allow-actions', 'let assistants act: call control, status, requests, simulated calls (off by default)')
  .option('--read-only', 'never act, whatever else is given (the default)')
  .option('--verbose', 'log requests to stderr')
  .version(version);

async function main(): Promise<void> {
  const options = program.parse().opts<{ simulator?: boolean; server?: string; user?: string[]; workgroup?: string[]; allowActions?: boolean; readOnly?: boolean; verbose?: boolean }>();
  if (options.simulator === !!options.server) program.error('give either --simulator or --server <url>');
  // A password in the URL would sit in the process list and shell history, and in the server URL
  // tools report. Checked here, not in the option's parser: commander's message repeats the value.
  if (options.server && /^[^/]*\/\/[^/?#]*@/.test(options.server)) program.error('--server: leave the user name and password out of the URL (--user names the user; the password comes from ICWS_PASSWORD)');
  if (options.allowActions && options.readOnly) program.error('--allow-actions and --read-only contradict each other; give one');
  const users = options.user ?? (options.simulator ? ['agent1'] : []);
  if (options.server && users.length !== 1) program.error('--server needs exactly one --user <id>');
  const password = options.simulator ? undefined : process.env.ICWS_PASSWORD;
  if (options.server && !password) program.error('set the password in the ICWS_PASSWORD environment variable (it is never a command-line argument)');
  const actionsAllowed = !!options.allowActions;

  const quiet = () => {};
  const log: IcwsLog = { trace: quiet, debug: options.verbose ? say : quiet, info: options.verbose ? say : quiet, warn: say, error: say };
  const host = new StandaloneHost(log);
  let simulator: IcwsSimulator | undefined;
  const shutdown = async (code: number) => {
    await host.close().catch(() => undefined);
    await simulator?.stop().catch(() => undefined);
    process.exit(code);
  };
  const start = async () => {
    let server = options.server;
    if (options.simulator) {
      // Loaded only here: a server's client starts without the simulator's code.
      const { IcwsSimulator } = await import('../../simulator');
      simulator = new IcwsSimulator({ host: '127.0.0.1', port: 0, scenario: 'quiet', log: options.verbose ? (line) => say(`simulator: ${line}`) : quiet });
      server = await simulator.start();
      host.useSimulator(simulator);
      say(`simulator at ${server}`);
    }
    for (const userId of users) {
      const known = simulator?.directory.user(userId);
      if (simulator && !known) throw new Error(`the simulator has no user "${userId}" (it has ${simulator.directory.directory.users.map((u) => u.userId).join(', ')})`);
      await host.login({ server: server!, userId, password: known?.password ?? password!, simulator: !!simulator, workgroups: options.workgroup ?? [], allowAssistants: actionsAllowed });
      say(`logged in as ${userId}`);
    }
  };
  // The handshake and the tool list answer at once; tool calls wait for the logins.
  const ready = start().catch(async (error: unknown) => {
    say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  });
  const mcp = createMcpServer(host, { actionsAllowed, version, ready });
  const transport = new StdioServerTransport();
  mcp.server.onclose = () => void shutdown(0);
  process.stdin.on('end', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  await mcp.connect(transport);
  await ready;
  say(`ready (${actionsAllowed ? 'acting tools on' : 'read-only'})`);
}

void main();
