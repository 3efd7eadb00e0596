// The MCP server: every assistant tool, from the same implementations as VS Code's, on the
// official SDK. Acting tools stay listed (so an assistant learns they exist) but refuse, saying
// which flag turns them on, unless actions are allowed.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AssistantTools } from '../AssistantTools';
import { SCHEMAS, TOOLS } from '../definitions';
import type { AssistantHost } from '../host';

export const ACTIONS_OFF = 'acting tools are off: icws-mcp was started without --allow-actions (or with --read-only); nothing was sent';

/**
 * `ready` settles when the host's sessions are logged in: the server answers the handshake and the
 * tool list at once, and a tool call waits for the logins.
 */
export function createMcpServer(host: AssistantHost, options: { actionsAllowed: boolean; version: string; ready?: Promise<unknown> }): McpServer {
  const tools = new AssistantTools(host, { actionsAllowed: options.actionsAllowed, actionsOffReason: ACTIONS_OFF });
  const server = new McpServer({ name: 'icws-mcp', title: 'ICWS (PureConnect/CIC) live sessions', version: options.version });
  for (const tool of TOOLS) {
    const off = tool.acting && !options.actionsAllowed ? ' Off in this server: start icws-mcp with --allow-actions to use it.' : '';
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: `${tool.modelDescription}${off}`,
        inputSchema: SCHEMAS[tool.name],
        annotations: { title: tool.title, readOnlyHint: !tool.acting, destructiveHint: tool.acting, openWorldHint: tool.acting },
      },
      async (input: unknown) => {
        await options.ready;
        const result = await tools.run(tool.name, input);
        return { content: [{ type: 'text' as const, text: result.text }], isError: result.isError };
      },
    );
  }
  return server;
}
