import { describe, expect, it } from "vitest";
import { disabledTestsRule } from "../../../../src/review/rules/disabled-tests.js";
import { addedFile, reviewFile } from "./review-file.js";

function rulesAndLines(path: string, added: string[]): [string, number][] {
  return disabledTestsRule.check([addedFile(path, added)]).map(({ rule, line }) => [rule, line]);
}

describe("disabled tests", () => {
  it("flags a focused test and suggests the unfocused line", () => {
    const findings = disabledTestsRule.check([addedFile("test/a.test.ts", ['  it.only("adds", () => {'])]);
    expect(findings).toEqual([
      {
        path: "test/a.test.ts",
        line: 1,
        startLine: null,
        side: "RIGHT",
        severity: "warning",
        rule: "tests/focused",
        title: "Focused test added",
        body: expect.stringContaining("skip every other test"),
        suggestion: '  it("adds", () => {',
      },
    ]);
  });

  it("flags every focusing form, and unfocuses fit and fdescribe", () => {
    const added = ['describe.only("x", f);', 'test.only("y", f);', 'fit("z", f);', 'fdescribe("w", f);'];
    const findings = disabledTestsRule.check([addedFile("spec/x.spec.js", added)]);
    expect(findings.map(({ rule, suggestion }) => [rule, suggestion])).toEqual([
      ["tests/focused", 'describe("x", f);'],
      ["tests/focused", 'test("y", f);'],
      ["tests/focused", 'it("z", f);'],
      ["tests/focused", 'describe("w", f);'],
    ]);
  });

  it("flags skipped JavaScript tests without a suggestion", () => {
    const added = [
      'it.skip("a", f);',
      'describe.skip("b", f);',
      'xit("c", f);',
      'xdescribe("d", f);',
      'xtest("e", f);',
    ];
    const findings = disabledTestsRule.check([addedFile("test/b.test.ts", added)]);
    expect(findings.map(({ rule, line, suggestion }) => [rule, line, suggestion])).toEqual(
      [1, 2, 3, 4, 5].map((line) => ["tests/disabled", line, null]),
    );
  });

  it("flags @Disabled, @Ignore, @pytest.mark.skip and t.Skip in their languages", () => {
    expect(rulesAndLines("src/test/java/FooTest.java", ["  @Disabled", '  @Ignore("flaky")'])).toEqual([
      ["tests/disabled", 1],
      ["tests/disabled", 2],
    ]);
    expect(rulesAndLines("src/test/kotlin/FooTest.kt", ["@Disabled"])).toEqual([["tests/disabled", 1]]);
    expect(rulesAndLines("tests/test_foo.py", ['@pytest.mark.skip(reason="slow")', '@unittest.skip("x")'])).toEqual([
      ["tests/disabled", 1],
      ["tests/disabled", 2],
    ]);
    expect(rulesAndLines("foo_test.go", ['\tt.Skip("needs network")', '\tt.Skipf("on %s", os)'])).toEqual([
      ["tests/disabled", 1],
      ["tests/disabled", 2],
    ]);
  });

  it("ignores look-alikes: methods, conditional skips, other languages, strings and comments", () => {
    expect(rulesAndLines("src/model.ts", ["model.fit(data);", "obj.xit(1);", "profit(x);", "list.only(3);"])).toEqual(
      [],
    );
    expect(
      rulesAndLines("tests/test_a.py", ['@pytest.mark.skipif(sys.platform == "win32", reason="posix")', "fit(x, y)"]),
    ).toEqual([]);
    expect(rulesAndLines("docs/testing.md", ['it.only("x")'])).toEqual([]);
    expect(rulesAndLines("test/c.test.ts", ['// use it.only("x") to focus', 'const hint = "xit(";'])).toEqual([]);
  });

  it("flags the runners' other spellings: Playwright, node:test, Vitest chains, each", () => {
    const only = "only";
    const skip = "skip";
    const added = [
      `test.describe.${only}("checkout", () => {`,
      `it.concurrent.${only}("drains", async () => {`,
      `test("migrates", { ${only}: true }, async () => {`,
      `test.describe.${skip}("admin", () => {`,
      'test.fixme("uploads", async ({ page }) => {',
      'test.describe.fixme("search", () => {',
      `test.${skip}.each([[1, 2]])("adds %i", (a) => {`,
      `it("retries", { ${skip}: "flaky" }, () => {`,
    ];
    expect(rulesAndLines("e2e/a.spec.ts", added)).toEqual([
      ["tests/focused", 1],
      ["tests/focused", 2],
      ["tests/focused", 3],
      ["tests/disabled", 4],
      ["tests/disabled", 5],
      ["tests/disabled", 6],
      ["tests/disabled", 7],
      ["tests/disabled", 8],
    ]);
    const fixes = disabledTestsRule.check([addedFile("e2e/b.spec.ts", [`test.describe.${only}("x", f);`])]);
    expect(fixes.map(({ suggestion }) => suggestion)).toEqual(['test.describe("x", f);']);
  });

  it("flags pytest's module and parameter marks, unittest's bare skip, b.Skip and TestNG's enabled = false", () => {
    expect(
      rulesAndLines("tests/test_a.py", [
        'pytestmark = pytest.mark.skip(reason="needs AWS")',
        '    pytest.param(1, marks=pytest.mark.skip(reason="x")),',
        '@skip("later")',
      ]),
    ).toEqual([
      ["tests/disabled", 1],
      ["tests/disabled", 2],
      ["tests/disabled", 3],
    ]);
    expect(rulesAndLines("bench_test.go", ['\tb.Skip("slow")'])).toEqual([["tests/disabled", 1]]);
    expect(
      rulesAndLines("LedgerTest.java", ["  @Test(enabled = false)", '  @Test(groups = "slow", enabled = false)']),
    ).toEqual([
      ["tests/disabled", 1],
      ["tests/disabled", 2],
    ]);
  });

  it("flags RSpec's and Minitest's focus and skips, and unfocuses fit", () => {
    const added = [
      '  fit "totals the items" do',
      "RSpec.describe Refund, focus: true do",
      '  xit "attaches the PDF" do',
      '  it "falls back", skip: "CDN down" do',
      '  skip "waiting on the API"',
      '  pending "not built yet"',
      "    skip",
    ];
    const findings = disabledTestsRule.check([addedFile("spec/order_spec.rb", added)]);
    expect(findings.map(({ rule, line, suggestion }) => [rule, line, suggestion])).toEqual([
      ["tests/focused", 1, '  it "totals the items" do'],
      ["tests/focused", 2, null],
      ["tests/disabled", 3, null],
      ["tests/disabled", 4, null],
      ["tests/disabled", 5, null],
      ["tests/disabled", 6, null],
      ["tests/disabled", 7, null],
    ]);
  });

  it("ignores todo tests, conditional skips and Ruby that only looks like a marker", () => {
    expect(
      rulesAndLines("src/a.test.ts", ['it.todo("handles retries");', 'describe.skipIf(isWindows)("posix", () => {']),
    ).toEqual([]);
    expect(rulesAndLines("OsTest.java", ["  @DisabledOnOs(OS.WINDOWS)"])).toEqual([]);
    expect(
      rulesAndLines("app/controllers/a_controller.rb", [
        "  skip_before_action :authenticate_user!",
        "    pending = jobs.select(&:pending?)",
        "    profit = fit_line(points)",
        '    obj.xit "x"',
      ]),
    ).toEqual([]);
  });

  it("ignores markers on deleted and context lines", () => {
    const file = reviewFile("test/a.test.ts", ['-it.only("a", f);', ' xit("b", f);', '+it("a", f);']);
    expect(disabledTestsRule.check([file])).toEqual([]);
  });
});
