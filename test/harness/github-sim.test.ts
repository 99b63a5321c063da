import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { githubApi } from "./github-api-client.js";
import type { GitHubSimulator } from "./github-sim/server.js";
import { GitHubOpenApi } from "./openapi.js";
import { webhookExample } from "./webhook-examples.js";
import { AUTHOR_TOKEN, OWNER_TOKEN, startSeededSimulator } from "./sim-world.js";

const openapi = GitHubOpenApi.load();
let sim: GitHubSimulator;
let api: ReturnType<typeof githubApi>;

beforeEach(async () => {
  sim = await startSeededSimulator();
  api = githubApi(sim.url, OWNER_TOKEN, openapi);
});
afterEach(async () => sim.close());

describe("GitHub simulator: reading", () => {
  it("serves the user, the repo, the PR and its files in GitHub's schema", async () => {
    expect((await api("GET", "/user")).body.login).toBe("octocat");
    expect((await api("GET", "/repos/octocat/hello")).body).toMatchObject({ full_name: "octocat/hello", default_branch: "main", permissions: { admin: true } });

    const pull = await api("GET", "/repos/octocat/hello/pulls/1");
    expect(pull.body).toMatchObject({ number: 1, state: "open", user: { login: "monalisa" }, changed_files: 5, additions: 5, deletions: 4 });
    expect(pull.body.head.sha).toMatch(/^[0-9a-f]{40}$/);

    const files = await api("GET", "/repos/octocat/hello/pulls/1/files");
    const byName = new Map(files.body.map((file: { filename: string }) => [file.filename, file]));
    expect([...byName.keys()].sort()).toEqual(["assets/logo.png", "docs/remove-me.md", "src/app.ts", "src/new-file.ts", "src/new-name.ts"]);
    expect(byName.get("src/app.ts")).toMatchObject({ status: "modified", additions: 3, deletions: 2 });
    expect(byName.get("src/new-name.ts")).toMatchObject({ status: "renamed", previous_filename: "src/old-name.ts", additions: 1, deletions: 1 });
    expect(byName.get("docs/remove-me.md")).toMatchObject({ status: "removed", deletions: 1 });
    expect(byName.get("assets/logo.png")).not.toHaveProperty("patch");
    expect(byName.get("src/new-file.ts")).toMatchObject({ status: "added", patch: "@@ -0,0 +1 @@\n+export const fresh = true;\n\\ No newline at end of file" });
  });

  it("serves the PR as a unified diff in the diff media type", async () => {
    const diff = await api("GET", "/repos/octocat/hello/pulls/1", { accept: "application/vnd.github.v3.diff" });
    expect(diff.headers.get("content-type")).toContain("application/vnd.github.v3.diff");
    expect(diff.text).toContain("diff --git a/src/app.ts b/src/app.ts\nindex ");
    expect(diff.text).toContain("@@ -1,6 +1,7 @@\n const line1 = 1;\n const line2 = 2;\n-const line3 = 3;\n+const line3 = 33;\n+console.log(line3);");
    expect(diff.text).toContain("diff --git a/src/old-name.ts b/src/new-name.ts\nsimilarity index 66%\nrename from src/old-name.ts\nrename to src/new-name.ts");
    expect(diff.text).toContain("diff --git a/docs/remove-me.md b/docs/remove-me.md\ndeleted file mode 100644");
    expect(diff.text).toContain("--- /dev/null\n+++ b/src/new-file.ts");
    expect(diff.text).toContain("Binary files a/assets/logo.png and b/assets/logo.png differ");
  });

  it("serves file contents at a ref, as JSON, raw, and as a directory listing", async () => {
    const head = (await api("GET", "/repos/octocat/hello/pulls/1")).body.head.sha;
    const file = await api("GET", `/repos/octocat/hello/contents/src/new-file.ts?ref=${head}`);
    expect(Buffer.from(file.body.content, "base64").toString()).toBe("export const fresh = true;");
    expect((await api("GET", "/repos/octocat/hello/contents/src/new-file.ts")).status).toBe(404);
    const raw = await api("GET", "/repos/octocat/hello/contents/README.md", { accept: "application/vnd.github.raw+json" });
    expect(raw.text).toBe("# hello\n");
    const listing = await api("GET", "/repos/octocat/hello/contents/src");
    expect(listing.body.map((entry: { name: string }) => entry.name)).toEqual(["app.ts", "old-name.ts"]);
  });

  it("compares two refs: commits, files and status", async () => {
    const head = (await api("GET", "/repos/octocat/hello/pulls/1")).body.head.sha;
    const comparison = await api("GET", `/repos/octocat/hello/compare/main...${head}`);
    expect(comparison.body).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(comparison.body.files).toHaveLength(5);
    sim.state.pushToPullRequest("octocat/hello", 1, { "src/new-file.ts": "export const fresh = false;\n" });
    const next = (await api("GET", "/repos/octocat/hello/pulls/1")).body.head.sha;
    const incremental = await api("GET", `/repos/octocat/hello/compare/${head}...${next}`);
    expect(incremental.body.files.map((file: { filename: string }) => file.filename)).toEqual(["src/new-file.ts"]);
  });

  it("reads many file texts in one GraphQL request through aliases", async () => {
    const head = (await api("GET", "/repos/octocat/hello/pulls/1")).body.head.sha;
    const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
      a: object(expression: "${head}:src/new-file.ts") { ... on Blob { text byteSize isBinary isTruncated } }
      b: object(expression: "${head}:assets/logo.png") { ... on Blob { text isBinary } }
      c: object(expression: "${head}:missing.ts") { ... on Blob { text } } } }`;
    const answer = await api("POST", "/graphql", { body: { query, variables: { owner: "octocat", name: "hello" } } });
    expect(answer.body).toEqual({
      data: { repository: { a: { text: "export const fresh = true;", byteSize: 26, isBinary: false, isTruncated: false }, b: { text: null, isBinary: true }, c: null } },
    });
    expect(answer.headers.get("x-ratelimit-resource")).toBe("graphql");
    const missing = await api("POST", "/graphql", { body: { query: `{ repository(owner: "octocat", name: "nope") { name } }` } });
    expect(missing.body.errors[0]).toMatchObject({ type: "NOT_FOUND" });
  });

  it("serves the REST API under /api/v3 as GitHub Enterprise Server does", async () => {
    const ghes = githubApi(sim.ghesApiUrl, OWNER_TOKEN, openapi);
    expect((await ghes("GET", "/repos/octocat/hello")).status).toBe(200);
  });
});

describe("GitHub simulator: pagination", () => {
  beforeEach(() => {
    const changes = Object.fromEntries(Array.from({ length: 250 }, (_, index) => [`src/file-${String(index).padStart(3, "0")}.ts`, `export const n = ${index};\n`]));
    sim.state.openPullRequest({ repo: "octocat/hello", author: "monalisa", title: "Big", changes });
  });

  async function allPages(perPage?: number): Promise<{ pages: number; names: string[] }> {
    let next: string | undefined = `/repos/octocat/hello/pulls/2/files${perPage ? `?per_page=${perPage}` : ""}`;
    const names: string[] = [];
    let pages = 0;
    while (next) {
      const page = await api("GET", next);
      pages += 1;
      names.push(...page.body.map((file: { filename: string }) => file.filename));
      const link = /<([^>]+)>; rel="next"/.exec(page.headers.get("link") ?? "")?.[1];
      next = link ? link.replace(sim.url, "") : undefined;
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
    sim.state.openPullRequest({ repo: "octocat/hello", author: "monalisa", title: "Huge", changes });
    const last = await api("GET", "/repos/octocat/hello/pulls/3/files?per_page=100&page=30");
    expect(last.body).toHaveLength(100);
    expect(last.headers.get("link")).not.toContain('rel="next"');
    expect((await api("GET", "/repos/octocat/hello/pulls/3/files?per_page=100&page=31")).body).toEqual([]);
    expect((await api("GET", "/repos/octocat/hello/pulls/3")).body.changed_files).toBe(3001);
  });
});

describe("GitHub simulator: reviews and comments", () => {
  const reviewPath = "/repos/octocat/hello/pulls/1/reviews";

  it("accepts inline comments on added, context and removed lines, and a multi-line range in one hunk", async () => {
    const answer = await api("POST", reviewPath, {
      body: {
        event: "COMMENT",
        body: "summary",
        comments: [
          { path: "src/app.ts", line: 4, body: "added line" },
          { path: "src/app.ts", line: 1, side: "RIGHT", body: "context line" },
          { path: "src/app.ts", line: 3, side: "LEFT", body: "removed line" },
          { path: "src/app.ts", start_line: 2, line: 4, body: "range" },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.state).toBe("COMMENTED");
    const comments = await api("GET", "/repos/octocat/hello/pulls/1/comments");
    expect(comments.body.map((comment: { line: number; side: string }) => `${comment.side}:${comment.line}`)).toEqual(["RIGHT:4", "RIGHT:1", "LEFT:3", "RIGHT:4"]);
    expect(comments.body[3]).toMatchObject({ start_line: 2, start_side: "RIGHT" });
    expect((await api("GET", reviewPath)).body).toHaveLength(1);
  });

  it("rejects with 422 a review with one comment on a line outside the diff, and keeps none of it", async () => {
    const answer = await api("POST", reviewPath, {
      body: { event: "COMMENT", body: "summary", comments: [{ path: "src/app.ts", line: 4, body: "fine" }, { path: "src/app.ts", line: 15, body: "line 15 is not in any hunk" }] },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual(["Pull request review thread line must be part of the diff"]);
    expect((await api("GET", reviewPath)).body).toEqual([]);
    expect((await api("GET", "/repos/octocat/hello/pulls/1/comments")).body).toEqual([]);
  });

  it("rejects ranges across hunks, unknown paths and approving one's own PR", async () => {
    const cross = await api("POST", reviewPath, { body: { event: "COMMENT", comments: [{ path: "src/app.ts", start_line: 4, line: 25, body: "x" }] } });
    expect(cross.status).toBe(422);
    const unknown = await api("POST", reviewPath, { body: { event: "COMMENT", comments: [{ path: "nope.ts", line: 1, body: "x" }] } });
    expect(unknown.status).toBe(422);
    const author = githubApi(sim.url, AUTHOR_TOKEN, openapi);
    expect((await author("POST", reviewPath, { body: { event: "APPROVE" } })).status).toBe(422);
  });

  it("creates, lists and edits issue comments on the PR", async () => {
    const created = await api("POST", "/repos/octocat/hello/issues/1/comments", { body: { body: "first" } });
    expect(created.status).toBe(201);
    const edited = await api("PATCH", `/repos/octocat/hello/issues/comments/${created.body.id}`, { body: { body: "edited" } });
    expect(edited.body.body).toBe("edited");
    const listed = await api("GET", "/repos/octocat/hello/issues/1/comments");
    expect(listed.body.map((comment: { body: string }) => comment.body)).toEqual(["edited"]);
    expect((await api("POST", "/repos/octocat/hello/issues/1/comments", { body: { body: "x".repeat(65537) } })).status).toBe(422);
  });
});

describe("GitHub simulator: hooks and deliveries", () => {
  it("creates, lists, updates, pings and deletes a hook; a second hook on the same URL is refused", async () => {
    const deliveries: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        deliveries.push({ headers: request.headers, body });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/webhooks/github`;
    try {
      const config = { url, content_type: "json", secret: "s3cret", insecure_ssl: "0" };
      const created = await api("POST", "/repos/octocat/hello/hooks", { body: { name: "web", events: ["pull_request"], config } });
      expect(created.status).toBe(201);
      expect(created.body.config.secret).toBe("********");
      expect((await api("POST", "/repos/octocat/hello/hooks", { body: { config } })).status).toBe(422);
      const hookPath = `/repos/octocat/hello/hooks/${created.body.id}`;
      const updated = await api("PATCH", hookPath, { body: { add_events: ["issues", "issue_comment"] } });
      expect(updated.body.events).toEqual(["pull_request", "issues", "issue_comment"]);
      expect((await api("GET", "/repos/octocat/hello/hooks")).body).toHaveLength(1);

      expect((await api("POST", `${hookPath}/pings`)).status).toBe(204);
      await sim.settle();
      await sim.deliverWebhook("octocat/hello", "pull_request", webhookExample("pull_request", "opened"));
      expect(deliveries.map((delivery) => delivery.headers["x-github-event"])).toEqual(["ping", "pull_request"]);
      expect(JSON.parse(deliveries[1]?.body ?? "{}")).toEqual(webhookExample("pull_request", "opened"));
      for (const delivery of deliveries) {
        const expected = `sha256=${createHmac("sha256", "s3cret").update(delivery.body).digest("hex")}`;
        expect(delivery.headers["x-hub-signature-256"]).toBe(expected);
        expect(delivery.headers["x-github-hook-id"]).toBe(String(created.body.id));
      }
      expect((await api("GET", hookPath)).body.last_response).toMatchObject({ code: 202 });

      expect((await api("DELETE", hookPath)).status).toBe(204);
      expect((await api("GET", hookPath)).status).toBe(404);
    } finally {
      receiver.close();
    }
  });

  it("hides hooks from a token without admin rights or a hook scope", async () => {
    const author = githubApi(sim.url, AUTHOR_TOKEN, openapi);
    expect((await author("GET", "/repos/octocat/hello/hooks")).status).toBe(404);
    sim.state.addToken("octocat", "gho_no_hook_scope", ["read:user", "public_repo"]);
    expect((await api("GET", "/repos/octocat/hello/hooks", { token: "gho_no_hook_scope" })).status).toBe(404);
  });
});

