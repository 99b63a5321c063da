import { appendFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

// A small issue tracker as a real MCP server, built with the SDK. Run as its own process it
// speaks stdio (`node --import bench/resolve-ts-imports.ts test/harness/mcp-test-server.ts`), or
// with the argument `hang` starts and never answers; in-process, `startHttpMcpServer` serves it
// over HTTP. Its reads say so (`readOnlyHint`); `close_issue` writes. With MCP_CALL_LOG set, each
// tool call and resource read is appended to that file as a JSON line, for tests to see what ran.

export const ISSUE_TEXT =
  "ENG-42: Checkout answers 500 when the cart holds a discontinued product. Expected: drop the product and tell the buyer.";

const READ_ONLY = { readOnlyHint: true };

function logCall(what: string, args: unknown): void {
  const log = process.env.MCP_CALL_LOG;
  if (log) appendFileSync(log, `${JSON.stringify({ what, args })}\n`);
}

export function createIssueServer(): McpServer {
  const server = new McpServer({ name: "nectr-test-issues", version: "1.0.0" });
  server.registerTool(
    "get_issue",
    {
      description: "An issue of the tracker by its id, like ENG-42",
      inputSchema: { id: z.string() },
      annotations: READ_ONLY,
    },
    ({ id }) => {
      logCall("get_issue", { id });
      return id === "ENG-42"
        ? { content: [{ type: "text", text: ISSUE_TEXT }] }
        : { content: [{ type: "text", text: `no issue ${id}` }], isError: true };
    },
  );
  server.registerTool(
    "close_issue",
    {
      description: "Closes an issue of the tracker, like ENG-42",
      inputSchema: { id: z.string() },
      annotations: { readOnlyHint: false, destructiveHint: true },
    },
    ({ id }) => {
      logCall("close_issue", { id });
      return { content: [{ type: "text", text: `closed ${id}` }] };
    },
  );
  server.registerTool(
    "environment_names",
    { description: "The names of the variables in this server's environment, one a line", annotations: READ_ONLY },
    () => ({ content: [{ type: "text", text: Object.keys(process.env).sort().join("\n") }] }),
  );
  server.registerTool(
    "never_answers",
    { description: "Takes forever", annotations: READ_ONLY },
    () => new Promise<never>(() => {}),
  );
  server.registerResource(
    "issue",
    new ResourceTemplate("tracker://issues/{id}", { list: undefined }),
    { description: "An issue of the tracker by its id" },
    (uri, { id }) => {
      logCall("read issue", { id });
      return { contents: [{ uri: uri.href, text: id === "ENG-42" ? ISSUE_TEXT : `no issue ${String(id)}` }] };
    },
  );
  return server;
}

/** How a test configures this file as a stdio server, run by the test's own Node. */
export function stdioServerConfig(options: { hang?: boolean; env?: Record<string, string> } = {}) {
  const resolveHook = fileURLToPath(new URL("../../bench/resolve-ts-imports.ts", import.meta.url));
  return {
    command: process.execPath,
    args: ["--import", resolveHook, fileURLToPath(import.meta.url), ...(options.hang ? ["hang"] : [])],
    env: options.env ?? {},
  };
}

export interface HttpMcpServer {
  url: string;
  /** The Authorization header of every request, to check configured headers are sent. */
  authorizations: string[];
  close(): Promise<void>;
}

/**
 * The issue server on 127.0.0.1 at a random port: `streamable` is Streamable HTTP (stateless),
 * `sse` the older HTTP+SSE transport (refusing Streamable HTTP's POST with 405, as such servers
 * do), `silent` accepts connections and never answers.
 */
export async function startHttpMcpServer(kind: "streamable" | "sse" | "silent" = "streamable"): Promise<HttpMcpServer> {
  const authorizations: string[] = [];
  const sseSessions = new Map<string, SSEServerTransport>();
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? "");
    if (kind === "streamable") void answerStreamable(request, response);
    if (kind === "sse") void answerSse(request, response, sseSessions);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the MCP test server has no port");
  return {
    url: `http://127.0.0.1:${address.port}/${kind === "sse" ? "sse" : "mcp"}`,
    authorizations,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function answerStreamable(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "POST") {
    response.writeHead(405).end();
    return;
  }
  const mcp = createIssueServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  response.on("close", () => void mcp.close());
  await mcp.connect(transport);
  await transport.handleRequest(request, response);
}

async function answerSse(
  request: IncomingMessage,
  response: ServerResponse,
  sessions: Map<string, SSEServerTransport>,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  if (request.method === "GET" && url.pathname === "/sse") {
    const transport = new SSEServerTransport("/messages", response);
    sessions.set(transport.sessionId, transport);
    response.on("close", () => sessions.delete(transport.sessionId));
    await createIssueServer().connect(transport);
    return;
  }
  const session = sessions.get(url.searchParams.get("sessionId") ?? "");
  if (request.method === "POST" && url.pathname === "/messages" && session) {
    await session.handlePostMessage(request, response);
    return;
  }
  response.writeHead(405).end();
}

if (import.meta.main) {
  if (process.argv[2] === "hang") {
    // Reads and drops whatever the client sends, so the initialize request is never answered.
    process.stdin.resume();
    process.stdin.on("end", () => process.exit(0));
  } else {
    await createIssueServer().connect(new StdioServerTransport());
  }
}
