import { beforeEach, describe, expect, it } from "vitest";
import { githubApi } from "./github-api-client.js";
import { OWNER_TOKEN, useSeededSimulator } from "./sim-world.js";

const world = useSeededSimulator();

describe("GitHub simulator: reading", () => {
  it("serves the user, the repo, the PR and its files in GitHub's schema", async () => {
    expect((await world.api("GET", "/user")).body.login).toBe("octocat");
    const issue = world.sim.state.openIssue("octocat/hello", {
      author: "monalisa",
      title: "Crash on start",
      body: "Steps…",
    });
    expect((await world.api("GET", `/repos/octocat/hello/issues/${issue.number}`)).body).toMatchObject({
      title: "Crash on start",
      state: "open",
    });
    expect((await world.api("GET", "/repos/octocat/hello/issues/1")).body.pull_request).toBeDefined();
    expect((await world.api("GET", "/repos/octocat/hello/collaborators/monalisa/permission")).body.permission).toBe(
      "write",
    );
    expect((await world.api("GET", "/user/repos")).body.map((repo: { full_name: string }) => repo.full_name)).toEqual([
      "octocat/hello",
    ]);
    expect((await world.api("GET", "/repos/octocat/hello")).body).toMatchObject({
      full_name: "octocat/hello",
      default_branch: "main",
      permissions: { admin: true },
    });

    const pull = await world.api("GET", "/repos/octocat/hello/pulls/1");
    expect(pull.body).toMatchObject({
      number: 1,
      state: "open",
      user: { login: "monalisa" },
      changed_files: 5,
      additions: 5,
      deletions: 4,
    });
    expect(pull.body.head.sha).toMatch(/^[0-9a-f]{40}$/);

    const files = await world.api("GET", "/repos/octocat/hello/pulls/1/files");
    const byName = new Map(files.body.map((file: { filename: string }) => [file.filename, file]));
    expect([...byName.keys()].sort()).toEqual([
      "assets/logo.png",
      "docs/remove-me.md",
      "src/app.ts",
      "src/new-file.ts",
      "src/new-name.ts",
    ]);
    expect(byName.get("src/app.ts")).toMatchObject({ status: "modified", additions: 3, deletions: 2 });
    expect(byName.get("src/new-name.ts")).toMatchObject({
      status: "renamed",
      previous_filename: "src/old-name.ts",
      additions: 1,
      deletions: 1,
    });
    expect(byName.get("docs/remove-me.md")).toMatchObject({ status: "removed", deletions: 1 });
    expect(byName.get("assets/logo.png")).not.toHaveProperty("patch");
    expect(byName.get("src/new-file.ts")).toMatchObject({
      status: "added",
      patch: "@@ -0,0 +1 @@\n+export const fresh = true;\n\\ No newline at end of file",
    });
  });

  it("serves the PR as a unified diff in the diff media type", async () => {
    const diff = await world.api("GET", "/repos/octocat/hello/pulls/1", { accept: "application/vnd.github.v3.diff" });
    expect(diff.headers.get("content-type")).toContain("application/vnd.github.v3.diff");
    expect(diff.text).toContain("diff --git a/src/app.ts b/src/app.ts\nindex ");
    expect(diff.text).toContain(
      "@@ -1,6 +1,7 @@\n const line1 = 1;\n const line2 = 2;\n-const line3 = 3;\n+const line3 = 33;\n+console.log(line3);",
    );
    expect(diff.text).toContain(
      "diff --git a/src/old-name.ts b/src/new-name.ts\nsimilarity index 66%\nrename from src/old-name.ts\nrename to src/new-name.ts",
    );
    expect(diff.text).toContain("diff --git a/docs/remove-me.md b/docs/remove-me.md\ndeleted file mode 100644");
    expect(diff.text).toContain("--- /dev/null\n+++ b/src/new-file.ts");
    expect(diff.text).toContain("Binary files a/assets/logo.png and b/assets/logo.png differ");
  });

  it("serves file contents at a ref, as JSON, raw, and as a directory listing", async () => {
    const head = (await world.api("GET", "/repos/octocat/hello/pulls/1")).body.head.sha;
    const file = await world.api("GET", `/repos/octocat/hello/contents/src/new-file.ts?ref=${head}`);
    expect(Buffer.from(file.body.content, "base64").toString()).toBe("export const fresh = true;");
    expect((await world.api("GET", "/repos/octocat/hello/contents/src/new-file.ts")).status).toBe(404);
    const raw = await world.api("GET", "/repos/octocat/hello/contents/README.md", {
      accept: "application/vnd.github.raw+json",
    });
    expect(raw.text).toBe("# hello\n");
    const listing = await world.api("GET", "/repos/octocat/hello/contents/src");
    expect(listing.body.map((entry: { name: string }) => entry.name)).toEqual(["app.ts", "old-name.ts"]);
  });

  it("compares two refs: commits, files and status", async () => {
    const head = (await world.api("GET", "/repos/octocat/hello/pulls/1")).body.head.sha;
    const comparison = await world.api("GET", `/repos/octocat/hello/compare/main...${head}`);
    expect(comparison.body).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(comparison.body.files).toHaveLength(5);
    world.sim.state.pushToPullRequest("octocat/hello", 1, { "src/new-file.ts": "export const fresh = false;\n" });
    const next = (await world.api("GET", "/repos/octocat/hello/pulls/1")).body.head.sha;
    const incremental = await world.api("GET", `/repos/octocat/hello/compare/${head}...${next}`);
    expect(incremental.body.files.map((file: { filename: string }) => file.filename)).toEqual(["src/new-file.ts"]);
  });

  it("reads many file texts in one GraphQL request through aliases", async () => {
    const head = (await world.api("GET", "/repos/octocat/hello/pulls/1")).body.head.sha;
    const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
      a: object(expression: "${head}:src/new-file.ts") { ... on Blob { text byteSize isBinary isTruncated } }
      b: object(expression: "${head}:assets/logo.png") { ... on Blob { text isBinary } }
      c: object(expression: "${head}:missing.ts") { ... on Blob { text } } } }`;
    const answer = await world.api("POST", "/graphql", {
      body: { query, variables: { owner: "octocat", name: "hello" } },
    });
    expect(answer.body).toEqual({
      data: {
        repository: {
          a: { text: "export const fresh = true;", byteSize: 26, isBinary: false, isTruncated: false },
          b: { text: null, isBinary: true },
          c: null,
        },
      },
    });
    expect(answer.headers.get("x-ratelimit-resource")).toBe("graphql");
    const missing = await world.api("POST", "/graphql", {
      body: { query: `{ repository(owner: "octocat", name: "nope") { name } }` },
    });
    expect(missing.body.errors[0]).toMatchObject({ type: "NOT_FOUND" });
  });

  it("lists a commit's tree and the repository's pull requests with their files", async () => {
    const tree = await world.api("GET", "/repos/octocat/hello/git/trees/main?recursive=1");
    expect(
      tree.body.tree
        .filter((entry: { type: string }) => entry.type === "blob")
        .map((entry: { path: string }) => entry.path),
    ).toContain("src/app.ts");
    world.sim.state.closePullRequest("octocat/hello", 1, { merged: true });
    const query = `{ repository(owner: "octocat", name: "hello") { pullRequests(states: [MERGED], last: 10) { nodes { number author { login } files(first: 10) { nodes { path } } } } } }`;
    const merged = await world.api("POST", "/graphql", { body: { query } });
    expect(merged.body.data.repository.pullRequests.nodes).toEqual([
      expect.objectContaining({ number: 1, author: { login: "monalisa" } }),
    ]);
    expect(merged.body.data.repository.pullRequests.nodes[0].files.nodes).toHaveLength(5);
  });

  it("serves the REST API under /api/v3 as GitHub Enterprise Server does", async () => {
    const ghes = githubApi(world.sim.ghesApiUrl, OWNER_TOKEN, world.openapi);
    expect((await ghes("GET", "/repos/octocat/hello")).status).toBe(200);
  });
});

describe("GitHub simulator: pagination", () => {
  beforeEach(() => {
    const changes = Object.fromEntries(
      Array.from({ length: 250 }, (_, index) => [
        `src/file-${String(index).padStart(3, "0")}.ts`,
        `export const n = ${index};\n`,
      ]),
    );
    world.sim.state.openPullRequest({ repo: "octocat/hello", author: "monalisa", title: "Big", changes });
  });

  async function allPages(perPage?: number): Promise<{ pages: number; names: string[] }> {
    let next: string | undefined = `/repos/octocat/hello/pulls/2/files${perPage ? `?per_page=${perPage}` : ""}`;
    const names: string[] = [];
    let pages = 0;
    while (next) {
      const page = await world.api("GET", next);
      pages += 1;
      names.push(...page.body.map((file: { filename: string }) => file.filename));
      const link = /<([^>]+)>; rel="next"/.exec(page.headers.get("link") ?? "")?.[1];
      next = link ? link.replace(world.sim.url, "") : undefined;
    }
    return { pages, names };
  }

  it("pages 250 files 30 at a time by default, following Link headers", async () => {
    const { pages, names } = await allPages();
    expect(pages).toBe(9);
    expect(new Set(names).size).toBe(250);
  });

  it("gives at most 100 per page whatever per_page asks", async () => {
    expect((await allPages(100)).pages).toBe(3);
    expect((await allPages(1000)).pages).toBe(3);
  });

  it("lists no more than GitHub's 3,000 files of a PR", async () => {
    const changes = Object.fromEntries(Array.from({ length: 3001 }, (_, index) => [`gen/f${index}.txt`, `${index}\n`]));
    world.sim.state.openPullRequest({ repo: "octocat/hello", author: "monalisa", title: "Huge", changes });
    const last = await world.api("GET", "/repos/octocat/hello/pulls/3/files?per_page=100&page=30");
    expect(last.body).toHaveLength(100);
    expect(last.headers.get("link")).not.toContain('rel="next"');
    expect((await world.api("GET", "/repos/octocat/hello/pulls/3/files?per_page=100&page=31")).body).toEqual([]);
    expect((await world.api("GET", "/repos/octocat/hello/pulls/3")).body.changed_files).toBe(3001);
  });
});
