import { describe, expect, it } from "vitest";
import { conflictMarkersRule } from "../../../../src/review/rules/conflict-markers.js";
import { addedFile, reviewFile } from "./review-file.js";

describe("conflict markers", () => {
  it("finds each marker of an unresolved conflict on added lines", () => {
    const file = addedFile("src/a.ts", [
      "<<<<<<< HEAD",
      "const a = 1;",
      "||||||| merged common ancestors",
      "const a = 0;",
      "=======",
      "const a = 2;",
      ">>>>>>> feature/x",
    ]);
    const findings = conflictMarkersRule.check([file]);
    expect(findings.map(({ line }) => line)).toEqual([1, 3, 5, 7]);
    expect(findings[0]).toEqual({
      path: "src/a.ts",
      line: 1,
      startLine: null,
      side: "RIGHT",
      severity: "critical",
      rule: "merge/conflict-marker",
      title: "Merge-conflict marker `<<<<<<<` added",
      body: expect.stringContaining("Resolve the conflict"),
      suggestion: null,
    });
  });

  it("ignores a heading underlined with seven equals signs in a file with no other marker", () => {
    expect(conflictMarkersRule.check([addedFile("docs/guide.rst", ["Install", "======="])])).toEqual([]);
  });

  it("ignores look-alikes: longer runs, markers not at the line start, and text after =======", () => {
    const file = addedFile("notes.txt", [
      "<<<<<<<< eight",
      "  <<<<<<< indented",
      ">>>>>>>x",
      "<<<<<<< HEAD",
      "======= and more",
    ]);
    expect(conflictMarkersRule.check([file]).map(({ line }) => line)).toEqual([4]);
  });

  it("ignores markers on deleted and context lines", () => {
    const file = reviewFile("src/a.ts", ["-<<<<<<< HEAD", " =======", "->>>>>>> main", "+const a = 1;"]);
    expect(conflictMarkersRule.check([file])).toEqual([]);
  });
});
