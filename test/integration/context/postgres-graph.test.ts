import { beforeEach, describe, expect, it } from "vitest";
import type { IndexedPullRequest } from "../../../src/context/graph/knowledge-graph.js";
import { createPostgresGraph } from "../../../src/context/graph/postgres-graph.js";
import { describeKnowledgeGraphContract } from "../../contract/knowledge-graph-contract.js";
import { runPostgresTests, sharedTestDatabase } from "../../harness/postgres.js";

function pull(number: number, files: string[], changes: Partial<IndexedPullRequest> = {}): IndexedPullRequest {
  return {
    repo: "octo/app",
    number,
    title: `PR ${number}`,
    author: "mona",
    state: "merged",
    createdAt: `2026-01-01T00:00:${String(number % 60).padStart(2, "0")}Z`,
    mergedAt: "2026-01-02T00:00:00Z",
    files,
    closes: [],
    ...changes,
  };
}

describe.runIf(runPostgresTests)("the PostgreSQL knowledge graph", () => {
  const db = sharedTestDatabase();

  async function emptyTables(): Promise<void> {
    await db().query("TRUNCATE graph_pull_requests, graph_files, graph_touches, graph_closes");
  }
  beforeEach(emptyTables);

  describeKnowledgeGraphContract("PostgreSQL", async () => createPostgresGraph(db()));

  const count = async (table: string) =>
    (await db().query<{ rows: number }>(`SELECT COUNT(*) AS rows FROM ${table}`))[0]?.rows;

  it("stores one row per pull request, touched file, closed issue and tree file however often it indexes them", async () => {
    const graph = createPostgresGraph(db());
    const merged = pull(1, ["a.ts", "b.ts"], { closes: ["octo/app#7", "Octo/Other#8"] });
    for (let round = 0; round < 3; round++) {
      await graph.indexPullRequests([merged]);
      await graph.indexFiles("octo/app", ["a.ts", "b.ts", "c.ts"]);
    }
    expect([
      await count("graph_pull_requests"),
      await count("graph_touches"),
      await count("graph_closes"),
      await count("graph_files"),
    ]).toEqual([1, 2, 2, 3]);
    await graph.indexPullRequests([{ ...merged, closes: ["OCTO/OTHER#8"] }]);
    expect(await db().query("SELECT issue_repo, issue_number FROM graph_closes")).toEqual([
      { issue_repo: "Octo/Other", issue_number: 8 },
    ]);
  });

  it("writes nothing of a batch in which one pull request closes a malformed issue reference", async () => {
    const graph = createPostgresGraph(db());
    await expect(
      graph.indexPullRequests([pull(1, ["a.ts"]), pull(2, ["a.ts"], { closes: ["not an issue"] })]),
    ).rejects.toThrow(/"not an issue" is not an issue reference/);
    expect(await count("graph_pull_requests")).toBe(0);
  });

  it("keeps a pull request listed twice in one batch as its last listing, whatever the case of its repository", async () => {
    const graph = createPostgresGraph(db());
    await graph.indexPullRequests([
      pull(1, ["a.ts", "b.ts", "b.ts"], { title: "first", closes: ["octo/app#3"] }),
      pull(1, ["c.ts"], { repo: "OCTO/APP", title: "second", closes: ["octo/app#4", "OCTO/app#4"] }),
    ]);
    expect(await graph.relatedPullRequests("octo/app", ["a.ts", "b.ts", "c.ts"], 99, 10)).toEqual([
      expect.objectContaining({ number: 1, title: "second", sharedFiles: ["c.ts"] }),
    ]);
    expect(await db().query("SELECT issue_number FROM graph_closes")).toEqual([{ issue_number: 4 }]);
  });

  it("indexes thousands of pull requests and tens of thousands of files in one batch each", async () => {
    const graph = createPostgresGraph(db());
    const pulls = Array.from({ length: 3_000 }, (_, index) =>
      pull(index + 1, [`src/module-${index % 50}.ts`, `src/shared.ts`, `test/case-${index}.ts`], {
        closes: [`octo/app#${index + 10_000}`],
      }),
    );
    const tree = Array.from({ length: 20_000 }, (_, index) => `src/file-${index}.ts`);
    await graph.indexPullRequests(pulls);
    await graph.indexFiles("octo/app", tree);
    await graph.indexPullRequests(pulls);
    expect([
      await count("graph_pull_requests"),
      await count("graph_touches"),
      await count("graph_closes"),
      await count("graph_files"),
    ]).toEqual([3_000, 9_000, 3_000, 20_000]);
    expect(await graph.hotspots("OCTO/App", 2)).toEqual([
      { path: "src/shared.ts", pullRequests: 3_000 },
      { path: "src/module-0.ts", pullRequests: 60 },
    ]);
  });

  it("indexes the same pull requests from two writers at once, listed in opposite orders, without deadlocking", async () => {
    const graph = createPostgresGraph(db());
    const pulls = Array.from({ length: 400 }, (_, index) => pull(index + 1, ["a.ts", `b-${index}.ts`]));
    const tree = pulls.map((each) => `src/${each.number}.ts`);
    for (let round = 0; round < 5; round++) {
      await emptyTables();
      await Promise.all([
        graph.indexPullRequests(pulls),
        graph.indexPullRequests(pulls.toReversed()),
        graph.indexFiles("octo/app", tree),
        graph.indexFiles("octo/app", tree.toReversed()),
      ]);
    }
    expect([await count("graph_pull_requests"), await count("graph_touches"), await count("graph_files")]).toEqual([
      400, 800, 400,
    ]);
  });

  it("orders paths and logins bytewise, capitals first, as SQLite does", async () => {
    const graph = createPostgresGraph(db());
    await graph.indexPullRequests([
      pull(1, ["b.ts", "_x.ts", "B.ts", "a.ts"], { author: "bob" }),
      pull(2, ["a.ts"], { author: "Zed" }),
    ]);
    expect(await graph.relatedPullRequests("octo/app", ["a.ts", "b.ts", "B.ts", "_x.ts"], 99, 1)).toEqual([
      expect.objectContaining({ sharedFiles: ["B.ts", "_x.ts", "a.ts", "b.ts"] }),
    ]);
    expect((await graph.fileExperts("octo/app", ["a.ts"], 10)).map((expert) => expert.login)).toEqual(["Zed", "bob"]);
    expect((await graph.hotspots("octo/app", 10)).map((hotspot) => hotspot.path)).toEqual([
      "a.ts",
      "B.ts",
      "_x.ts",
      "b.ts",
    ]);
  });
});
