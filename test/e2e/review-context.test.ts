import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake, type RecordedChat } from "../harness/llm-fake/server.js";
import { stdioServerConfig } from "../harness/mcp-test-server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";

const TOKEN = "gho_context_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;

const review = { summary: "Fine.", keyChanges: [], verdict: "comment", findings: [] };
const schemaOf = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).match(/"name":"(\w+)"/)?.[1];

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addUser("monalisa");
  sim.state.addRepo({
    owner: "octocat",
    name: "app",
    collaborators: { monalisa: "write" },
    files: { "src/pay.ts": "export const pay = 1;\n", "docs/guide.md": "# Guide\n" },
  });
  sim.state.addRepo({ owner: "octocat", name: "other" });
  llm = await LlmFake.start();
  llm.fallback = (chat) => (schemaOf(chat) === "learnings" ? { json: { learnings: [] } } : { json: review });
  home = tempDir();
});
afterEach(async () => {
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

const nectr = (args: string[]) =>
  runNectr(args, {
    home,
    env: { NECTR_GITHUB_API_URL: sim.url, GH_TOKEN: TOKEN, OPENAI_BASE_URL: llm.url },
    timeoutMs: 60_000,
  });
const lastReviewPrompt = () => llm.chatsFor("review").at(-1)?.messages.at(-1)?.content ?? "";
const openPull = (repo: string, author: string, title: string, changes: Record<string, string>) =>
  sim.state.openPullRequest({ repo, author, title, changes }).number;

describe("review context", () => {
  it("cites an earlier reviewed PR that touched the same files, and its author, in the prompt and the summary", async () => {
    const first = openPull("octocat/app", "monalisa", "Round payments", {
      "src/pay.ts": "export const pay = Math.round(1.5);\n",
    });
    expect((await nectr(["review", `octocat/app#${first}`])).code).toBe(0);
    const second = openPull("octocat/app", "octocat", "Pay in cents", { "src/pay.ts": "export const pay = 150;\n" });
    const run = await nectr(["review", `octocat/app#${second}`, "--json"]);
    expect(run.code).toBe(0);
    expect(lastReviewPrompt()).toContain(`#${first} "Round payments" by @monalisa`);
    expect(JSON.parse(run.stdout).summary).toContain(
      `Earlier PR #${first} "Round payments" by @monalisa also changed \`src/pay.ts\``,
    );
  });

  it("tells of the issue the PR closes and of another open PR changing the same file", async () => {
    const issue = sim.state.openIssue("octocat/app", {
      author: "monalisa",
      title: "Refunds are paid twice",
      body: "Seen on 3 orders.",
    });
    const other = openPull("octocat/app", "monalisa", "Refactor pay", { "src/pay.ts": "export const pay = 9;\n" });
    const number = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "octocat",
      title: "Stop double refunds",
      body: `Fixes #${issue.number}`,
      changes: { "src/pay.ts": "export const pay = 5;\n" },
    }).number;
    const output = JSON.parse((await nectr(["review", `octocat/app#${number}`, "--dry-run", "--json"])).stdout);
    expect(lastReviewPrompt()).toContain(`octocat/app#${issue.number} [open] Refunds are paid twice`);
    expect(lastReviewPrompt()).toContain(`#${other} "Refactor pay" by @monalisa: src/pay.ts`);
    expect(output.summary).toContain(`Open PR #${other} by @monalisa also changes \`src/pay.ts\``);
  });

  it("brings a rule added with nectr memory add to reviews of that repo only, and deletes only within the repo", async () => {
    const added = await nectr(["memory", "add", "octocat/app", "Money", "is", "always", "integer", "cents"]);
    expect(added.stdout).toMatch(/^Remembered for octocat\/app \(id (\d+)\)\n$/);
    const id = /id (\d+)/.exec(added.stdout)?.[1] ?? "";
    await nectr([
      "review",
      `octocat/app#${openPull("octocat/app", "octocat", "Pay", { "src/pay.ts": "export const pay = 2;\n" })}`,
      "--dry-run",
    ]);
    expect(lastReviewPrompt()).toContain("Money is always integer cents");
    await nectr([
      "review",
      `octocat/other#${openPull("octocat/other", "octocat", "Other", { "a.ts": "x\n" })}`,
      "--dry-run",
    ]);
    expect(lastReviewPrompt()).not.toContain("Money is always integer cents");

    const wrongRepo = await nectr(["memory", "delete", "octocat/other", id]);
    expect(wrongRepo.code).toBe(2);
    expect(wrongRepo.stderr).toMatch(/^nectr: octocat\/other has no memory \d+ — /);
    expect(JSON.parse((await nectr(["memory", "list", "octocat/app", "--json"])).stdout)).toEqual([
      expect.objectContaining({ id, kind: "rule", source: "user", text: "Money is always integer cents" }),
    ]);
    expect((await nectr(["memory", "delete", "octocat/app", id])).code).toBe(0);
    expect(JSON.parse((await nectr(["memory", "list", "octocat/app", "--json"])).stdout)).toEqual([]);
  });

  it("adds what an MCP server knows to the prompt, and a hanging server costs no more than its time box", async () => {
    writeFileSync(
      path.join(home, "config.json"),
      JSON.stringify({
        mcpServers: { issues: stdioServerConfig(), stuck: stdioServerConfig({ hang: true }) },
        mcpTimeoutSeconds: 2,
      }),
    );
    llm.script(
      { toolCalls: [{ name: "issues__get_issue", arguments: { id: "ENG-42" } }] },
      { content: "ENG-42: checkout must drop discontinued products instead of failing." },
    );
    const number = openPull("octocat/app", "octocat", "Fix ENG-42", { "src/pay.ts": "export const pay = 3;\n" });
    const started = Date.now();
    const run = await nectr(["review", `octocat/app#${number}`, "--dry-run"]);
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.stderr).toContain('MCP server "stuck" skipped');
    const toolResult = llm.chats[1]?.messages.find((message) => message.role === "tool")?.content ?? "";
    expect(toolResult).toContain("Checkout answers 500");
    expect(lastReviewPrompt()).toContain("ENG-42: checkout must drop discontinued products");
  });

  it("follows .nectr.yml from the default branch: excluded files are skipped, a broken file is reported", async () => {
    sim.state.commit("octocat/app", {
      branch: "main",
      author: "octocat",
      message: "config",
      changes: { ".nectr.yml": "exclude:\n  - docs/**\n" },
    });
    const number = openPull("octocat/app", "octocat", "Docs and code", {
      "docs/guide.md": "# Guide v2\n",
      "src/pay.ts": "export const pay = 4;\n",
    });
    const output = JSON.parse((await nectr(["review", `octocat/app#${number}`, "--dry-run", "--json"])).stdout);
    expect(output.stats.filesSkipped).toEqual([{ path: "docs/guide.md", reason: "excluded by .nectr.yml" }]);
    expect(lastReviewPrompt()).not.toContain("Guide v2");

    sim.state.commit("octocat/app", {
      branch: "main",
      author: "octocat",
      message: "config",
      changes: { ".nectr.yml": "exclude: docs/**\nseverity: loud\n" },
    });
    const broken = JSON.parse((await nectr(["review", `octocat/app#${number}`, "--dry-run", "--json"])).stdout);
    expect(broken.summary).toMatch(/\.nectr\.yml: `exclude` is not valid .*so the defaults were used/);
  });
});
