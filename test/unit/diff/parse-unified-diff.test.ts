import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "../../../src/diff/parse-unified-diff.js";
import type { DiffFile } from "../../../src/diff/types.js";
import { readDiffFixture } from "./read-fixture.js";

// Every diff here is real `git diff` output (test/fixtures/diffs/make-fixtures.sh).
const files = parseUnifiedDiff(readDiffFixture("kitchen-sink.diff"));

function file(path: string): DiffFile {
  const found = files.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no file ${path} in ${files.map((candidate) => candidate.path).join(", ")}`);
  return found;
}

describe("parseUnifiedDiff on git's output", () => {
  it("lists every file in the diff's order with its status", () => {
    expect(files.map(({ path, status }) => `${status} ${path}`)).toEqual([
      "added added.ts",
      "modified app.js",
      "added café.txt",
      "copied copy-target.txt",
      "removed gone.txt",
      "modified image.png",
      "modified latin1.txt",
      "renamed lib/moved.c",
      "renamed new name.txt",
      "modified no-newline.txt",
      "modified path with spaces/notes.md",
      "modified script.sh",
      "added tab\there.txt",
      "modified windows.txt",
    ]);
  });

  it("counts additions and deletions per file exactly as git diff --numstat does", () => {
    const numstat = readDiffFixture("kitchen-sink.numstat")
      .trimEnd()
      .split("\n")
      .map((row) => row.split("\t").slice(0, 2).join(" "));
    const counted = files.map((each) => (each.binary ? "- -" : `${each.additions} ${each.deletions}`));
    expect(counted).toEqual(numstat);
  });

  it("reads a modified file's hunks, numbering lines on both sides, with git's function context", () => {
    const { hunks, oldPath, newPath, oldMode, newMode } = file("app.js");
    expect({ oldPath, newPath, oldMode, newMode }).toEqual({
      oldPath: "app.js",
      newPath: "app.js",
      oldMode: "100644",
      newMode: "100644",
    });
    expect(
      hunks.map(({ oldStart, oldLines, newStart, newLines, section }) => ({
        oldStart,
        oldLines,
        newStart,
        newLines,
        section,
      })),
    ).toEqual([
      { oldStart: 1, oldLines: 4, newStart: 1, newLines: 4, section: "" },
      { oldStart: 34, oldLines: 6, newStart: 34, newLines: 6, section: "function first() {" },
    ]);
    expect(hunks[1]?.lines.slice(2, 5)).toEqual([
      { kind: "context", text: "function second() {", oldLine: 36, newLine: 36, noNewlineAtEnd: false },
      { kind: "del", text: '  const word = "before";', oldLine: 37, newLine: null, noNewlineAtEnd: false },
      { kind: "add", text: '  const word = "after";', oldLine: null, newLine: 37, noNewlineAtEnd: false },
    ]);
  });

  it("reads an added file with no old path, numbered from line 1 on the new side", () => {
    expect(file("added.ts")).toMatchObject({ oldPath: null, newPath: "added.ts", oldMode: null, newMode: "100644" });
    expect(file("added.ts").hunks[0]?.lines).toEqual([
      { kind: "add", text: "export const added = true;", oldLine: null, newLine: 1, noNewlineAtEnd: false },
    ]);
  });

  it("reads a deleted file with no new path, numbered on the old side", () => {
    const gone = file("gone.txt");
    expect(gone).toMatchObject({ oldPath: "gone.txt", newPath: null, oldMode: "100644", newMode: null, deletions: 3 });
    expect(gone.hunks[0]?.lines.map((line) => [line.kind, line.oldLine, line.newLine])).toEqual([
      ["del", 1, null],
      ["del", 2, null],
      ["del", 3, null],
    ]);
  });

  it("reads a pure rename with no hunks", () => {
    expect(file("new name.txt")).toMatchObject({
      oldPath: "old name.txt",
      newPath: "new name.txt",
      similarity: 100,
      hunks: [],
      additions: 0,
      deletions: 0,
    });
  });

  it("reads a rename with hunks, into a new folder", () => {
    const moved = file("lib/moved.c");
    expect(moved).toMatchObject({
      oldPath: "moved.c",
      newPath: "lib/moved.c",
      similarity: 94,
      additions: 1,
      deletions: 1,
    });
    expect(moved.hunks[0]?.lines[3]).toMatchObject({ kind: "del", text: "line 10 of moved", oldLine: 10 });
  });

  it("reads a copy with its source and similarity", () => {
    expect(file("copy-target.txt")).toMatchObject({
      oldPath: "copy-source.txt",
      newPath: "copy-target.txt",
      similarity: 94,
      additions: 1,
    });
  });

  it("reads a mode-only change with no hunks", () => {
    expect(file("script.sh")).toMatchObject({ oldMode: "100644", newMode: "100755", hunks: [], binary: false });
  });

  it("decodes quoted paths: UTF-8 bytes in octal and C escapes", () => {
    expect(file("café.txt")).toMatchObject({ oldPath: null, newPath: "café.txt" });
    expect(file("café.txt").hunks[0]?.lines[0]?.text).toBe("café");
    expect(file("tab\there.txt").newPath).toBe("tab\there.txt");
  });

  it("reads paths with spaces, without the tab git puts after them on ---/+++ lines", () => {
    expect(file("path with spaces/notes.md")).toMatchObject({
      oldPath: "path with spaces/notes.md",
      newPath: "path with spaces/notes.md",
      additions: 1,
    });
  });

  it("marks a binary file, with no hunks and nothing counted", () => {
    expect(file("image.png")).toMatchObject({ binary: true, hunks: [], additions: 0, deletions: 0 });
  });

  it("marks a binary file sent as a GIT binary patch, skipping the patch data", () => {
    expect(parseUnifiedDiff(readDiffFixture("binary-patch.diff"))).toEqual([
      expect.objectContaining({ path: "image.png", status: "modified", binary: true, hunks: [] }),
    ]);
  });

  it("sets noNewlineAtEnd on the line before the marker, which counts as no line", () => {
    const { hunks, additions, deletions } = file("no-newline.txt");
    expect(hunks[0]?.lines.map(({ kind, text, noNewlineAtEnd }) => [kind, text, noNewlineAtEnd])).toEqual([
      ["context", "first", false],
      ["del", "last without newline", true],
      ["add", "last, now with newline", false],
    ]);
    expect({ additions, deletions }).toEqual({ additions: 1, deletions: 1 });
  });

  it("takes the \\r off the lines of a CRLF file and still numbers them", () => {
    expect(file("windows.txt").hunks[0]?.lines.map(({ kind, text, newLine }) => [kind, text, newLine])).toEqual([
      ["context", "one", 1],
      ["del", "two", null],
      ["add", "TWO", 2],
      ["context", "three", 3],
      ["add", "four", 4],
    ]);
  });

  it("keeps lines of a file that is not UTF-8 as decoded, with U+FFFD", () => {
    expect(file("latin1.txt").hunks[0]?.lines.map((line) => line.text)).toEqual([
      "caf\uFFFD",
      "na\uFFFDve",
      "d\uFFFDj\uFFFD vu",
    ]);
  });

  it("reads an added and a deleted empty file, with no hunks", () => {
    expect(parseUnifiedDiff(readDiffFixture("empty-files.diff"))).toEqual([
      expect.objectContaining({
        path: "empty-gone.txt",
        status: "removed",
        oldMode: "100644",
        newPath: null,
        hunks: [],
      }),
      expect.objectContaining({ path: "empty-new.txt", status: "added", newMode: "100644", oldPath: null, hunks: [] }),
    ]);
  });
});
