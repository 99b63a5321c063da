import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { McpServerConfig } from "../../config/settings-schema.js";
import { connectMcpServer } from "./connect-mcp-server.js";
import { failureText } from "./failure-text.js";
import { functionNameForTool } from "./mcp-tool-names.js";
import { withinTimeBox } from "./time-box.js";
import { toolResultText } from "./tool-result-text.js";

export interface McpTool {
  /** `<server>__<tool>`, made a valid OpenAI function name. */
  name: string;
  description: string;
  /** The tool's input as JSON Schema (an object schema). */
  inputSchema: Record<string, unknown>;
}

export interface McpConnections {
  /** Every tool of every server that answered. */
  tools(): McpTool[];
  /** Calls a tool by its `McpTool.name`; failures and timeouts come back as "tool failed: …", never thrown. */
  call(name: string, args: Record<string, unknown>): Promise<string>;
  /** Closes every server, including those skipped, so no child process outlives it. */
  close(): Promise<void>;
}

export interface ConnectMcpServersOptions {
  /** The time box of each server's connect and tool listing, and of each tool call. */
  timeoutMs: number;
  log: (message: string) => void;
  clientName: string;
  clientVersion: string;
}

// OpenAI accepts at most 128 tools in one request.
const MAX_TOOLS = 128;
// A tool's description is the server's to write; this keeps one from filling the prompt.
const MAX_DESCRIPTION = 1024;

/**
 * Connects to every configured MCP server at once; each gets `timeoutMs` and a server that
 * fails or hangs is skipped with one warning. Resolves within about `timeoutMs`, never rejects.
 */
export async function connectMcpServers(
  servers: Record<string, McpServerConfig>,
  options: ConnectMcpServersOptions,
): Promise<McpConnections> {
  const attempts = await Promise.all(
    Object.entries(servers).map(async ([server, config]) => ({
      server,
      connection: await connectMcpServer(config, options),
    })),
  );
  const clients: Client[] = [];
  const closing: Promise<void>[] = [];
  const found: { tool: McpTool; client: Client; toolName: string }[] = [];
  const taken = new Set<string>();
  for (const { server, connection } of attempts) {
    if (!connection.ok) {
      options.log(`MCP server "${server}" skipped: ${connection.problem}`);
      closing.push(connection.closed);
      continue;
    }
    clients.push(connection.client);
    for (const tool of connection.tools) {
      const name = functionNameForTool(server, tool.name, taken);
      taken.add(name);
      const description = (tool.description ?? tool.title ?? "").slice(0, MAX_DESCRIPTION);
      found.push({
        tool: { name, description, inputSchema: tool.inputSchema },
        client: connection.client,
        toolName: tool.name,
      });
    }
  }
  if (found.length > MAX_TOOLS)
    options.log(`MCP: ${found.length - MAX_TOOLS} of ${found.length} tools left out (at most ${MAX_TOOLS})`);
  const offered = found.slice(0, MAX_TOOLS);
  const routes = new Map(offered.map((entry) => [entry.tool.name, entry]));

  return {
    tools: () => offered.map((entry) => entry.tool),
    async call(name, args) {
      const route = routes.get(name);
      if (!route) return `tool failed: there is no tool named "${name}"`;
      try {
        const result = await withinTimeBox(options.timeoutMs, (signal) =>
          route.client.callTool({ name: route.toolName, arguments: args }, undefined, {
            signal,
            timeout: options.timeoutMs,
          }),
        );
        return toolResultText(result);
      } catch (error) {
        return `tool failed: ${failureText(error)}`;
      }
    },
    async close() {
      await Promise.all([...clients.map((client) => client.close().catch(() => undefined)), ...closing]);
    },
  };
}
