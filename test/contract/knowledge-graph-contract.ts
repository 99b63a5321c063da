import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IndexedPullRequest, KnowledgeGraph } from "../../src/context/graph/knowledge-graph.js";

/**
 * Every repository the suite writes belongs to this owner, new for each run, so a store that
 * outlives the run (a Neo4j server) can be cleaned up and never mixes two runs.
 */
export const CONTRACT_REPO_OWNER = `nectr-contract-${randomUUID().slice(0, 8)}`;

const repoNamed = (name: string) => `${CONTRACT_REPO_OWNER}/${name}`;

function pull(
  repo: string,
  number: number,
  files: string[],
  changes: Partial<IndexedPullRequest> = {},
): IndexedPullRequest {
  const day = String(number).padStart(2, "0");
  return {
    repo,
    number,
    title: `PR ${number}`,
    author: "mona",
    state: "merged",
    createdAt: `2026-01-${day}T09:00:00Z`,
    mergedAt: `2026-01-${day}T17:00:00Z`,
    files,
    closes: [],
    ...changes,
  };
}

const everything = { minTogether: 1, minRatio: 0, limit: 10 };

/** The behaviour every knowledge graph store must have, run against each of them. */
export function describeKnowledgeGraphContract(name: string, create: () => Promise<KnowledgeGraph>): void {
  describe(`the knowledge graph contract: ${name}`, () => {
    let graph: KnowledgeGraph;
    beforeEach(async () => {
      graph = await create();
    });
    afterEach(async () => {
      await graph.close();
    });

    it("indexes the same pull requests and file tree again without changing anything", async () => {
      const repo = repoNamed("idempotent");
      const pulls = [
        pull(repo, 1, ["src/a.ts", "src/b.ts"], { closes: [`${repo}#7`] }),
        pull(repo, 2, ["src/a.ts"], { author: "hubot" }),
      ];
      const snapshot = async () => ({
        hotspots: await graph.hotspots(repo, 10),
        related: await graph.relatedPullRequests(repo, ["src/a.ts", "src/b.ts"], 99, 10),
        experts: await graph.fileExperts(repo, ["src/a.ts"], 10),
        coChanges: await graph.missingCoChanges(repo, ["src/a.ts"], everything),
      });
      await graph.indexPullRequests(pulls);
      await graph.indexFiles(repo, ["src/a.ts", "src/b.ts", "README.md"]);
      const first = await snapshot();
      await graph.indexPullRequests(pulls);
      await graph.indexPullRequests(pulls);
      await graph.indexFiles(repo, ["src/a.ts", "src/b.ts", "README.md"]);
      expect(await snapshot()).toEqual(first);
      expect(first.hotspots).toEqual([
        { path: "src/a.ts", pullRequests: 2 },
        { path: "src/b.ts", pullRequests: 1 },
      ]);
    });

    it("keeps only the files and state of a pull request's latest indexing", async () => {
      const repo = repoNamed("reindexed");
      await graph.indexPullRequests([pull(repo, 1, ["a.ts", "b.ts"], { state: "open", mergedAt: null })]);
      await graph.indexPullRequests([pull(repo, 1, ["a.ts", "c.ts"], { mergedAt: "2026-02-01T00:00:00Z" })]);
      expect(await graph.relatedPullRequests(repo, ["b.ts"], 99, 10)).toEqual([]);
      expect(await graph.relatedPullRequests(repo, ["c.ts"], 99, 10)).toEqual([
        {
          number: 1,
          title: "PR 1",
          author: "mona",
          state: "merged",
          mergedAt: "2026-02-01T00:00:00Z",
          sharedFiles: ["c.ts"],
        },
      ]);
      expect(await graph.hotspots(repo, 10)).toEqual([
        { path: "a.ts", pullRequests: 1 },
        { path: "c.ts", pullRequests: 1 },
      ]);
    });

    it("finds related pull requests with the most shared files first, then the newest, never the current one", async () => {
      const repo = repoNamed("related");
      await graph.indexPullRequests([
        pull(repo, 1, ["a.ts", "b.ts", "c.ts"], { createdAt: "2026-01-01T00:00:00Z" }),
        pull(repo, 2, ["a.ts"], { createdAt: "2026-01-05T00:00:00Z", author: "hubot", state: "open", mergedAt: null }),
        pull(repo, 3, ["b.ts", "other.ts"], { createdAt: "2026-01-03T00:00:00Z" }),
        pull(repo, 4, ["b.ts", "a.ts"], { createdAt: "2026-01-02T00:00:00Z" }),
        pull(repo, 5, ["a.ts", "b.ts", "c.ts"], { createdAt: "2026-01-09T00:00:00Z" }),
        pull(repo, 6, ["unrelated.ts"]),
      ]);
      const related = await graph.relatedPullRequests(repo, ["a.ts", "b.ts", "c.ts"], 5, 10);
      expect(related.map((each) => [each.number, each.sharedFiles])).toEqual([
        [1, ["a.ts", "b.ts", "c.ts"]],
        [4, ["a.ts", "b.ts"]],
        [2, ["a.ts"]],
        [3, ["b.ts"]],
      ]);
      expect(related[2]).toEqual({
        number: 2,
        title: "PR 2",
        author: "hubot",
        state: "open",
        mergedAt: null,
        sharedFiles: ["a.ts"],
      });
      const top = await graph.relatedPullRequests(repo, ["a.ts", "b.ts", "c.ts"], 1, 2);
      expect(top.map((each) => each.number)).toEqual([5, 4]);
    });

    it("names the experts of files: authors by how many of their pull requests touched them", async () => {
      const repo = repoNamed("experts");
      await graph.indexPullRequests([
        pull(repo, 1, ["a.ts"]),
        pull(repo, 2, ["a.ts", "b.ts"]),
        pull(repo, 3, ["b.ts"], { author: "hubot" }),
        pull(repo, 4, ["c.ts"], { author: "octocat" }),
        pull(repo, 5, ["x.ts"]),
      ]);
      expect(await graph.fileExperts(repo, ["a.ts", "b.ts"], 10)).toEqual([
        { login: "mona", pullRequests: 2, files: ["a.ts", "b.ts"] },
        { login: "hubot", pullRequests: 1, files: ["b.ts"] },
      ]);
      expect((await graph.fileExperts(repo, ["a.ts", "b.ts"], 1)).map((expert) => expert.login)).toEqual(["mona"]);
      expect(await graph.fileExperts(repo, ["never-touched.ts"], 10)).toEqual([]);
    });

    it("ranks hotspots by how many pull requests touched each file", async () => {
      const repo = repoNamed("hotspots");
      await graph.indexPullRequests([
        pull(repo, 1, ["a.ts", "b.ts"]),
        pull(repo, 2, ["a.ts"]),
        pull(repo, 3, ["a.ts", "c.ts"]),
        pull(repo, 4, ["c.ts"]),
      ]);
      expect(await graph.hotspots(repo, 10)).toEqual([
        { path: "a.ts", pullRequests: 3 },
        { path: "c.ts", pullRequests: 2 },
        { path: "b.ts", pullRequests: 1 },
      ]);
      expect(await graph.hotspots(repo, 1)).toEqual([{ path: "a.ts", pullRequests: 3 }]);
    });

    describe("missing co-changes", () => {
      const repo = repoNamed("co-changes");
      const history = [
        pull(repo, 1, ["schema.sql", "migrations.ts"]),
        pull(repo, 2, ["schema.sql", "migrations.ts"]),
        pull(repo, 3, ["schema.sql", "migrations.ts", "README.md"]),
        pull(repo, 4, ["schema.sql"]),
      ];

      it("reports a file that usually changes with a changed one when the pull request leaves it alone", async () => {
        await graph.indexPullRequests(history);
        const options = { minTogether: 2, minRatio: 0.5, limit: 10 };
        expect(await graph.missingCoChanges(repo, ["schema.sql"], options)).toEqual([
          { changed: "schema.sql", usuallyWith: "migrations.ts", together: 3, ratio: 0.75 },
        ]);
        expect(await graph.missingCoChanges(repo, ["schema.sql", "migrations.ts"], options)).toEqual([]);
      });

      it("needs both enough pull requests together and a high enough share of them, best first", async () => {
        await graph.indexPullRequests(history);
        const ask = (minTogether: number, minRatio: number, limit = 10) =>
          graph.missingCoChanges(repo, ["schema.sql"], { minTogether, minRatio, limit });
        expect(await ask(4, 0)).toEqual([]);
        expect(await ask(1, 0.8)).toEqual([]);
        expect(await ask(1, 0.25)).toEqual([
          { changed: "schema.sql", usuallyWith: "migrations.ts", together: 3, ratio: 0.75 },
          { changed: "schema.sql", usuallyWith: "README.md", together: 1, ratio: 0.25 },
        ]);
        expect((await ask(1, 0, 1)).map((each) => each.usuallyWith)).toEqual(["migrations.ts"]);
      });
    });

    it("never lets one repository's history into another's answers", async () => {
      const app = repoNamed("app");
      const fork = repoNamed("app-fork");
      await graph.indexPullRequests([
        pull(app, 1, ["a.ts", "b.ts"], { title: "in app" }),
        pull(fork, 1, ["a.ts", "b.ts", "c.ts"], { title: "in fork", author: "hubot" }),
        pull(fork, 2, ["a.ts", "c.ts"], { author: "hubot" }),
      ]);
      expect(await graph.relatedPullRequests(app, ["a.ts", "c.ts"], 99, 10)).toEqual([
        expect.objectContaining({ number: 1, title: "in app", sharedFiles: ["a.ts"] }),
      ]);
      expect(await graph.fileExperts(app, ["a.ts", "c.ts"], 10)).toEqual([
        { login: "mona", pullRequests: 1, files: ["a.ts"] },
      ]);
      expect(await graph.hotspots(app, 10)).toEqual([
        { path: "a.ts", pullRequests: 1 },
        { path: "b.ts", pullRequests: 1 },
      ]);
      expect(await graph.missingCoChanges(app, ["a.ts"], everything)).toEqual([
        { changed: "a.ts", usuallyWith: "b.ts", together: 1, ratio: 1 },
      ]);
      expect(await graph.relatedPullRequests(repoNamed("elsewhere"), ["a.ts"], 99, 10)).toEqual([]);
    });

    it("treats repository names case-insensitively", async () => {
      const lower = repoNamed("mixed-case");
      const upper = lower.toUpperCase();
      await graph.indexPullRequests([pull(upper, 1, ["a.ts", "b.ts"]), pull(lower, 2, ["a.ts"])]);
      await graph.indexPullRequests([pull(lower, 1, ["a.ts", "b.ts"])]);
      expect(await graph.hotspots(lower, 10)).toEqual([
        { path: "a.ts", pullRequests: 2 },
        { path: "b.ts", pullRequests: 1 },
      ]);
      expect((await graph.relatedPullRequests(upper, ["b.ts"], 99, 10)).map((each) => each.number)).toEqual([1]);
      expect(await graph.fileExperts(upper, ["a.ts"], 10)).toEqual([
        { login: "mona", pullRequests: 2, files: ["a.ts"] },
      ]);
      expect(await graph.missingCoChanges(upper, ["b.ts"], everything)).toEqual([
        { changed: "b.ts", usuallyWith: "a.ts", together: 1, ratio: 1 },
      ]);
    });

    it("answers with nothing for a repository it knows no pull requests of, even with its file tree", async () => {
      const repo = repoNamed("tree-only");
      await graph.indexPullRequests([]);
      await graph.indexFiles(repo, ["a.ts", "b.ts"]);
      expect(await graph.hotspots(repo, 10)).toEqual([]);
      expect(await graph.relatedPullRequests(repo, ["a.ts"], 1, 10)).toEqual([]);
      expect(await graph.fileExperts(repo, [], 10)).toEqual([]);
      expect(await graph.missingCoChanges(repo, ["a.ts"], everything)).toEqual([]);
    });
  });
}
