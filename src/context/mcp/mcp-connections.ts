import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "../../config/settings-schema.js";
import { connectMcpServer } from "./connect-mcp-server.js";
import { failureText } from "./failure-text.js";
import { chooseIssueLookup, lookupArguments, type IssueLookup } from "./issue-lookup.js";
import type { IssueKey } from "./named-issue-keys.js";
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
  /**
   * The tools nectr and the model may call, of every server that answered: those its config entry
   * lists under `tools`, else those the server annotates `readOnlyHint: true`. No other is offered
   * or callable: the model reads a stranger's PR, so it must not reach a tool that writes.
   */
  tools(): McpTool[];
  /** Calls a tool by its `McpTool.name`; failures and timeouts come back as "tool failed: …", never thrown. */
  call(name: string, args: Record<string, unknown>): Promise<string>;
  /** The issue `key` read by nectr itself from every server that can (see issue-lookup.ts); failures left out. */
  lookUp(key: IssueKey): Promise<{ server: string; text: string }[]>;
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
  const lookups: { server: string; client: Client; lookup: IssueLookup }[] = [];
  const taken = new Set<string>();
  for (const { server, connection } of attempts) {
    if (!connection.ok) {
      options.log(`MCP server "${server}" skipped: ${connection.problem}`);
      closing.push(connection.closed);
      continue;
    }
    clients.push(connection.client);
    const permitted = permittedTools(connection.tools, servers[server]?.tools);
    const lookup = chooseIssueLookup(permitted, connection.templates);
    if (lookup) lookups.push({ server, client: connection.client, lookup });
    for (const tool of permitted) {
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
      return callTool(route.client, route.toolName, args, options.timeoutMs);
    },
    async lookUp(key) {
      const answers = await Promise.all(
        lookups.map(async ({ server, client, lookup }) => ({
          server,
          text: await lookUpIssue(client, lookup, key, options.timeoutMs),
        })),
      );
      return answers.filter((answer) => answer.text !== "" && !answer.text.startsWith("tool failed:"));
    },
    async close() {
      await Promise.all([...clients.map((client) => client.close().catch(() => undefined)), ...closing]);
    },
  };
}

function permittedTools(tools: readonly Tool[], listed: readonly string[] | undefined): Tool[] {
  return listed
    ? tools.filter((tool) => listed.includes(tool.name))
    : tools.filter((tool) => tool.annotations?.readOnlyHint === true);
}

async function callTool(client: Client, name: string, args: Record<string, unknown>, timeoutMs: number) {
  try {
    const result = await withinTimeBox(timeoutMs, (signal) =>
      client.callTool({ name, arguments: args }, undefined, { signal, timeout: timeoutMs }),
    );
    return toolResultText(result);
  } catch (error) {
    return `tool failed: ${failureText(error)}`;
  }
}

async function lookUpIssue(client: Client, lookup: IssueLookup, key: IssueKey, timeoutMs: number): Promise<string> {
  if (lookup.kind === "tool") {
    const args = lookupArguments(lookup, key);
    return args ? callTool(client, lookup.tool, args, timeoutMs) : "";
  }
  try {
    const result = await withinTimeBox(timeoutMs, (signal) =>
      client.readResource({ uri: lookup.uriFor(key) }, { signal, timeout: timeoutMs }),
    );
    return result.contents
      .flatMap((part) => ("text" in part && typeof part.text === "string" ? [part.text] : []))
      .join("\n")
      .trim();
  } catch {
    return "";
  }
}
