import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake, type RecordedChat } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";

const TOKEN = "gho_follow_up_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;

// The model flags whichever of these lines the diff it is shown contains: across pushes its
// findings overlap, as a real model's do.
const MODEL_FINDINGS = [
  { quote: "return a + b;", title: "No overflow check", severity: "warning" },
  { quote: "const limit = 10;", title: "Magic number", severity: "suggestion" },
  { quote: "retries += 1;", title: "Unbounded retries", severity: "warning" },
  // Praise the prompt forbids and the model sends anyway: never posted.
  { quote: "return a + b;", title: "Nice, readable sum", severity: "nit" },
];

const schemaOf = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).match(/"name":"(\w+)"/)?.[1];

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addUser("monalisa");
  sim.state.addRepo({ owner: "octocat", name: "app", collaborators: { monalisa: "write" } });
  llm = await LlmFake.start();
  llm.fallback = (chat) => {
    if (schemaOf(chat) !== "review") return { json: { learnings: [] } };
    const prompt = chat.messages.at(-1)?.content ?? "";
    const findings = MODEL_FINDINGS.filter((finding) => prompt.includes(`+  ${finding.quote}`)).map((finding) => ({
      path: "src/calc.ts",
      quote: finding.quote,
      severity: finding.severity,
      title: finding.title,
      body: "Why it matters.",
      suggestion: null,
    }));
    return { json: { summary: "Changes the calculator.", keyChanges: [], verdict: "comment", findings } };
  };
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
const source = (...lines: string[]) =>
  `export function total(a: number, b: number) {\n${lines.map((line) => `  ${line}\n`).join("")}}\n`;

