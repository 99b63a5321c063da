import { countTokens } from "gpt-tokenizer";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake, type RecordedChat } from "../harness/llm-fake/server.js";
import { removeTempDirs, tempDir } from "../harness/run-nectr.js";
import { nectrAgainst, TOKEN } from "./review-world.js";

// What a review sees and says beyond the diff's hunks: the code around them in the prompt, and
// findings about unchanged code posted on the file rather than dropped.

let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;
let nectr: ReturnType<typeof nectrAgainst>;

const isReview = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).includes('"name":"review"');
const reviewPrompts = () => llm.chats.filter(isReview).map((chat) => chat.messages.at(-1)?.content ?? "");

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addUser("monalisa");
  llm = await LlmFake.start();
  llm.fallback = (chat) =>
    isReview(chat)
      ? { json: { summary: "Changes the limits.", keyChanges: [], verdict: "comment", findings: [] } }
      : { json: { learnings: [] } };
  home = tempDir();
  nectr = nectrAgainst(sim, home, llm);
});
afterEach(async () => {
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

/** A 60-line module: a setting near the top, and many lines before the one the PR changes. */
const limits = (retries: number, extra = "") =>
  [
    "export const TIMEOUT_MS = 0;",
    ...Array.from({ length: 48 }, (_, index) => `export const LIMIT_${index} = ${index};`),
    `export const RETRIES = ${retries};`,
    extra,
    ...Array.from({ length: 10 }, (_, index) => `export const TAIL_${index} = ${index};`),
  ].join("\n") + "\n";

describe("a review beyond the diff's hunks", () => {
  it("posts a finding about an unchanged line outside every hunk as a comment on its file, once across two pushes", async () => {
    sim.state.addRepo({ owner: "octocat", name: "app", files: { "src/limits.ts": limits(3) } });
    llm.fallback = (chat) => {
      if (!isReview(chat)) return { json: { learnings: [] } };
      return {
        json: {
          summary: "Raises the retries.",
          keyChanges: [],
          verdict: "comment",
          findings: [
            {
              path: "src/limits.ts",
              quote: "export const TIMEOUT_MS = 0;",
              severity: "warning",
              title: "More retries with no timeout",
              body: "With a timeout of 0 each retry can hang for ever.",
              suggestion: "export const TIMEOUT_MS = 10_000;",
            },
          ],
        },
      };
    };
    const { number } = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "monalisa",
      title: "More retries",
      changes: { "src/limits.ts": limits(5) },
    });
    const first = await nectr(["review", `octocat/app#${number}`, "--json"]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).findings).toEqual([
      expect.objectContaining({
        path: "src/limits.ts",
        line: 1,
        subjectType: "file",
        title: "More retries with no timeout",
        // A comment on a file cannot carry a suggestion GitHub would apply.
        suggestion: null,
      }),
    ]);
    const repo = sim.state.repo("octocat/app");
    const onFile = () => repo.reviewComments.filter((comment) => comment.subjectType === "file");
    expect(onFile()).toEqual([
      expect.objectContaining({ path: "src/limits.ts", author: "octocat", line: null, inReplyTo: null }),
    ]);
    expect(onFile()[0]?.body).toContain(
      "On line 1, outside the changed lines:\n\n```\nexport const TIMEOUT_MS = 0;\n```",
    );

    sim.state.pushToPullRequest("octocat/app", number, { "src/limits.ts": limits(5, "export const BACKOFF = 2;") });
    const second = await nectr(["review", `octocat/app#${number}`]);
    expect(second.code, second.stderr).toBe(0);
    expect(onFile()).toHaveLength(1);
    // The code is still there: no "fixed" reply either.
    expect(repo.reviewComments.filter((comment) => comment.inReplyTo !== null)).toEqual([]);
    expect(sim.requests.filter((request) => request.status === 422)).toEqual([]);
    expect(sim.count("POST", /\/pulls\/\d+\/comments$/)).toBe(1);
  });

  it("sends the signature of the 40-line function a change sits in, and the file's imports, as unchanged context", async () => {
    const report = (cell: string) =>
      [
        'import { format } from "./format";',
        'import type { Row } from "./row";',
        "",
        "export function buildReport(rows: Row[], title: string): string {",
        "  const lines: string[] = [title];",
        ...Array.from({ length: 38 }, (_, index) => `  lines.push(format(rows[${index}]));`),
        `  lines.push(${cell});`,
        '  return lines.join("\\n");',
        "}",
      ].join("\n") + "\n";
    sim.state.addRepo({ owner: "octocat", name: "app", files: { "src/report.ts": report('"end"') } });
    const { number } = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "monalisa",
      title: "Report footer",
      changes: { "src/report.ts": report("format(rows.at(-1))") },
    });
    const run = await nectr(["review", `octocat/app#${number}`, "--dry-run"]);
    expect(run.code, run.stderr).toBe(0);
    const [prompt] = reviewPrompts();
    // The hunk starts 38 lines below the signature; the signature comes with it, marked as unchanged.
    expect(prompt).toContain("@@ -41,");
    expect(prompt).toContain("~4: export function buildReport(rows: Row[], title: string): string {\n@@ -41,");
    expect(prompt).toContain('~1: import { format } from "./format";\n~2: import type { Row } from "./row";\n');
    expect(prompt).not.toContain("~20:");
  });

  it("keeps a one-line change to a 5,000-line file within the prompt budget", async () => {
    const big = (value: number) =>
      [
        "export class Table {",
        ...Array.from({ length: 4_998 }, (_, index) =>
          index === 4_000 ? `  readonly limit = ${value};` : `  readonly column${index} = "value ${index}";`,
        ),
        "}",
      ].join("\n") + "\n";
    sim.state.addRepo({ owner: "octocat", name: "app", files: { "src/table.ts": big(1) } });
    const { number } = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "monalisa",
      title: "Raise the limit",
      changes: { "src/table.ts": big(2) },
    });
    const run = await nectr(["review", `octocat/app#${number}`, "--dry-run"]);
    expect(run.code, run.stderr).toBe(0);
    const prompts = reviewPrompts();
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain("+  readonly limit = 2;");
    expect(prompts[0]).toContain("~1: export class Table {");
    // The whole file is some 60,000 tokens; the prompt carries the hunk, its class line and the rest of the request.
    expect(countTokens(big(2))).toBeGreaterThan(50_000);
    expect(countTokens(prompts[0] ?? "")).toBeLessThan(3_000);
  });
});
