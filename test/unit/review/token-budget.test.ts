import { describe, expect, it } from "vitest";
import { fileKind } from "../../../src/diff/file-kind.js";
import { parsePatch } from "../../../src/diff/parse-patch.js";
import { addContext, planTokenBudget, type BudgetFile } from "../../../src/diff/token-budget.js";

const added = (count: number) =>
  parsePatch(`@@ -0,0 +1,${count} @@\n${Array.from({ length: count }, (_, index) => `+line ${index}`).join("\n")}`);
const file = (path: string, lines: number): BudgetFile => ({ path, kind: fileKind(path, false), hunks: added(lines) });
// One token per line of the hunk, one for the heading: easy to reason about.
const limits = (tokensPerCall: number, maxCalls: number) => ({
  tokensPerCall,
  maxCalls,
  headerCost: () => 1,
  hunkCost: (hunk: { lines: unknown[] }) => hunk.lines.length,
});

describe("planTokenBudget", () => {
  it("plans the context around hunks last, into the room the diff leaves: it is dropped first, never a diff line", () => {
    const contextCost = () => 10;
    // Each file costs 1 + 6; two fit a call of 24 with room for one file's context, not two.
    const plan = planTokenBudget([file("src/a.ts", 5), file("src/b.ts", 5)], limits(24, 1));
    addContext(plan, 24, contextCost);
    expect(plan.full).toEqual(["src/a.ts", "src/b.ts"]);
    expect(plan.tokens).toEqual([22]);
    expect(plan.chunks[0]?.map((planned) => [planned.path, planned.withContext])).toEqual([
      ["src/a.ts", true],
      ["src/b.ts", false],
    ]);
    const tight = planTokenBudget([file("src/a.ts", 5), file("src/b.ts", 5)], limits(14, 1));
    addContext(tight, 14, contextCost);
    expect(tight.full).toEqual(["src/a.ts", "src/b.ts"]);
    expect(tight.chunks.flat().some((planned) => planned.withContext)).toBe(false);
  });

  it("puts source before config, tests and docs, and everything in one call when it fits", () => {
    const plan = planTokenBudget(
      [file("README.md", 5), file("src/a.test.ts", 5), file("src/a.ts", 5), file("tsconfig.json", 5)],
      limits(100, 1),
    );
    expect(plan.chunks).toHaveLength(1);
    expect(plan.chunks[0]?.map((planned) => planned.path)).toEqual([
      "src/a.ts",
      "tsconfig.json",
      "src/a.test.ts",
      "README.md",
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("splits across calls and names every file that fits nowhere", () => {
    const files = Array.from({ length: 10 }, (_, index) => file(`src/f${index}.ts`, 9));
    const plan = planTokenBudget(files, limits(25, 3));
    expect(plan.chunks).toHaveLength(3);
    expect(plan.full).toHaveLength(6);
    expect(plan.skipped.map((entry) => entry.reason)).toEqual(Array(4).fill("over the token budget"));
    expect(plan.full.length + plan.clipped.length + plan.skipped.length).toBe(10);
  });

  it("clips a file bigger than a call to the hunks that fit, and sends deletion-only hunks last", () => {
    const hunks = [
      ...parsePatch("@@ -1,3 +0,0 @@\n-a\n-b\n-c"),
      ...added(4),
      ...parsePatch("@@ -50,0 +60,30 @@\n" + Array(30).fill("+x").join("\n")),
    ];
    const plan = planTokenBudget([{ path: "src/big.ts", kind: "source", hunks }], limits(10, 2));
    expect(plan.clipped).toEqual(["src/big.ts"]);
    expect(plan.chunks[0]?.[0]?.hunks.map((hunk) => hunk.lines.length)).toEqual([4]);
  });

  it("handles a 5,000-file change without failing, covering what fits and listing the rest", () => {
    const files = Array.from({ length: 5000 }, (_, index) => file(`pkg/m${index}.go`, 3));
    const plan = planTokenBudget(files, limits(400, 4));
    expect(plan.full.length).toBe(400);
    expect(plan.skipped).toHaveLength(4600);
  });
});

describe("fileKind", () => {
  it.each([
    ["src/index.ts", "source"],
    ["package-lock.json", "lock"],
    ["web/yarn.lock", "lock"],
    ["vendor/github.com/x/y.go", "vendored"],
    ["dist/app.min.js", "generated"],
    ["src/__snapshots__/a.snap", "generated"],
    ["assets/logo.PNG", "binary"],
    ["test/app.test.ts", "test"],
    ["pkg/server_test.go", "test"],
    ["docs/guide.md", "docs"],
    [".github/workflows/ci.yml", "config"],
  ])("%s is %s", (path, kind) => {
    expect(fileKind(path, false)).toBe(kind);
  });
});
