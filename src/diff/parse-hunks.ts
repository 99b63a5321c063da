import { DiffParseError, excerpt } from "./diff-parse-error.js";
import type { DiffHunk, DiffLine } from "./types.js";

// Hunks are read by their header's counts, as `git apply` does, not by the look of each line:
// once the counts are used up, a following `--- a/x` or mail signature `-- ` is no deletion.

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** The lines of a diff, without their `\n` or `\r\n` ending. */
export function splitDiffLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

export function isHunkHeader(line: string | undefined): boolean {
  return line !== undefined && line.startsWith("@@ ");
}

/** Reads the hunks that follow each other from `lines[start]`; `next` is the first line after them. */
export function readHunks(lines: readonly string[], start: number): { hunks: DiffHunk[]; next: number } {
  const hunks: DiffHunk[] = [];
  let next = start;
  while (isHunkHeader(lines[next])) {
    const read = readHunk(lines, next);
    hunks.push(read.hunk);
    next = read.next;
  }
  return { hunks, next };
}

function readHunk(lines: readonly string[], start: number): { hunk: DiffHunk; next: number } {
  const hunk = parseHunkHeader(lines[start] ?? "", start + 1);
  const oldEnd = hunk.oldStart + hunk.oldLines;
  const newEnd = hunk.newStart + hunk.newLines;
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  let index = start + 1;
  while (oldLine < oldEnd || newLine < newEnd) {
    const line = lines[index];
    if (line === undefined) {
      const missing = `${oldEnd - oldLine} old and ${newEnd - newLine} new lines`;
      throw new DiffParseError(start + 1, `the text ends before the hunk's last ${missing}`);
    }
    const lineNumber = index + 1;
    index += 1;
    if (line.startsWith("\\")) {
      markNoNewlineAtEnd(hunk);
      continue;
    }
    const kind = lineKind(line, lineNumber);
    const onOld = kind !== "add";
    const onNew = kind !== "del";
    if ((onOld && oldLine === oldEnd) || (onNew && newLine === newEnd)) {
      throw new DiffParseError(lineNumber, `${excerpt(line)} does not fit the counts of the hunk at line ${start + 1}`);
    }
    hunk.lines.push({
      kind,
      text: line.slice(1),
      oldLine: onOld ? oldLine : null,
      newLine: onNew ? newLine : null,
      noNewlineAtEnd: false,
    });
    if (onOld) oldLine += 1;
    if (onNew) newLine += 1;
  }
  while (lines[index]?.startsWith("\\")) {
    markNoNewlineAtEnd(hunk);
    index += 1;
  }
  return { hunk, next: index };
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
function lineKind(line: string, lineNumber: number): DiffLine["kind"] {
  if (line === "" || line.startsWith(" ")) return "context";
  if (line.startsWith("+")) return "add";
  if (line.startsWith("-")) return "del";
  throw new DiffParseError(lineNumber, `expected a hunk line (" ", "+", "-" or "\\"), found ${excerpt(line)}`);
}

// The marker's wording depends on git's language, so any line starting with "\" counts.
function markNoNewlineAtEnd(hunk: DiffHunk): void {
  const last = hunk.lines.at(-1);
  if (last) last.noNewlineAtEnd = true;
}
