import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake, type RecordedChat } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";

// What a review sees and says beyond the diff's hunks: the code around them in the prompt, and
// findings about unchanged code posted on the file rather than dropped.

const TOKEN = "gho_beyond_hunks_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;

const isReview = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).includes('"name":"review"');

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
});
