import { describe, expect, it } from "vitest";
import { parsePatch } from "../../../src/diff/parse-patch.js";
import { parseUnifiedDiff } from "../../../src/diff/parse-unified-diff.js";
import { readDiffFixture } from "./read-fixture.js";

/** The `patch` field GitHub gives for a file: its hunks from the first `@@`, no trailing newline. */
function patchOf(diff: string, path: string): string {
  const section = diff.split(/^(?=diff --git )/m).find((part) => part.includes(`+++ b/${path}\n`)) ?? "";
  return section.slice(section.indexOf("@@")).trimEnd();
}

describe("parsePatch", () => {
  const diff = readDiffFixture("kitchen-sink.diff");

  it("reads the hunks of a patch field exactly as parseUnifiedDiff reads the same file", () => {
    for (const path of ["app.js", "no-newline.txt", "windows.txt", "latin1.txt"]) {
      const fromDiff = parseUnifiedDiff(diff).find((file) => file.path === path);
      expect(parsePatch(patchOf(diff, path)), path).toEqual(fromDiff?.hunks);
    }
  });

  it("reads an empty patch as no hunks", () => {
    expect(parsePatch("")).toEqual([]);
  });

  it("reads a patch that ends with the no-newline marker and no newline", () => {
    const [hunk] = parsePatch("@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file");
    expect(hunk?.lines.map(({ kind, noNewlineAtEnd }) => [kind, noNewlineAtEnd])).toEqual([
      ["del", true],
      ["add", true],
    ]);
  });

  it("names the first line when it is not a hunk header", () => {
    expect(() => parsePatch("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b")).toThrow(
      'diff line 1: expected a hunk header (@@ -a,b +c,d @@), found "--- a/x"',
    );
  });

  it("names a line past the end of the last hunk's counts", () => {
    expect(() => parsePatch("@@ -1 +1 @@\n-a\n+b\n+c")).toThrow(/^diff line 4: expected a hunk header/);
  });
});
