import { describe, expect, it } from "vitest";
import { lineMapForFile } from "../../../src/diff/line-map.js";
import { parsePatch } from "../../../src/diff/parse-patch.js";

// Two hunks of one file: lines 1-4 old / 1-5 new, then lines 20-22 old / 21-22 new.
const file = {
  hunks: parsePatch(
    [
      "@@ -1,4 +1,5 @@",
      " one",
      "-two",
      "+TWO",
      "+two and a half",
      " three",
      " four",
      "@@ -20,3 +21,2 @@ section",
      " twenty",
      "-twenty-one",
      " twenty-two",
    ].join("\n"),
  ),
};
const map = lineMapForFile(file);

describe("lineMapForFile", () => {
  it("lets a RIGHT comment land on added and context lines of the new file", () => {
    expect(map.lines("RIGHT")).toEqual([1, 2, 3, 4, 5, 21, 22]);
    expect(map.canComment("RIGHT", 2)).toBe(true);
    expect(map.canComment("RIGHT", 21)).toBe(true);
  });

  it("lets a LEFT comment land on removed and context lines of the old file", () => {
    expect(map.lines("LEFT")).toEqual([1, 2, 3, 4, 20, 21, 22]);
    expect(map.canComment("LEFT", 21)).toBe(true);
  });

  it("refuses lines the diff does not show, on either side", () => {
    expect(map.canComment("RIGHT", 6)).toBe(false);
    expect(map.canComment("RIGHT", 20)).toBe(false);
    expect(map.canComment("LEFT", 5)).toBe(false);
    expect(map.canComment("RIGHT", 0)).toBe(false);
    expect(map.hunkIndex("RIGHT", 6)).toBe(-1);
  });

  it("tells which hunk shows a line", () => {
    expect(map.hunkIndex("RIGHT", 5)).toBe(0);
    expect(map.hunkIndex("RIGHT", 22)).toBe(1);
    expect(map.hunkIndex("LEFT", 20)).toBe(1);
  });

  it("allows a multi-line range inside one hunk, or a range of one line", () => {
    expect(map.canCommentRange("RIGHT", 1, 5)).toBe(true);
    expect(map.canCommentRange("LEFT", 20, 22)).toBe(true);
    expect(map.canCommentRange("RIGHT", 3, 3)).toBe(true);
  });

  it("refuses a range across hunks, a reversed range, or one whose end the diff does not show", () => {
    expect(map.canCommentRange("RIGHT", 4, 21)).toBe(false);
    expect(map.canCommentRange("RIGHT", 5, 1)).toBe(false);
    expect(map.canCommentRange("RIGHT", 4, 6)).toBe(false);
    expect(map.canCommentRange("RIGHT", 6, 6)).toBe(false);
  });

  it("has no commentable line in a file without hunks (binary, pure rename, mode change)", () => {
    const empty = lineMapForFile({ hunks: [] });
    expect(empty.lines("RIGHT")).toEqual([]);
    expect(empty.canComment("LEFT", 1)).toBe(false);
  });
});
