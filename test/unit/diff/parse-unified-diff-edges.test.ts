import { describe, expect, it } from "vitest";
import { DiffParseError } from "../../../src/diff/diff-parse-error.js";
import { parseUnifiedDiff } from "../../../src/diff/parse-unified-diff.js";

const lines = (...text: string[]) => `${text.join("\n")}\n`;

describe("parseUnifiedDiff on hand-made and unusual diffs", () => {
  it("reads no files from empty text", () => {
    expect(parseUnifiedDiff("")).toEqual([]);
  });

  it("reads omitted hunk counts as 1", () => {
    const [file] = parseUnifiedDiff(lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-old", "+new"));
    expect(file?.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, section: "" });
    expect(file).toMatchObject({ additions: 1, deletions: 1 });
  });

  it("reads a hunk that adds to an empty file (@@ -0,0 +1,3 @@)", () => {
    const [file] = parseUnifiedDiff(lines("--- /dev/null", "+++ b/new.txt", "@@ -0,0 +1,3 @@", "+a", "+b", "+c"));
    expect(file).toMatchObject({ path: "new.txt", status: "added", oldPath: null, additions: 3 });
    expect(file?.hunks[0]?.lines.map((line) => line.newLine)).toEqual([1, 2, 3]);
  });

  it("reads a plain diff -u with timestamps and no diff --git lines", () => {
    const text = lines(
      "--- old/hello.c\t2024-05-01 10:00:00.000000000 +0200",
      "+++ new/hello.c\t2024-05-02 11:00:00.000000000 +0200",
      "@@ -1,2 +1,2 @@",
      " int main() {",
      "-  return 1;",
      "+  return 0;",
      "--- a/removed.txt",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-bye",
    );
    expect(parseUnifiedDiff(text).map(({ oldPath, newPath, status }) => ({ oldPath, newPath, status }))).toEqual([
      { oldPath: "old/hello.c", newPath: "new/hello.c", status: "modified" },
      { oldPath: "removed.txt", newPath: null, status: "removed" },
    ]);
  });

  it("skips the mail around a git format-patch, signature included", () => {
    const text = lines(
      "From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001",
      "Subject: [PATCH] Fix the answer",
      "---",
      " answer.txt | 2 +-",
      "",
      "diff --git a/answer.txt b/answer.txt",
      "index 1111111..2222222 100644",
      "--- a/answer.txt",
      "+++ b/answer.txt",
      "@@ -1 +1 @@",
      "-41",
      "+42",
      "-- ",
      "2.39.5",
    );
    const [file, ...others] = parseUnifiedDiff(text);
    expect(others).toEqual([]);
    expect(file).toMatchObject({ path: "answer.txt", additions: 1, deletions: 1 });
  });

  it("reads a whole diff saved with CRLF line endings", () => {
    const text = lines(
      "diff --git a/x b/x",
      "index 1111111..2222222 100644",
      "--- a/x",
      "+++ b/x",
      "@@ -1 +1,2 @@",
      " a",
      "+b",
    );
    const [file] = parseUnifiedDiff(text.replaceAll("\n", "\r\n"));
    expect(file).toMatchObject({ path: "x", oldMode: "100644", additions: 1 });
    expect(file?.hunks[0]?.lines.map((line) => line.text)).toEqual(["a", "b"]);
  });

  it("reads a blank context line whose leading space was trimmed away", () => {
    const [file] = parseUnifiedDiff(lines("--- a/x", "+++ b/x", "@@ -1,3 +1,3 @@", " a", "", "-c", "+C"));
    expect(file?.hunks[0]?.lines[1]).toEqual({
      kind: "context",
      text: "",
      oldLine: 2,
      newLine: 2,
      noNewlineAtEnd: false,
    });
  });

  it("tells the path of a mode change with spaces in its name from the diff --git line alone", () => {
    const [file] = parseUnifiedDiff(
      lines("diff --git a/my dir/run me.sh b/my dir/run me.sh", "old mode 100644", "new mode 100755"),
    );
    expect(file).toMatchObject({ oldPath: "my dir/run me.sh", newPath: "my dir/run me.sh", status: "modified" });
  });

  it("reads paths written with --no-prefix and with diff.mnemonicPrefix", () => {
    const noPrefix = lines("diff --git src/x.ts src/x.ts", "old mode 100644", "new mode 100755");
    const mnemonic = lines("diff --git c/src/x.ts w/src/x.ts", "old mode 100644", "new mode 100755");
    expect(parseUnifiedDiff(noPrefix)[0]?.path).toBe("src/x.ts");
    expect(parseUnifiedDiff(mnemonic)[0]?.path).toBe("src/x.ts");
  });

  it("reads a rename whose names git quoted on one side only", () => {
    const text = lines(
      'diff --git a/plain.txt "b/na\\303\\257ve.txt"',
      "similarity index 100%",
      "rename from plain.txt",
      'rename to "na\\303\\257ve.txt"',
    );
    expect(parseUnifiedDiff(text)[0]).toMatchObject({ oldPath: "plain.txt", newPath: "naïve.txt", status: "renamed" });
  });
});

