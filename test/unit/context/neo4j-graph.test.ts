import neo4j, { Record as Neo4jRecord } from "neo4j-driver";
import { describe, expect, it, vi } from "vitest";
import {
  FILE_EXPERTS,
  HOTSPOTS,
  INDEX_FILES,
  INDEX_PULL_REQUESTS,
  MISSING_CO_CHANGES,
  RELATED_PULL_REQUESTS,
  SCHEMA_STATEMENTS,
} from "../../../src/context/graph/neo4j-cypher.js";
import { createNeo4jGraph } from "../../../src/context/graph/neo4j-graph.js";
import { RemoteError } from "../../../src/errors.js";
import { recordingDriver } from "./recording-neo4j-driver.js";

// No Neo4j server can run here: the driver's query layer is a recording fake (see
// recording-neo4j-driver.ts), and these tests check the exact statements and parameters sent and
// how the driver's records become the interface's plain objects.

describe("the Neo4j knowledge graph", () => {
  it("creates its constraints and index once, before its first statement", async () => {
    const { driver, sent } = recordingDriver();
    const graph = createNeo4jGraph(driver);
    await graph.hotspots("octo/app", 5);
    await graph.hotspots("octo/app", 5);
    await graph.indexFiles("octo/app", ["a.ts"]);
    expect(sent.map((statement) => statement.cypher)).toEqual([
      "CREATE CONSTRAINT repository_name IF NOT EXISTS FOR (repository:Repository) REQUIRE repository.name IS UNIQUE",
      "CREATE CONSTRAINT pull_request_key IF NOT EXISTS FOR (pr:PullRequest) REQUIRE pr.key IS UNIQUE",
      "CREATE CONSTRAINT file_key IF NOT EXISTS FOR (file:File) REQUIRE file.key IS UNIQUE",
      "CREATE CONSTRAINT developer_login IF NOT EXISTS FOR (developer:Developer) REQUIRE developer.login IS UNIQUE",
      "CREATE CONSTRAINT issue_key IF NOT EXISTS FOR (issue:Issue) REQUIRE issue.key IS UNIQUE",
      "CREATE INDEX file_repo IF NOT EXISTS FOR (file:File) ON (file.repo)",
      HOTSPOTS,
      HOTSPOTS,
      INDEX_FILES,
    ]);
    expect(sent.slice(0, SCHEMA_STATEMENTS.length).every((each) => each.routing === "WRITE")).toBe(true);
  });

  it("tries the constraints again on the next call when creating them failed", async () => {
    const { driver, sent, failures } = recordingDriver();
    const graph = createNeo4jGraph(driver);
    failures.set(SCHEMA_STATEMENTS[0] ?? "", new Error("Neo.ClientError.Security.Unauthorized"));
    await expect(graph.hotspots("octo/app", 5)).rejects.toThrow(RemoteError);
    await graph.hotspots("octo/app", 5);
    expect(sent.map((statement) => statement.cypher)).toEqual([SCHEMA_STATEMENTS[0], ...SCHEMA_STATEMENTS, HOTSPOTS]);
  });

  it("indexes a batch of pull requests in one UNWIND ... MERGE statement, repository names lower-cased", async () => {
    const { driver, statementsAfterSchema } = recordingDriver();
    await createNeo4jGraph(driver).indexPullRequests([
      {
        repo: "Octo/App",
        number: 12,
        title: "Fix the parser",
        author: "mona",
        state: "merged",
        createdAt: "2026-01-01T09:00:00Z",
        mergedAt: "2026-01-02T09:00:00Z",
        files: ["src/a.ts", "src/b.ts"],
        closes: ["Octo/App#7"],
      },
      {
        repo: "octo/app",
        number: 13,
        title: "Docs",
        author: "hubot",
        state: "open",
        createdAt: "2026-01-03T09:00:00Z",
        mergedAt: null,
        files: ["README.md"],
        closes: [],
      },
    ]);
    expect(statementsAfterSchema()).toEqual([
      {
        cypher: INDEX_PULL_REQUESTS,
        routing: "WRITE",
        database: undefined,
        parameters: {
          pulls: [
            {
              key: "octo/app#12",
              repo: "octo/app",
              number: neo4j.int(12),
              title: "Fix the parser",
              author: "mona",
              state: "merged",
              createdAt: "2026-01-01T09:00:00Z",
              mergedAt: "2026-01-02T09:00:00Z",
              files: [
                { key: "octo/app:src/a.ts", path: "src/a.ts" },
                { key: "octo/app:src/b.ts", path: "src/b.ts" },
              ],
              closes: [{ key: "octo/app#7", repo: "octo/app", number: neo4j.int(7) }],
              keptKeys: ["octo/app:src/a.ts", "octo/app:src/b.ts", "octo/app#7"],
            },
            {
              key: "octo/app#13",
              repo: "octo/app",
              number: neo4j.int(13),
              title: "Docs",
              author: "hubot",
              state: "open",
              createdAt: "2026-01-03T09:00:00Z",
              mergedAt: null,
              files: [{ key: "octo/app:README.md", path: "README.md" }],
              closes: [],
              keptKeys: ["octo/app:README.md"],
            },
          ],
        },
      },
    ]);
  });

  it("writes only with MERGE, so indexing again creates nothing", () => {
    expect(INDEX_PULL_REQUESTS).toMatch(/^UNWIND \$pulls AS pull\nMERGE \(pr:PullRequest \{key: pull\.key\}\)/);
    for (const merge of [
      "MERGE (author:Developer {login: pull.author})",
      "MERGE (pr)-[:AUTHORED_BY]->(author)",
      "MERGE (touched:File {key: file.key})",
      "MERGE (pr)-[:TOUCHES]->(touched)",
      "MERGE (closed:Issue {key: issue.key})",
      "MERGE (pr)-[:CLOSES]->(closed)",
    ]) {
      expect(INDEX_PULL_REQUESTS).toContain(merge);
    }
    expect(INDEX_FILES).toMatch(/UNWIND \$files AS file\nMERGE \(contained:File \{key: file\.key\}\)/);
    expect(INDEX_FILES).toContain("MERGE (repository)-[:CONTAINS]->(contained)");
    expect(`${INDEX_PULL_REQUESTS}\n${INDEX_FILES}`).not.toMatch(/(?<!ON )CREATE\b/);
  });

  it("indexes a file tree under the lower-cased repository, and sends nothing for empty batches", async () => {
    const { driver, sent, statementsAfterSchema } = recordingDriver();
    const graph = createNeo4jGraph(driver);
    await graph.indexPullRequests([]);
    await graph.indexFiles("octo/app", []);
    expect(sent).toEqual([]);
    await graph.indexFiles("Octo/App", ["a.ts", "lib/b.ts"]);
    expect(statementsAfterSchema()).toEqual([
      {
        cypher: INDEX_FILES,
        routing: "WRITE",
        database: undefined,
        parameters: {
          repo: "octo/app",
          files: [
            { key: "octo/app:a.ts", path: "a.ts" },
            { key: "octo/app:lib/b.ts", path: "lib/b.ts" },
          ],
        },
      },
    ]);
  });

  it("asks for related pull requests by file keys and maps the records to plain objects", async () => {
    const { driver, answers, statementsAfterSchema } = recordingDriver();
    const keys = ["number", "title", "author", "state", "mergedAt", "sharedFiles"];
    answers.set(RELATED_PULL_REQUESTS, [
      new Neo4jRecord(keys, [neo4j.int(4), "Parser", "mona", "merged", "2026-01-02T00:00:00Z", ["a.ts", "b.ts"]]),
      new Neo4jRecord(keys, [neo4j.int(9), "Docs", "hubot", "open", null, ["a.ts"]]),
    ]);
    const related = await createNeo4jGraph(driver).relatedPullRequests("Octo/App", ["a.ts", "b.ts"], 12, 3);
    expect(statementsAfterSchema()).toEqual([
      {
        cypher: RELATED_PULL_REQUESTS,
        routing: "READ",
        database: undefined,
        parameters: { fileKeys: ["octo/app:a.ts", "octo/app:b.ts"], excludeNumber: neo4j.int(12), limit: neo4j.int(3) },
      },
    ]);
    expect(related).toEqual([
      {
        number: 4,
        title: "Parser",
        author: "mona",
        state: "merged",
        mergedAt: "2026-01-02T00:00:00Z",
        sharedFiles: ["a.ts", "b.ts"],
      },
      { number: 9, title: "Docs", author: "hubot", state: "open", mergedAt: null, sharedFiles: ["a.ts"] },
    ]);
  });

  it("asks for file experts and hotspots and maps their counts to numbers", async () => {
    const { driver, answers, statementsAfterSchema } = recordingDriver();
    answers.set(FILE_EXPERTS, [new Neo4jRecord(["login", "pullRequests", "files"], ["mona", neo4j.int(2), ["a.ts"]])]);
    answers.set(HOTSPOTS, [new Neo4jRecord(["path", "pullRequests"], ["a.ts", neo4j.int(31)])]);
    const graph = createNeo4jGraph(driver);
    expect(await graph.fileExperts("Octo/App", ["a.ts"], 5)).toEqual([
      { login: "mona", pullRequests: 2, files: ["a.ts"] },
    ]);
    expect(await graph.hotspots("Octo/App", 10)).toEqual([{ path: "a.ts", pullRequests: 31 }]);
    expect(statementsAfterSchema().map(({ cypher, parameters, routing }) => ({ cypher, parameters, routing }))).toEqual(
      [
        { cypher: FILE_EXPERTS, parameters: { fileKeys: ["octo/app:a.ts"], limit: neo4j.int(5) }, routing: "READ" },
        { cypher: HOTSPOTS, parameters: { repo: "octo/app", limit: neo4j.int(10) }, routing: "READ" },
      ],
    );
  });

  it("asks for missing co-changes with both thresholds and maps counts and ratios", async () => {
    const { driver, answers, statementsAfterSchema } = recordingDriver();
    answers.set(MISSING_CO_CHANGES, [
      new Neo4jRecord(
        ["changed", "usuallyWith", "together", "ratio"],
        ["schema.sql", "migrations.ts", neo4j.int(3), 0.75],
      ),
    ]);
    const options = { minTogether: 2, minRatio: 0.5, limit: 4 };
    expect(await createNeo4jGraph(driver).missingCoChanges("octo/app", ["schema.sql"], options)).toEqual([
      { changed: "schema.sql", usuallyWith: "migrations.ts", together: 3, ratio: 0.75 },
    ]);
    expect(statementsAfterSchema()[0]?.parameters).toEqual({
      fileKeys: ["octo/app:schema.sql"],
      minTogether: neo4j.int(2),
      minRatio: 0.5,
      limit: neo4j.int(4),
    });
  });

  it("refuses a record whose field is not what the statement returns", async () => {
    const { driver, answers } = recordingDriver();
    answers.set(HOTSPOTS, [new Neo4jRecord(["path", "pullRequests"], ["a.ts", "thirty-one"])]);
    await expect(createNeo4jGraph(driver).hotspots("octo/app", 10)).rejects.toThrow(
      /Neo4j answered thirty-one for "pullRequests" where nectr expects an integer/,
    );
  });

  it("sends every statement to the chosen database", async () => {
    const { driver, sent } = recordingDriver();
    const graph = createNeo4jGraph(driver, { database: "reviews" });
    await graph.indexFiles("octo/app", ["a.ts"]);
    await graph.hotspots("octo/app", 1);
    expect(new Set(sent.map((statement) => statement.database))).toEqual(new Set(["reviews"]));
  });

  it("turns a driver failure into a RemoteError that says what to check, and closes its driver", async () => {
    const { driver, failures } = recordingDriver();
    const close = vi.spyOn(driver, "close");
    const graph = createNeo4jGraph(driver);
    failures.set(HOTSPOTS, new Error("Neo.TransientError.General.DatabaseUnavailable"));
    const failure = graph.hotspots("octo/app", 1);
    await expect(failure).rejects.toThrow(RemoteError);
    await expect(failure).rejects.toMatchObject({
      message: "the Neo4j knowledge graph failed: Neo.TransientError.General.DatabaseUnavailable",
      hint: expect.stringContaining("NEO4J_URI"),
    });
    await graph.close();
    expect(close).toHaveBeenCalledOnce();
  });
});
