import type { DiffHunk, DiffSide } from "./types.js";

/**
 * Where GitHub accepts an inline review comment in one file: on the RIGHT side at an added or
 * context line of the new file, on the LEFT side at a removed or context line of the old file.
 * A multi-line comment must start and end in the same hunk, or GitHub answers 422
 * (GitHub docs, "Create a review comment for a pull request").
 */
export interface LineMap {
  canComment(side: DiffSide, line: number): boolean;
  /** The index of the hunk that shows `line` on `side`, or -1 when the diff does not show it. */
  hunkIndex(side: DiffSide, line: number): number;
  canCommentRange(side: DiffSide, startLine: number, endLine: number): boolean;
  /** The commentable lines of `side`, in ascending order. */
  lines(side: DiffSide): number[];
}

/** Built once per file, so each lookup is a Map read. */
export function lineMapForFile(file: { readonly hunks: readonly DiffHunk[] }): LineMap {
  const hunkOfLine: Record<DiffSide, Map<number, number>> = { LEFT: new Map(), RIGHT: new Map() };
  file.hunks.forEach((hunk, hunkIndex) => {
    for (const line of hunk.lines) {
      if (line.oldLine !== null) hunkOfLine.LEFT.set(line.oldLine, hunkIndex);
      if (line.newLine !== null) hunkOfLine.RIGHT.set(line.newLine, hunkIndex);
    }
  });
  const hunkIndex = (side: DiffSide, line: number): number => hunkOfLine[side].get(line) ?? -1;
  return {
    canComment: (side, line) => hunkOfLine[side].has(line),
    hunkIndex,
    canCommentRange: (side, startLine, endLine) =>
      startLine <= endLine &&
      hunkIndex(side, startLine) !== -1 &&
      hunkIndex(side, startLine) === hunkIndex(side, endLine),
    lines: (side) => [...hunkOfLine[side].keys()].sort((a, b) => a - b),
  };
}
