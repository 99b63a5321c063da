import { describe, expect, it } from "vitest";
import { builtInRules, runRules } from "../../../../src/review/rules/built-in-rules.js";
import type { Rule } from "../../../../src/review/rules/types.js";
import type { Finding } from "../../../../src/review/types.js";
import { addedFile } from "./review-file.js";

function finding(path: string, line: number, rule: string): Finding {
  return { path, line, startLine: null, side: "RIGHT", severity: "nit", rule, title: rule, body: "", suggestion: null };
}

function ruleReturning(findings: Finding[]): Rule {
  return { id: "fixed", description: "returns fixed findings", check: () => findings };
}

describe("built-in rules", () => {
  it("has one rule per check, each with a distinct id and a description", () => {
    expect(builtInRules.map(({ id }) => id)).toEqual(["secret", "merge", "debug", "tests", "deps", "size", "todo"]);
    for (const rule of builtInRules) expect(rule.description).not.toBe("");
  });

  it("runs every rule over the files and sorts the findings by path, then line", () => {
    const files = [
      addedFile("src/b.ts", ["const a = 1;", "debugger;", "// TODO: remove"]),
      addedFile("src/a.ts", ["<<<<<<< HEAD", 'it.only("x", f);']),
      addedFile("package-lock.json", ["{}"]),
    ];
    expect(runRules(files).findings.map(({ path, line, rule }) => [path, line, rule])).toEqual([
      ["package-lock.json", 1, "deps/lock-without-manifest"],
      ["src/a.ts", 1, "merge/conflict-marker"],
      ["src/a.ts", 2, "tests/focused"],
      ["src/b.ts", 2, "debug/breakpoint"],
      ["src/b.ts", 3, "todo/added"],
    ]);
  });

  it("keeps one finding per path, line and rule", () => {
    const rules = [
      ruleReturning([finding("a.ts", 9, "x/one"), finding("a.ts", 2, "x/one")]),
      ruleReturning([finding("a.ts", 9, "x/one"), finding("a.ts", 9, "x/two")]),
    ];
    expect(runRules([addedFile("a.ts", ["x"])], rules).findings.map(({ line, rule }) => [line, rule])).toEqual([
      [2, "x/one"],
      [9, "x/one"],
      [9, "x/two"],
    ]);
  });

  it("finds nothing in an empty pull request", () => {
    expect(runRules([])).toEqual({ findings: [], unchecked: [] });
  });

  it("checks files until the time box is spent and names the files it did not check", () => {
    const files = ["a.ts", "b.ts", "c.ts"].map((path) => addedFile(path, ["debugger;"]));
    let checks = 0;
    const run = runRules(files, builtInRules, { remainingMs: () => (checks++ < 2 ? 1 : 0) });
    expect(run.findings.map(({ path }) => path)).toEqual(["a.ts", "b.ts"]);
    expect(run.unchecked).toEqual(["c.ts"]);
  });

  // These two guard against quadratic work: a linear pass takes well under a second, anything
  // quadratic takes minutes and hits the test's time limit. The speed itself is not asserted.
  it("gets through a 5,000-file pull request", { timeout: 20_000 }, () => {
    const body = Array.from(
      { length: 40 },
      (_, index) => `  const value${index} = compute(input, ${index}); // step ${index}`,
    );
    const files = Array.from({ length: 5_000 }, (_, index) => addedFile(`src/module${index}/file.ts`, body));
    expect(runRules(files).findings).toEqual([]);
  });

  it("gets through a 750,000-character minified line full of near-matches", { timeout: 20_000 }, () => {
    const line = 'var a="console.log(",b=it.only;// http://x.io/token=aws_secret #TODO-ish '.repeat(10_000);
    const files = ["web/app.js", "web/app.py", "web/app.txt"].map((path) => addedFile(path, [line]));
    const rules = runRules(files).findings.map((finding) => finding.rule);
    expect(rules).toContain("size/long-line");
  });
});
