import { DiffParseError, excerpt } from "./diff-parse-error.js";
import type { LineReader } from "./line-reader.js";
import type { DiffHunk, DiffLine } from "./types.js";

// Hunks are read by their header's counts, as `git apply` does, not by the look of each line:
// once the counts are used up, a following `--- a/x` or mail signature `-- ` is no deletion.

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

export function isHunkHeader(lines: LineReader): boolean {
  return lines.startsWith("@@ ");
}

/** Reads the hunks that follow each other from the current line, and moves past them. */
export function readHunks(lines: LineReader): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  while (isHunkHeader(lines)) hunks.push(readHunk(lines));
  return hunks;
}

function readHunk(lines: LineReader): DiffHunk {
  const headerLine = lines.lineNumber;
  const hunk = parseHunkHeader(lines.line(), headerLine);
  const oldEnd = hunk.oldStart + hunk.oldLines;
  const newEnd = hunk.newStart + hunk.newLines;
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  lines.advance();
  for (; oldLine < oldEnd || newLine < newEnd; lines.advance()) {
    if (lines.done) {
      const missing = `${oldEnd - oldLine} old and ${newEnd - newLine} new lines`;
      throw new DiffParseError(headerLine, `the text ends before the hunk's last ${missing}`);
    }
    const marker = lines.marker();
    if (marker === "\\") {
      markNoNewlineAtEnd(hunk);
      continue;
    }
    const kind = kindOfMarker(marker);
    if (kind === undefined) {
      const found = excerpt(lines.line());
      throw new DiffParseError(lines.lineNumber, `expected a hunk line (" ", "+", "-" or "\\"), found ${found}`);
    }
    const onOld = kind !== "add";
    const onNew = kind !== "del";
    if ((onOld && oldLine === oldEnd) || (onNew && newLine === newEnd)) {
      const line = excerpt(lines.line());
      throw new DiffParseError(lines.lineNumber, `${line} does not fit the counts of the hunk at line ${headerLine}`);
    }
    hunk.lines.push({
      kind,
      text: lines.afterMarker(),
      oldLine: onOld ? oldLine : null,
      newLine: onNew ? newLine : null,
      noNewlineAtEnd: false,
    });
    if (onOld) oldLine += 1;
    if (onNew) newLine += 1;
  }
  while (lines.startsWith("\\")) {
    markNoNewlineAtEnd(hunk);
    lines.advance();
  }
  return hunk;
}

function parseHunkHeader(header: string, lineNumber: number): DiffHunk {
  const match = HUNK_HEADER.exec(header);
  if (!match) throw new DiffParseError(lineNumber, `malformed hunk header ${excerpt(header)}`);
  const [, oldStart, oldLines, newStart, newLines, section] = match;
  return {
    oldStart: Number(oldStart),
    oldLines: Number(oldLines ?? 1),
    newStart: Number(newStart),
    newLines: Number(newLines ?? 1),
    section: section ?? "",
    lines: [],
  };
}

// Tools that strip trailing whitespace turn a blank context line (" ") into an empty one.
function kindOfMarker(marker: string): DiffLine["kind"] | undefined {
  if (marker === " " || marker === "") return "context";
  if (marker === "+") return "add";
  if (marker === "-") return "del";
  return undefined;
}

// The marker's wording depends on git's language, so any line starting with "\" counts.
function markNoNewlineAtEnd(hunk: DiffHunk): void {
  const last = hunk.lines.at(-1);
  if (last) last.noNewlineAtEnd = true;
}
