import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { IndexedPullRequest } from "../../../src/context/graph/knowledge-graph.js";
import { createSqliteGraph } from "../../../src/context/graph/sqlite-graph.js";
import { openDatabase, type NectrDatabase } from "../../../src/store/open-database.js";
import { describeKnowledgeGraphContract } from "../../contract/knowledge-graph-contract.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

const opened: NectrDatabase[] = [];

function freshDatabase(): NectrDatabase {
  const db = openDatabase(path.join(tempDir(), "nectr.db"));
  opened.push(db);
  return db;
}

afterAll(() => {
  for (const db of opened.splice(0)) db.close();
  removeTempDirs();
});

describeKnowledgeGraphContract("SQLite", async () => createSqliteGraph(freshDatabase()));

describe("the SQLite knowledge graph", () => {
  const count = (db: NectrDatabase, table: string) =>
    db.prepare<[], { rows: number }>(`SELECT COUNT(*) AS rows FROM ${table}`).get()?.rows;

  it("stores one row per pull request, touched file, closed issue and tree file however often it indexes them", async () => {
    const db = freshDatabase();
    const graph = createSqliteGraph(db);
    const merged: IndexedPullRequest = {
      repo: "octo/app",
      number: 1,
      title: "Fix",
      author: "mona",
      state: "merged",
      createdAt: "2026-01-01T00:00:00Z",
      mergedAt: "2026-01-02T00:00:00Z",
      files: ["a.ts", "b.ts"],
      closes: ["octo/app#7", "Octo/Other#8"],
    };
    for (let round = 0; round < 3; round++) {
      await graph.indexPullRequests([merged]);
      await graph.indexFiles("octo/app", ["a.ts", "b.ts", "c.ts"]);
    }
    expect([count(db, "graph_pull_requests"), count(db, "graph_touches"), count(db, "graph_closes")]).toEqual([
      1, 2, 2,
    ]);
    expect(count(db, "graph_files")).toBe(3);
    await graph.indexPullRequests([{ ...merged, closes: ["OCTO/OTHER#8"] }]);
    expect(db.prepare("SELECT issue_repo, issue_number FROM graph_closes").all()).toEqual([
      { issue_repo: "Octo/Other", issue_number: 8 },
    ]);
  });

  it("writes nothing of a batch in which one pull request closes a malformed issue reference", async () => {
    const db = freshDatabase();
    const graph = createSqliteGraph(db);
    const good: IndexedPullRequest = {
      repo: "octo/app",
      number: 1,
      title: "Fix",
      author: "mona",
      state: "open",
      createdAt: "2026-01-01T00:00:00Z",
      mergedAt: null,
      files: ["a.ts"],
      closes: [],
    };
    await expect(graph.indexPullRequests([good, { ...good, number: 2, closes: ["not an issue"] }])).rejects.toThrow(
      /"not an issue" is not an issue reference/,
    );
    expect(count(db, "graph_pull_requests")).toBe(0);
  });
});
