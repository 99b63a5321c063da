import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, type NectrRun } from "../harness/run-nectr.js";
import { nectrAgainst, startReviewWorld } from "./review-world.js";

const API_KEY = "sk-live-do-not-print-4242";
let sim: GitHubSimulator;
let home: string;
let nectr: ReturnType<typeof nectrAgainst>;

beforeEach(async () => {
  ({ sim, home } = await startReviewWorld());
  nectr = nectrAgainst(sim, home);
});
afterEach(() => sim.close());
afterAll(removeTempDirs);

/** The URL of an LLM endpoint that is gone: a fake started, then stopped, so nothing listens on its port. */
async function stoppedLlmUrl(): Promise<string> {
  const llm = await LlmFake.start();
  await llm.close();
  return llm.url;
}

function expectNoKey(run: NectrRun): void {
  expect(run.stdout + run.stderr).not.toContain(API_KEY);
  expect(run.stdout + run.stderr).not.toContain("do-not-print");
}

describe("an LLM endpoint that fails", () => {
  it("in a review: names the URL, the errno and OPENAI_BASE_URL, and never the API key", async () => {
    const url = await stoppedLlmUrl();
    const env = { OPENAI_BASE_URL: url, OPENAI_API_KEY: API_KEY };
    const strict = await nectr(["review", "octocat/app#1", "--dry-run", "--require-llm"], env);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`the LLM endpoint ${url} could not be reached (ECONNREFUSED)`);
    expect(strict.stderr).toMatch(/Check OPENAI_BASE_URL/);
    expectNoKey(strict);

    const lenient = await nectr(["review", "octocat/app#1", "--dry-run"], env);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(
      new RegExp(
        `^nectr: warning: the LLM endpoint ${url} could not be reached \\(ECONNREFUSED\\).*OPENAI_BASE_URL`,
        "m",
      ),
    );
    expectNoKey(lenient);
  });

  it("in a posted summary: says the LLM endpoint failed and why, but not where it is", async () => {
    const url = await stoppedLlmUrl();
    const run = await nectr(["review", "octocat/app#1"], { OPENAI_BASE_URL: url, OPENAI_API_KEY: API_KEY });
    expect(run.code).toBe(0);
    const summary = sim.state.repo("octocat/app").issueComments.at(-1)?.body ?? "";
    expect(summary).toContain("The LLM review failed (the LLM endpoint could not be reached (ECONNREFUSED)");
    expect(summary).not.toContain(new URL(url).host);
    expect(summary).not.toContain("OPENAI_BASE_URL");
    expect(run.stderr).toContain(`nectr: warning: the LLM endpoint ${url} could not be reached (ECONNREFUSED)`);
  });

  it("in nectr doctor: names the URL and the errno, and says to check OPENAI_BASE_URL", async () => {
    const url = await stoppedLlmUrl();
    const run = await runNectr(["doctor"], { env: { OPENAI_BASE_URL: url, OPENAI_API_KEY: API_KEY } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`✖ LLM: the LLM endpoint ${url} could not be reached \\(ECONNREFUSED\\)\\n {4}→ .*OPENAI_BASE_URL`),
    );
    expectNoKey(run);
  });

  it("at a URL with a password in it: shows the URL without it", async () => {
    const url = await stoppedLlmUrl();
    const withPassword = url.replace("http://", "http://nectr:hunter2-secret@");
    const run = await runNectr(["doctor"], { env: { OPENAI_BASE_URL: `${withPassword}?key=${API_KEY}` } });
    expect(run.stdout).toContain(`✖ LLM: the LLM endpoint ${url} could not be reached`);
    expect(run.stdout + run.stderr).not.toContain("hunter2");
    expectNoKey(run);
  });

  it("with a model it does not have (404): names the model and NECTR_MODEL", async () => {
    const llm = await LlmFake.start({ apiKey: API_KEY });
    try {
      llm.fallback = () => ({ status: 404, errorMessage: "The model `gpt-9-imaginary` does not exist" });
      const env = { OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: API_KEY, NECTR_MODEL: "gpt-9-imaginary" };
      const run = await nectr(["review", "octocat/app#1", "--dry-run", "--require-llm"], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the LLM endpoint ${llm.url} has no model "gpt-9-imaginary" (404)`);
      expect(run.stderr).toMatch(/set NECTR_MODEL/);
      expectNoKey(run);
    } finally {
      await llm.close();
    }
  });

  it("at a URL that is no OpenAI-compatible API (404 on the path): says OPENAI_BASE_URL usually ends in /v1", async () => {
    const llm = await LlmFake.start();
    try {
      const root = llm.url.replace(/\/v1$/, "");
      const run = await runNectr(["doctor"], { env: { OPENAI_BASE_URL: root, OPENAI_API_KEY: API_KEY } });
      expect(run.stdout).toMatch(
        new RegExp(
          `✖ LLM: the LLM endpoint ${root} is not an OpenAI-compatible API \\(it answered 404\\)\\n {4}→ check OPENAI_BASE_URL: it usually ends in /v1`,
        ),
      );
      expectNoKey(run);
    } finally {
      await llm.close();
    }
  });
});
