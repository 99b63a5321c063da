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

  it("ignores markers on deleted and context lines", () => {
    const file = reviewFile("test/a.test.ts", ['-it.only("a", f);', ' xit("b", f);', '+it("a", f);']);
    expect(disabledTestsRule.check([file])).toEqual([]);
  });
});