describe("later reviews of the same PR", () => {
  // Five reviews and a memory listing, each a real process whose writes GitHub paces at one a second.
  it(
    "five pushes: no duplicate inline comment, one summary, fixed findings answered, dismissed ones never again, no 422",
    { timeout: 90_000 },
    async () => {
      const pushes = [
        source("console.log(a);", "return a + b;"),
        source("console.log(a);", "const limit = 10;", "return a + b;"),
        source("const limit = 10;", "return a + b;"),
        source("const limit = 10;", "let retries = 0;", "retries += 1;", "return a + b;"),
        source("const limit = 10;", "let retries = 0;", "retries += 1;", "return a + b;", "// done"),
      ];
      const number = sim.state.openPullRequest({
        repo: "octocat/app",
        author: "monalisa",
        title: "Calculator",
        changes: { "src/calc.ts": pushes[0] ?? "" },
      }).number;
      const repo = sim.state.repo("octocat/app");
      const mine = () =>
        repo.reviewComments.filter((comment) => comment.author === "octocat" && comment.inReplyTo === null);
      for (const [index, text] of pushes.entries()) {
        if (index > 0) sim.state.pushToPullRequest("octocat/app", number, { "src/calc.ts": text });
        const run = await nectr(["review", `octocat/app#${number}`]);
        expect(run.code, run.stderr).toBe(0);
        if (index === 1) {
          // The author answers the overflow finding: the team does not want it.
          const overflow = mine().find((comment) => comment.body.includes("No overflow check"));
          expect(overflow).toBeDefined();
          sim.state.replyToReviewComment(
            "octocat/app",
            overflow?.id ?? 0,
            "monalisa",
            "Won't fix: inputs are bounded upstream.",
          );
        }
      }

      const titles = mine().map((comment) => /\*\* · (.+)\n/.exec(comment.body)?.[1]);
      expect(new Set(titles).size).toBe(titles.length);
      expect(titles.filter((title) => title === "No overflow check")).toHaveLength(1);
      expect(titles).toEqual(expect.arrayContaining(["Magic number", "Unbounded retries"]));
      expect(JSON.stringify(repo.reviewComments) + JSON.stringify(repo.issueComments)).not.toContain("Nice, readable");
      expect(repo.issueComments).toHaveLength(1);
      const fixed = repo.reviewComments.filter((comment) => comment.inReplyTo !== null && comment.author === "octocat");
      expect(fixed.map((reply) => reply.body)).toEqual([
        expect.stringMatching(/^Fixed in [0-9a-f]{7}: nectr no longer sees this\./),
      ]);
      const console = mine().find((comment) => comment.body.includes("console.log"));
      expect(fixed[0]?.inReplyTo).toBe(console?.id);
      expect(sim.requests.filter((request) => request.status === 422)).toEqual([]);
      const memories = JSON.parse((await nectr(["memory", "list", "octocat/app", "--json"])).stdout);
      expect(memories).toEqual([
        expect.objectContaining({ kind: "decision", text: expect.stringContaining('dismissed "No overflow check"') }),
      ]);
    },
  );

  it("a thread resolved while the code stays is a dismissal; one resolved after the fix gets no reply", async () => {
    const number = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "monalisa",
      title: "Calculator",
      changes: { "src/calc.ts": source("const limit = 10;", "return a + b;") },
    }).number;
    const repo = sim.state.repo("octocat/app");
    expect((await nectr(["review", `octocat/app#${number}`])).code).toBe(0);
    const threadOf = (title: string) =>
      repo.reviewComments.find((comment) => comment.inReplyTo === null && comment.body.includes(title));
    const overflow = threadOf("No overflow check");
    const magic = threadOf("Magic number");
    expect(overflow && magic).toBeDefined();
    // The overflow thread is resolved with the code unchanged; the magic number is fixed, then resolved.
    sim.state.resolveThread("octocat/app", overflow?.id ?? 0, "monalisa");
    sim.state.pushToPullRequest("octocat/app", number, { "src/calc.ts": source("return a + b;") });
    sim.state.resolveThread("octocat/app", magic?.id ?? 0, "monalisa");

    const run = await nectr(["review", `octocat/app#${number}`, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(repo.reviewComments.filter((comment) => comment.inReplyTo !== null)).toEqual([]);
    expect(repo.reviewComments.filter((comment) => comment.body.includes("No overflow check"))).toHaveLength(1);
    const summary = repo.issueComments[0]?.body ?? "";
    expect(summary).toContain("Dismissed by the team, not raised again on this PR: `src/calc.ts` — No overflow check");
    expect(summary).toContain("Fixed: `src/calc.ts` — Magic number");
    expect(summary).not.toMatch(/Warning[\s\S]*No overflow check[\s\S]*Dismissed/);
    const memories = JSON.parse((await nectr(["memory", "list", "octocat/app", "--json"])).stdout);
    expect(memories).toEqual([
      expect.objectContaining({ kind: "decision", text: expect.stringContaining('dismissed "No overflow check"') }),
    ]);
  });

  it(
    "ignores a read-only author's 👎, \"won't fix\" and resolved thread; the same from a writer dismisses",
    { timeout: 90_000 },
    async () => {
      sim.state.addUser("stranger");
      const number = sim.state.openPullRequest({
        repo: "octocat/app",
        author: "stranger",
        title: "Calculator",
        changes: { "src/calc.ts": source("const limit = 10;", "let retries = 0;", "retries += 1;", "return a + b;") },
      }).number;
      const repo = sim.state.repo("octocat/app");
      expect((await nectr(["review", `octocat/app#${number}`])).code).toBe(0);
      const threadOf = (title: string) =>
        repo.reviewComments.find((comment) => comment.inReplyTo === null && comment.body.includes(title))?.id ?? 0;
      const [overflow, magic, retries] = ["No overflow check", "Magic number", "Unbounded retries"].map(threadOf);
      const silence = (login: string) => {
        sim.state.reactToReviewComment("octocat/app", overflow ?? 0, login, "-1");
        sim.state.replyToReviewComment("octocat/app", magic ?? 0, login, "Won't fix, this is fine.");
        sim.state.resolveThread("octocat/app", retries ?? 0, login);
      };
      const dismissedIn = (summary: string) =>
        ["No overflow check", "Magic number", "Unbounded retries"].filter((title) =>
          summary.includes(`Dismissed by the team, not raised again on this PR: \`src/calc.ts\` — ${title}`),
        );

      silence("stranger");
      const summary = () => repo.issueComments.find((comment) => comment.issueNumber === number)?.body ?? "";
      const ignored = await nectr(["review", `octocat/app#${number}`, "--full"]);
      expect(ignored.code, ignored.stderr).toBe(0);
      expect(dismissedIn(summary())).toEqual([]);
      expect(JSON.parse((await nectr(["memory", "list", "octocat/app", "--json"])).stdout)).toEqual([]);

      repo.resolvedThreads.clear();
      silence("monalisa");
      expect((await nectr(["review", `octocat/app#${number}`, "--full"])).code).toBe(0);
      expect(dismissedIn(summary())).toEqual(["No overflow check", "Magic number", "Unbounded retries"]);
      const memories = JSON.parse((await nectr(["memory", "list", "octocat/app", "--json"])).stdout);
      expect(memories.map((memory: { text: string }) => /dismissed "([^"]+)"/.exec(memory.text)?.[1]).sort()).toEqual([
        "Magic number",
        "No overflow check",
        "Unbounded retries",
      ]);
    },
  );

  it("reviews a push incrementally: a one-file change to a 50-file PR costs at most 15% of the first pass's prompt", async () => {
    llm.fallback = (chat) =>
      schemaOf(chat) === "review"
        ? { json: { summary: "Fine.", keyChanges: [], verdict: "comment", findings: [] } }
        : { json: { learnings: [] } };
    const module = (index: number, version: number) =>
      Array.from({ length: 12 }, (_, line) => `export const value${index}_${line} = ${version * 100 + line};`).join(
        "\n",
      ) + "\n";
    const changes = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [`src/module-${index}.ts`, module(index, 1)]),
    );
    const number = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "monalisa",
      title: "Fifty modules",
      changes,
    }).number;
    expect((await nectr(["review", `octocat/app#${number}`])).code).toBe(0);
    const first = llm.chatsFor("review").reduce((sum, chat) => sum + chat.promptTokens, 0);

    const before = sim.state.pull("octocat/app", number).headSha;
    const after = sim.state.pushToPullRequest("octocat/app", number, { "src/module-7.ts": module(7, 2) });
    const chatsBefore = llm.chatsFor("review").length;
    const second = await nectr(["review", `octocat/app#${number}`, "--json"]);
    const secondTokens = llm
      .chatsFor("review")
      .slice(chatsBefore)
      .reduce((sum, chat) => sum + chat.promptTokens, 0);
    expect(secondTokens).toBeLessThanOrEqual(first * 0.15);
    const summary = JSON.parse(second.stdout).summary;
    expect(summary).toContain(`This pass covered 1 commit (${before.slice(0, 7)}..${after.slice(0, 7)})`);
    expect(summary).toContain("49 unchanged since the last review, not sent again");
    expect(sim.state.repo("octocat/app").issueComments).toHaveLength(1);

    const chatsBeforeFull = llm.chatsFor("review").length;
    await nectr(["review", `octocat/app#${number}`, "--full", "--dry-run"]);
    const fullTokens = llm
      .chatsFor("review")
      .slice(chatsBeforeFull)
      .reduce((sum, chat) => sum + chat.promptTokens, 0);
    expect(fullTokens).toBeGreaterThan(first * 0.9);
  });
});
