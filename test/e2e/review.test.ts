import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHubSimulator } from "../harness/github-sim/server.js";
import { GitHubOpenApi } from "../harness/openapi.js";
import { removeTempDirs } from "../harness/run-nectr.js";
import { AWS_KEY, nectrAgainst, startReviewWorld } from "./review-world.js";

const openapi = GitHubOpenApi.load();
let sim: GitHubSimulator;
let nectr: ReturnType<typeof nectrAgainst>;

beforeEach(async () => {
  const world = await startReviewWorld();
  sim = world.sim;
  nectr = nectrAgainst(sim, world.home);
});
afterEach(async () => sim.close());
afterAll(removeTempDirs);

// Writes only: GraphQL POSTs here are reads (file texts, open PRs).
const posts = (path: RegExp) =>
  sim.requests.filter((request) => request.method !== "GET" && request.path !== "/graphql" && path.test(request.path));

describe("nectr review OWNER/REPO#N (built-in checks, no LLM)", () => {
  it("finds a planted AWS key and a console.log on their lines and posts one review and one summary that GitHub accepts", async () => {
    const run = await nectr(["review", "octocat/app#1", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.pr).toMatchObject({ owner: "octocat", repo: "app", number: 1 });
    const byRule = Object.fromEntries(
      output.findings.map((finding: { rule: string; line: number }) => [finding.rule, finding]),
    );
    expect(byRule["secret/aws-key"]).toMatchObject({
      path: "src/config.ts",
      line: 2,
      side: "RIGHT",
      severity: "critical",
    });
    expect(byRule["debug/console-log"]).toMatchObject({ path: "src/config.ts", line: 3, side: "RIGHT" });
    expect(output.verdict).toBe("request_changes");
    expect(run.stdout).not.toContain(AWS_KEY);

    const reviews = posts(/\/pulls\/1\/reviews$/);
    const summaries = posts(/\/issues\/1\/comments$/);
    expect(reviews).toHaveLength(1);
    expect(summaries).toHaveLength(1);
    for (const request of [...reviews, ...summaries]) {
      expect(openapi.validateRequest(request.method, request.path, JSON.parse(request.body))).toEqual([]);
    }
    expect(sim.requests.filter((request) => request.status === 422)).toEqual([]);
    expect(
      sim.state
        .repo("octocat/app")
        .reviewComments.map((comment) => comment.line)
        .sort(),
    ).toEqual([2, 3]);
    expect(output.posted).toEqual({ reviewId: expect.any(Number), summaryCommentId: expect.any(Number) });
    expect(output.stats).toMatchObject({
      files: 1,
      additions: 4,
      deletions: 0,
      filesReviewed: 1,
      githubRequests: sim.requests.length,
    });
    expect(output.summary).toContain("No LLM is configured");
  });

  it("posts one review and one summary when GitHub applies each but answers 502", async () => {
    sim.faults.serverError({
      method: "POST",
      path: "/repos/octocat/app/pulls/1/reviews",
      times: 1,
      afterApplying: true,
    });
    sim.faults.serverError({
      method: "POST",
      path: "/repos/octocat/app/issues/1/comments",
      times: 1,
      afterApplying: true,
    });
    const run = await nectr(["review", "octocat/app#1"]);
    expect(run.code, run.stderr).toBe(0);
    expect(sim.state.repo("octocat/app").reviews).toHaveLength(1);
    expect(sim.state.repo("octocat/app").issueComments).toHaveLength(1);
    expect(sim.requests.filter((request) => request.status === 502)).toHaveLength(2);
  });

  it("edits its summary comment on a second run and posts no inline comment twice", async () => {
    await nectr(["review", "octocat/app#1"]);
    sim.state.pushToPullRequest("octocat/app", 1, { "src/extra.ts": "debugger;\n" });
    const second = await nectr(["review", "octocat/app#1", "--json"]);
    expect(second.code).toBe(0);
    const repo = sim.state.repo("octocat/app");
    expect(repo.issueComments).toHaveLength(1);
    expect(posts(/\/issues\/comments\/\d+$/)).toHaveLength(1);
    expect(repo.reviewComments.map((comment) => `${comment.path}:${comment.line}`).sort()).toEqual([
      "src/config.ts:2",
      "src/config.ts:3",
      "src/extra.ts:1",
    ]);
    const third = await nectr(["review", "octocat/app#1"]);
    expect(third.code).toBe(0);
    expect(repo.reviews).toHaveLength(2);
    expect(repo.issueComments).toHaveLength(1);
  });

  it("sees every file of a 250-file PR in at most 6 GitHub requests before posting", async () => {
    const changes = Object.fromEntries(
      Array.from({ length: 250 }, (_, index) => [`src/module-${index}.ts`, `export const value${index} = ${index};\n`]),
    );
    changes["src/module-249.ts"] = `export const token = "ghp_${"a1B2c3D4e5".repeat(3)}907164";\n`;
    sim.state.openPullRequest({ repo: "octocat/app", author: "octocat", title: "Many files", changes });
    const run = await nectr(["review", "octocat/app#2", "--dry-run", "--json"]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.stats).toMatchObject({ files: 250, filesReviewed: 250, filesSkipped: [] });
    expect(output.findings.map((finding: { path: string }) => finding.path)).toContain("src/module-249.ts");
    expect(output.stats.githubRequests).toBeLessThanOrEqual(6);
    expect(sim.requests).toHaveLength(output.stats.githubRequests);
    expect(posts(/./)).toEqual([]);
  });

  it("reviews a 5,000-file PR without failing, and says which files GitHub would not list", async () => {
    const changes = Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`gen/f${index}.txt`, `${index}\n`]));
    sim.state.openPullRequest({ repo: "octocat/app", author: "octocat", title: "Huge", changes });
    const run = await nectr(["review", "octocat/app#2", "--dry-run", "--json"]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.stats).toMatchObject({ files: 5000, filesReviewed: 3000 });
    expect(output.summary).toContain("2000 not listed by GitHub's API, which stops at 3,000 files");
    expect(output.summary).toContain("nectr review --local");
  });

  it("ends a review whose analysis outruns its time box with what it found, and names what it did not check", async () => {
    const changes = Object.fromEntries(
      Array.from({ length: 500 }, (_, index) => [`src/m${index}.ts`, `export const m${index} = 1;\ndebugger;\n`]),
    );
    sim.state.openPullRequest({ repo: "octocat/app", author: "octocat", title: "Many", changes });
    const configured = await nectr(["config", "set", "analysisTimeoutSeconds", "0.01"]);
    expect(configured.code).toBe(0);
    const run = await nectr(["review", "octocat/app#2", "--dry-run", "--json"]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    const checked = output.findings.filter((finding: { rule: string }) => finding.rule === "debug/breakpoint").length;
    const unchecked = /(\d+) not reached by the built-in checks within the review's time box/.exec(output.summary);
    expect(unchecked, output.summary).not.toBeNull();
    expect(checked + Number(unchecked?.[1])).toBe(500);
  });

  it("prints a readable review on the terminal and posts nothing with --dry-run", async () => {
    const run = await nectr(["review", "https://github.com/octocat/app/pull/1", "--dry-run"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("octocat/app#1  Add AWS config");
    expect(run.stdout).toMatch(/src\/config\.ts\n\s+2\s+Critical/);
    expect(run.stdout).toContain("Not posted.");
    expect(posts(/./)).toEqual([]);
  });
});

describe("nectr review: bad input", () => {
  it.each([
    [["review", "foo"], 2, /^nectr: "foo" is not a pull request reference — /],
    [["review", "octocat/app#abc"], 2, /is not a pull request reference/],
    [["review", "octocat/app#99"], 2, /^nectr: no PR #99 in octocat\/app — /],
    [["review"], 2, /which pull request\?/],
    [["review", "octocat/app#1", "--local"], 2, /not both/],
  ])("nectr %j exits %i with one line", async (args, code, message) => {
    const run = await nectr(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 4 and says how to log in when there is no token", async () => {
    const run = await nectr(["review", "octocat/app#1"], { GH_TOKEN: "" });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^nectr: not logged in to 127\.0\.0\.1:\d+ — run nectr login \(or set GH_TOKEN\)$/m);
  });

  it("exits 4 when GitHub rejects the token", async () => {
    const run = await nectr(["review", "octocat/app#1"], { GH_TOKEN: "gho_wrong" });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain("GitHub rejected the token (401)");
  });
});
