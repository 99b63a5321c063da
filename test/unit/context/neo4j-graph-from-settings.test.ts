import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { neo4jGraphFromSettings } from "../../../src/context/graph/neo4j-graph.js";
import { RemoteError, UsageError } from "../../../src/errors.js";

describe("the Neo4j knowledge graph from settings", () => {
  it("gives up within seconds when no server answers", async () => {
    const graph = neo4jGraphFromSettings({
      uri: `bolt://127.0.0.1:${await closedPort()}`,
      user: "neo4j",
      password: "x",
    });
    const started = Date.now();
    await expect(graph.hotspots("octo/app", 1)).rejects.toThrow(RemoteError);
    expect(Date.now() - started).toBeLessThan(10_000);
    await graph.close();
  });

  it("refuses a URI the driver cannot use, naming the variable", () => {
    expect(() =>
      neo4jGraphFromSettings({ uri: "http://localhost:7474", user: undefined, password: undefined }),
    ).toThrow(UsageError);
    expect(() =>
      neo4jGraphFromSettings({ uri: "http://localhost:7474", user: undefined, password: undefined }),
    ).toThrow(/^NEO4J_URI "http:\/\/localhost:7474" cannot be used/);
  });
});

/** A port nothing listens on: one the OS just handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP port");
  return address.port;
}
