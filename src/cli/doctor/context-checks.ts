import type { Settings } from "../../config/load-settings.js";
import { neo4jGraphFromSettings } from "../../context/graph/neo4j-graph.js";
import { connectMcpServer } from "../../context/mcp/connect-mcp-server.js";
import { createMem0Memory } from "../../context/memory/mem0-memory.js";
import { version } from "../../version.js";
import { fail, ok, skip, timeBoxed, type CheckResult } from "./check.js";

const TIME_BOX_MS = 10_000;

export async function checkNeo4j(settings: Settings): Promise<CheckResult> {
  const neo4j = settings.neo4j;
  if (!neo4j) return skip("Neo4j", "not configured: the knowledge graph is in SQLite");
  return timeBoxed("Neo4j", TIME_BOX_MS, "check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD", async () => {
    const graph = neo4jGraphFromSettings(neo4j);
    try {
      await graph.hotspots("nectr/doctor-check", 1);
      return ok("Neo4j", `${neo4j.uri} answers`);
    } finally {
      await graph.close();
    }
  });
}

export async function checkMem0(settings: Settings): Promise<CheckResult> {
  if (!settings.mem0ApiKey)
    return skip(
      "Mem0",
      settings.mem0?.oss
        ? "its library runs in process on the LLM endpoint"
        : "not configured: review memory is in SQLite",
    );
  const apiKey = settings.mem0ApiKey;
  return timeBoxed("Mem0", TIME_BOX_MS, "check MEM0_API_KEY (and mem0.host)", async () => {
    const memory = createMem0Memory({
      mode: "platform",
      apiKey,
      ...(settings.mem0?.host && { host: settings.mem0.host }),
    });
    await memory.list("nectr/doctor-check");
    return ok("Mem0", `${settings.mem0?.host ?? "the Mem0 platform"} answers`);
  });
}

/** Each configured MCP server starts (or answers), completes the handshake and lists its tools. */
export async function checkMcpServers(settings: Settings): Promise<CheckResult[]> {
  const servers = Object.entries(settings.mcpServers);
  if (servers.length === 0) return [skip("MCP servers", "none configured")];
  const timeoutMs = settings.mcpTimeoutSeconds * 1000;
  return Promise.all(
    servers.map(async ([name, config]) => {
      const connection = await connectMcpServer(config, {
        timeoutMs,
        clientName: "nectr-doctor",
        clientVersion: version,
      });
      if (!connection.ok) {
        await connection.closed;
        return fail(`MCP server "${name}"`, connection.problem, "check its command or URL in config.json's mcpServers");
      }
      const tools = connection.tools.length;
      await connection.client.close();
      return ok(`MCP server "${name}"`, `answers with ${tools} tool${tools === 1 ? "" : "s"}`);
    }),
  );
}
