import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { runInReviewThread } from "../../../src/review-thread/run-in-review-thread.js";
import { inMemorySource } from "../../harness/in-memory-change-source.js";
import { removeTempDirs, repoRoot, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

// The thread is the bundle the CLI ships (test/global-setup.ts builds dist/ before the tests).
const workerUrl = pathToFileURL(path.join(repoRoot, "dist", "review-worker.js"));
const limits = { tokensPerCall: 10_000, maxCalls: 2, maxOutputTokens: 500, boundary: "b0undary" };
describe("a review in its own thread", () => {
  it("parses, checks and assembles the change there, reading it through the caller", async () => {
    const patch = '@@ -0,0 +1,2 @@\n+const id = "AKIA' + 'WEE6A7FQYQVX4KLM";\n+debugger;';
    const files = [
      { path: "src/a.ts", previousPath: null, status: "added" as const, additions: 2, deletions: 0, patch },
    ];
    const steps: string[] = [];
    const review = await runInReviewThread(
      { name: "review", limits, llmWithheld: undefined, learn: false },
      {
        source: inMemorySource(files),
        llm: undefined,
        progress: (step) => steps.push(step),
      },
      { timeBoxMs: 30_000, workerUrl },
    );
    expect(review.findings.map(({ path, line, rule }) => [path, line, rule])).toEqual([
      ["src/a.ts", 1, "secret/aws-key"],
      ["src/a.ts", 2, "debug/breakpoint"],
    ]);
    expect(review.diffLines.get("src/a.ts")).toEqual(new Set(['const id = "AKIA****";', "debugger;"]));
    expect(steps).toContain("Running built-in checks");
  });

  it("hands the caller's errors back with their kind and hint", async () => {
    const failing = inMemorySource(new UsageError("no PR #9 in o/r", { hint: "check the number" }));
    const review = runInReviewThread(
      { name: "review", limits, llmWithheld: undefined, learn: false },
      { source: failing, llm: undefined },
      { timeBoxMs: 30_000, workerUrl },
    );
    await expect(review).rejects.toBeInstanceOf(UsageError);
    await expect(review).rejects.toMatchObject({ message: "no PR #9 in o/r", hint: "check the number" });
  });

  it("stops a thread that stops answering past its time box, and says so", async () => {
    const stuck = path.join(tempDir(), "stuck-worker.mjs");
    writeFileSync(stuck, "for (;;) {}\n");
    const started = Date.now();
    const review = runInReviewThread(
      { name: "review", limits, llmWithheld: undefined, learn: false },
      { source: inMemorySource(new Error("never read")), llm: undefined },
      { timeBoxMs: 200, graceMs: 300, workerUrl: pathToFileURL(stuck) },
    );
    await expect(review).rejects.toThrow(/held its thread past its 0.2 s time box and was stopped/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
