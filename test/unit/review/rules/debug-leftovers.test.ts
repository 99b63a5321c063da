import { describe, expect, it } from "vitest";
import { debugLeftoversRule } from "../../../../src/review/rules/debug-leftovers.js";
import { addedFile, reviewFile } from "./review-file.js";

function rulesAndLines(path: string, added: string[]): [string, number][] {
  return debugLeftoversRule.check([addedFile(path, added)]).map(({ rule, line }) => [rule, line]);
}

describe("debug leftovers", () => {
  it("finds console.log on an added line and suggests deleting the line", () => {
    const findings = debugLeftoversRule.check([
      addedFile("src/app.ts", ["const a = 1;", '  console.log("a is", f(a));']),
    ]);
    expect(findings).toEqual([
      {
        path: "src/app.ts",
        line: 2,
        startLine: null,
        side: "RIGHT",
        severity: "warning",
        rule: "debug/console-log",
        title: "`console.log` left in",
        body: expect.stringContaining("Remove it"),
        suggestion: "",
      },
    ]);
  });

  it("suggests nothing when deleting the line would not be exact", () => {
    const findings = debugLeftoversRule.check([
      addedFile("src/app.js", ["if (debug) console.log(a);", "console.log(", "const b = 2; console.debug(b);"]),
    ]);
    expect(findings.map(({ line, suggestion }) => [line, suggestion])).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
  });

  it("finds debugger statements", () => {
    expect(
      rulesAndLines("web/page.tsx", ["  debugger;", "debugger", "const debuggerEnabled = true;", "x.debugger;"]),
    ).toEqual([
      ["debug/breakpoint", 1],
      ["debug/breakpoint", 2],
    ]);
  });

  it("finds Python print, breakpoint() and pdb, but not print-like methods", () => {
    const added = [
      "print(x)",
      "breakpoint()",
      "import pdb; pdb.set_trace()",
      "logger.print(x)",
      "pprint(x)",
      "self.print(y)",
    ];
    expect(rulesAndLines("app/models.py", added)).toEqual([
      ["debug/print", 1],
      ["debug/breakpoint", 2],
      ["debug/breakpoint", 3],
    ]);
  });

  it("allows output calls in command-line scripts, but not breakpoints", () => {
    expect(rulesAndLines("scripts/release.py", ["print('done')", "breakpoint()"])).toEqual([["debug/breakpoint", 2]]);
    expect(rulesAndLines("bin/cli.js", ["console.log(help)"])).toEqual([]);
    expect(rulesAndLines("pkg/__main__.py", ["print(result)"])).toEqual([]);
  });

  it("finds Ruby, PHP and Java leftovers", () => {
    expect(rulesAndLines("app/user.rb", ["binding.pry", "  byebug", "require 'byebug'"])).toEqual([
      ["debug/breakpoint", 1],
      ["debug/breakpoint", 2],
    ]);
    expect(
      rulesAndLines("src/User.php", ["var_dump($user);", "dd($request);", "$this->dd($x);", "function dd($x) {"]),
    ).toEqual([
      ["debug/dump", 1],
      ["debug/dump", 2],
    ]);
    expect(rulesAndLines("src/Main.java", ['    System.out.println("here");', 'System.err.println("fatal");'])).toEqual(
      [["debug/print", 1]],
    );
  });

  it("leaves Go and unknown languages alone", () => {
    expect(rulesAndLines("main.go", ['fmt.Println("hello")'])).toEqual([]);
    expect(rulesAndLines("notes.md", ["console.log(x)", "debugger;"])).toEqual([]);
  });

  it("ignores calls inside comments and strings, including in test files", () => {
    const added = [
      "// console.log(x)",
      " * console.log(x) in a doc comment",
      "const a = 1; /* debugger; */",
      'const code = "console.log(1)";',
      "expect(run(`console.log(2)`)).toBe(2);",
      "foo(); // console.log(foo)",
    ];
    expect(rulesAndLines("test/app.test.ts", added)).toEqual([]);
    expect(rulesAndLines("app.py", ["# print(x)", "msg = 'print(x)'"])).toEqual([]);
  });

  it("checks test files like any code", () => {
    expect(rulesAndLines("test/app.test.ts", ["console.log(result);"])).toEqual([["debug/console-log", 1]]);
  });

  it("ignores leftovers on deleted and context lines", () => {
    const file = reviewFile("src/app.ts", ["-console.log(a);", " debugger;", "+const a = 1;"]);
    expect(debugLeftoversRule.check([file])).toEqual([]);
  });
  it("finds the debug gem's breakpoints in Ruby", () => {
    expect(rulesAndLines("app/jobs/sync_job.rb", ["    debugger", "    binding.break", "    binding.b"])).toEqual([
      ["debug/breakpoint", 1],
      ["debug/breakpoint", 2],
      ["debug/breakpoint", 3],
    ]);
    expect(
      rulesAndLines("app/models/a.rb", ["  def debugger?", "  config.debugger = true", "  Debugger::start"]),
    ).toEqual([]);
  });

  it("lets programs print: a shebang, Python's __main__ block, bench/ and docs folders; never doctests", () => {
    expect(rulesAndLines("src/cli.js", ["#!/usr/bin/env node", 'console.log("usage: cli <file>");'])).toEqual([]);
    expect(
      rulesAndLines("pkg/certs.py", [
        "def where():",
        "    return PATH",
        'if __name__ == "__main__":',
        "    print(where())",
      ]),
    ).toEqual([]);
    expect(rulesAndLines("bench/parse.bench.ts", ["console.log(`median ${ms} ms`);"])).toEqual([]);
    expect(rulesAndLines("docs_src/python_types/tutorial001.py", ['print(get_full_name("john", "doe"))'])).toEqual([]);
    expect(rulesAndLines("pkg/__init__.py", ["   >>> print(r.text)", "   ... print(x)"])).toEqual([]);
    expect(rulesAndLines("src/cli.js", ["#!/usr/bin/env node", "debugger;"])).toEqual([["debug/breakpoint", 2]]);
  });
});