describe("parseUnifiedDiff on malformed diffs", () => {
  const hunkBody = ["diff --git a/x b/x", "--- a/x", "+++ b/x"];

  it("names the line of a malformed hunk header", () => {
    expect(() => parseUnifiedDiff(lines(...hunkBody, "@@ -1,x +1 @@", "+a"))).toThrow(
      'diff line 4: malformed hunk header "@@ -1,x +1 @@"',
    );
  });

  it("names the hunk when the text ends inside it", () => {
    expect(() => parseUnifiedDiff(lines(...hunkBody, "@@ -1,3 +1,3 @@", " a"))).toThrow(
      "diff line 4: the text ends before the hunk's last 2 old and 2 new lines",
    );
  });

  it("names a line inside a hunk that is no hunk line", () => {
    expect(() => parseUnifiedDiff(lines(...hunkBody, "@@ -1,2 +1,2 @@", " a", "*b"))).toThrow(
      'diff line 6: expected a hunk line (" ", "+", "-" or "\\"), found "*b"',
    );
  });

  it("names a line the hunk's counts leave no room for", () => {
    expect(() => parseUnifiedDiff(lines(...hunkBody, "@@ -1 +1,2 @@", " a", " b"))).toThrow(
      'diff line 6: " b" does not fit the counts of the hunk at line 4',
    );
  });

  it("points a bare hunk with no file header to parsePatch", () => {
    expect(() => parseUnifiedDiff(lines("@@ -1 +1 @@", "-a", "+b"))).toThrow(/^diff line 1: .*parsePatch/);
  });

  it("refuses a combined diff of a merge commit", () => {
    expect(() => parseUnifiedDiff(lines("diff --cc x", "@@@ -1 -1 +1 @@@"))).toThrow(/^diff line 1: a combined diff/);
  });

  it("ends or throws a DiffParseError, whatever line of a real diff is dropped, doubled or cut", () => {
    const real = lines(
      ...["diff --git a/a.txt b/a.txt", "index 1111111..2222222 100644", "--- a/a.txt", "+++ b/a.txt"],
      ...["@@ -1,3 +1,3 @@ section", " one", "-two", "+TWO", " three", "\\ No newline at end of file"],
      ...['diff --git "a/caf\\303\\251" "b/caf\\303\\251"', "new file mode 100644", "--- /dev/null"],
      ...['+++ "b/caf\\303\\251"', "@@ -0,0 +1 @@", "+x"],
    ).split("\n");
    const variants = real.flatMap((line, index) => [
      [...real.slice(0, index), ...real.slice(index + 1)],
      [...real.slice(0, index), line, ...real.slice(index)],
      [...real.slice(0, index), line.slice(0, line.length >> 1), ...real.slice(index + 1)],
    ]);
    for (const variant of variants) {
      try {
        expect(Array.isArray(parseUnifiedDiff(variant.join("\n")))).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(DiffParseError);
      }
    }
  });
});