describe("GitHub simulator: auth, rate limits, caching and faults", () => {
  it("answers 401 without a token or with an unknown one", async () => {
    const none = await api("GET", "/user", { token: null });
    expect(none.status).toBe(401);
    expect(none.body.message).toBe("Requires authentication");
    expect((await api("GET", "/user", { token: "gho_wrong" })).body.message).toBe("Bad credentials");
  });

  it("sends rate-limit and OAuth-scope headers, and 403 once the limit is spent", async () => {
    const first = await api("GET", "/user");
    expect(first.headers.get("x-oauth-scopes")).toBe("repo, admin:repo_hook, read:user");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("4999");
    sim.rateLimits.set(0, { token: OWNER_TOKEN, resource: "core" });
    const spent = await api("GET", "/user");
    expect(spent.status).toBe(403);
    expect(spent.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("answers 304 to a repeated GET with the ETag it gave, without spending rate limit", async () => {
    const first = await api("GET", "/repos/octocat/hello/pulls/1");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    const second = await api("GET", "/repos/octocat/hello/pulls/1", { headers: { "if-none-match": etag } });
    expect(second.status).toBe(304);
    expect(second.text).toBe("");
    expect(second.headers.get("x-ratelimit-remaining")).toBe(first.headers.get("x-ratelimit-remaining"));
    sim.state.pushToPullRequest("octocat/hello", 1, { "README.md": "changed\n" });
    expect((await api("GET", "/repos/octocat/hello/pulls/1", { headers: { "if-none-match": etag } })).status).toBe(200);
  });

  it("injects 5xx, secondary rate limits with Retry-After, and slow answers", async () => {
    sim.faults.serverError({ path: "/user", times: 2, status: 503 });
    expect((await fetch(`${sim.url}/user`)).status).toBe(503);
    expect((await fetch(`${sim.url}/user`)).status).toBe(503);
    expect((await api("GET", "/user")).status).toBe(200);

    sim.faults.secondaryRateLimit({ method: "POST", times: 1, retryAfterSeconds: 7 });
    const limited = await fetch(`${sim.url}/repos/octocat/hello/issues/1/comments`, { method: "POST", body: "{}" });
    expect(limited.status).toBe(403);
    expect(limited.headers.get("retry-after")).toBe("7");

    sim.faults.add({ path: /^\/repos\//, delayMs: 300, times: 1 });
    const started = Date.now();
    await api("GET", "/repos/octocat/hello");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("records every request so tests can count them", async () => {
    await api("GET", "/repos/octocat/hello/pulls/1");
    await api("GET", "/repos/octocat/hello/pulls/1/files");
    expect(sim.count("GET", /^\/repos\/octocat\/hello\/pulls\/1/)).toBe(2);
    expect(sim.requests.at(-1)).toMatchObject({ method: "GET", path: "/repos/octocat/hello/pulls/1/files", status: 200 });
  });
});

describe("GitHub simulator: OAuth device flow", () => {
  const post = (path: string, form: Record<string, string>) => api("POST", path, { body: form, accept: "application/json", token: null });

  it("answers pending, then slow_down with a longer interval, then a working token", async () => {
    sim.deviceFlow.script = ["authorization_pending", "slow_down"];
    const code = await post("/login/device/code", { client_id: "sim-client-id", scope: "repo admin:repo_hook read:user" });
    expect(code.body).toMatchObject({ verification_uri: `${sim.url}/login/device`, interval: 5, expires_in: 900 });
    expect(code.body.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    const poll = { client_id: "sim-client-id", device_code: code.body.device_code, grant_type: "urn:ietf:params:oauth:grant-type:device_code" };
    expect((await post("/login/oauth/access_token", poll)).body.error).toBe("authorization_pending");
    expect((await post("/login/oauth/access_token", poll)).body).toMatchObject({ error: "slow_down", interval: 10 });
    const granted = await post("/login/oauth/access_token", poll);
    expect(granted.body).toMatchObject({ token_type: "bearer", scope: "repo,admin:repo_hook,read:user" });
    const me = await api("GET", "/user", { token: granted.body.access_token });
    expect(me.body.login).toBe("octocat");
    expect(me.headers.get("x-oauth-scopes")).toBe("repo, admin:repo_hook, read:user");
  });

  it("ends with expired_token or access_denied, and refuses an unknown client id", async () => {
    for (const outcome of ["expired_token", "access_denied"] as const) {
      sim.deviceFlow.script = [outcome];
      const code = await post("/login/device/code", { client_id: "sim-client-id" });
      const poll = { client_id: "sim-client-id", device_code: code.body.device_code, grant_type: "urn:ietf:params:oauth:grant-type:device_code" };
      expect((await post("/login/oauth/access_token", poll)).body.error).toBe(outcome);
      expect((await post("/login/oauth/access_token", poll)).body.error).toBe("expired_token");
    }
    expect((await post("/login/device/code", { client_id: "unknown" })).status).toBe(404);
    expect(sim.deviceFlow.issuedTokens).toEqual([]);
  });
});
