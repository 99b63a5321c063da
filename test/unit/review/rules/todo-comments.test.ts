import { describe, expect, it } from "vitest";
import { todoCommentsRule } from "../../../../src/review/rules/todo-comments.js";
import { addedFile, reviewFile } from "./review-file.js";

function titlesAndLines(path: string, added: string[]): [string, number][] {
  return todoCommentsRule.check([addedFile(path, added)]).map(({ title, line }) => [title, line]);
}

describe("TODO comments", () => {
  it("finds a TODO added in a comment, as a nit", () => {
    expect(todoCommentsRule.check([addedFile("src/a.ts", ["const a = 1;", "// TODO: handle errors"])])).toEqual([
      {
        path: "src/a.ts",
        line: 2,
        startLine: null,
        side: "RIGHT",
        severity: "nit",
        rule: "todo/added",
        title: "TODO comment added",
        body: expect.stringContaining("open an issue"),
        suggestion: null,
      },
    ]);
  });

  it("finds FIXME, XXX and HACK behind the usual comment openers", () => {
    const added = [
      "x = 1  # FIXME wrong unit",
      "/* XXX: remove */",
      " * HACK(ana): until v2",
      "-- TODO drop column",
      "<!-- TODO add screenshot -->",
      "; TODO in an ini file",
    ];
    expect(titlesAndLines("notes.conf", added)).toEqual([
      ["FIXME comment added", 1],
      ["XXX comment added", 2],
      ["HACK comment added", 3],
      ["TODO comment added", 4],
      ["TODO comment added", 5],
      ["TODO comment added", 6],
    ]);
  });

  it("ignores the words outside comments, in other case, or as parts of names", () => {
    const added = [
      "const TODO_LIST = [];",
      "enum Status { TODO, DONE }",
      "// a todo app",
      "// format: XXX-XXX-XXXX",
      "// TODOS are tracked elsewhere",
    ];
    expect(titlesAndLines("src/a.ts", added)).toEqual([]);
  });

  it("counts only HTML comments in Markdown, where # is a heading", () => {
    expect(titlesAndLines("README.md", ["# TODO", "* TODO: bullet", "<!-- TODO: screenshot -->"])).toEqual([
      ["TODO comment added", 3],
    ]);
  });

  it("reads plain-text files as code, since requirements.txt and CMakeLists.txt have # comments", () => {
    expect(titlesAndLines("requirements.txt", ["requests==2.32.3  # TODO: unpin"])).toEqual([
      ["TODO comment added", 1],
    ]);
  });

  it("ignores TODOs on deleted and context lines", () => {
    const file = reviewFile("src/a.ts", ["-// TODO old", " // FIXME kept", "+const a = 1;"]);
    expect(todoCommentsRule.check([file])).toEqual([]);
  });
  it("ignores a keyword a comment quotes or names as a member", () => {
    const todo = "TO" + "DO";
    const added = [
      `// the price is that "# ${todo}" counts`,
      `// a \`${todo}\` mention`,
      `// Use [context.${todo}] instead.`,
    ];
    expect(titlesAndLines("src/a.go", added)).toEqual([]);
    expect(titlesAndLines("src/a.go", [`// ${todo}: still flagged`])).toEqual([[`${todo} comment added`, 1]]);
  });
});
