import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { ResourceTemplate, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "../../config/settings-schema.js";
import { failureText } from "./failure-text.js";
import { withinTimeBox } from "./time-box.js";

export interface McpClientOptions {
  timeoutMs: number;
  clientName: string;
  clientVersion: string;
}

export type McpServerConnection =
  | { ok: true; client: Client; tools: Tool[]; templates: ResourceTemplate[] }
  | { ok: false; problem: string; closed: Promise<void> };

/** Stops a server that lists tools or templates page after page from holding the connection open. */
const MAX_PAGES = 20;
/** Characters of a stdio server's stderr kept to explain why it failed. */
const STDERR_TAIL = 500;

/**
 * Starts or reaches one MCP server, does the initialize handshake and lists its tools and resource
 * templates, all within `timeoutMs`. Never throws: a server that fails or hangs comes back as a problem, with
 * its clean-up (which may take a stubborn child process a few seconds) still running in `closed`.
 */
export async function connectMcpServer(
  config: McpServerConfig,
  options: McpClientOptions,
): Promise<McpServerConnection> {
  const clients: Client[] = [];
  const stderr = { tail: "" };
  const connect = async (transport: Transport, signal: AbortSignal): Promise<Client> => {
    const client = new Client({ name: options.clientName, version: options.clientVersion });
    clients.push(client);
    // The SDK's own 60 s request timeout would otherwise cut a longer time box short.
    await client.connect(transport, { signal, timeout: options.timeoutMs });
    return client;
  };
  try {
    return await withinTimeBox(options.timeoutMs, async (signal) => {
      const client =
        "command" in config
          ? await connect(stdioTransport(config, stderr), signal)
          : await connectOverHttp(config, (transport) => connect(transport, signal));
      const requestOptions = { signal, timeout: options.timeoutMs };
      const [tools, templates] = await Promise.all([
        listTools(client, requestOptions),
        listTemplates(client, requestOptions),
      ]);
      return { ok: true, client, tools, templates };
    });
  } catch (error) {
    const closed = Promise.all(clients.map((client) => client.close().catch(() => undefined))).then(() => undefined);
    const lastLine = stderr.tail.trim().split("\n").at(-1);
    const reason = failureText(error);
    return { ok: false, problem: lastLine ? `${reason} (stderr: ${lastLine})` : reason, closed };
  }
}

/** Only PATH and HOME of nectr's own environment: its secrets (GH_TOKEN, OPENAI_API_KEY, …) stay out of third-party servers. */
function serverEnvironment(configured: Record<string, string> | undefined): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const key of ["PATH", "HOME"]) {
    const value = process.env[key];
    if (value !== undefined) inherited[key] = value;
  }
  return { ...inherited, ...configured };
}

function stdioTransport(config: Extract<McpServerConfig, { command: string }>, stderr: { tail: string }): Transport {
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    env: serverEnvironment(config.env),
    // Piped rather than inherited: a server's chatter must not reach nectr's stderr, but its last words explain a failure.
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr.tail = (stderr.tail + chunk.toString("utf8")).slice(-STDERR_TAIL);
  });
  return transport;
}

/**
 * Streamable HTTP first; a 4xx answer means a server on the older HTTP+SSE transport, as the MCP
 * spec's backwards-compatibility section says
 * (https://modelcontextprotocol.io/specification/2025-03-26/basic/transports#backwards-compatibility).
 */
async function connectOverHttp(
  config: Extract<McpServerConfig, { url: string }>,
  connect: (transport: Transport) => Promise<Client>,
): Promise<Client> {
  const url = new URL(config.url);
  const requestInit = { headers: config.headers ?? {} };
  try {
    return await connect(new StreamableHTTPClientTransport(url, { requestInit }));
  } catch (error) {
    const refused =
      error instanceof StreamableHTTPError && error.code !== undefined && error.code >= 400 && error.code < 500;
    if (!refused) throw error;
    return await connect(new SSEClientTransport(url, { requestInit }));
  }
}

async function listTools(client: Client, requestOptions: RequestOptions): Promise<Tool[]> {
  if (!client.getServerCapabilities()?.tools) return [];
  return everyPage(async (cursor) => {
    const result = await client.listTools(cursor === undefined ? {} : { cursor }, requestOptions);
    return { items: result.tools, next: result.nextCursor };
  });
}

async function listTemplates(client: Client, requestOptions: RequestOptions): Promise<ResourceTemplate[]> {
  if (!client.getServerCapabilities()?.resources) return [];
  return everyPage(async (cursor) => {
    const result = await client.listResourceTemplates(cursor === undefined ? {} : { cursor }, requestOptions);
    return { items: result.resourceTemplates, next: result.nextCursor };
  });
}

async function everyPage<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; next?: string }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await read(cursor);
    items.push(...result.items);
    cursor = result.next;
    if (cursor === undefined) break;
  }
  return items;
}
