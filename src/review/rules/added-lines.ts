import type { ReviewFile } from "../types.js";

/** A line of a file's new text, by its number in that text. */
export interface FileLine {
  line: number;
  text: string;
}

/** A line the PR added: its number is one GitHub accepts a RIGHT-side comment on. */
export interface AddedLine extends FileLine {
  /** The line's full length, which is more than `text` holds when the line was clipped. */
  length: number;
}

/** The lines the PR added to a file, in order. None for binary and removed files. */
export function addedLines(file: ReviewFile): AddedLine[] {
  if (file.binary || file.status === "removed") return [];
  const lines: AddedLine[] = [];
  for (const hunk of file.hunks) {
    for (const diffLine of hunk.lines) {
      if (diffLine.kind === "add" && diffLine.newLine !== null)
        lines.push({
          line: diffLine.newLine,
          text: diffLine.text,
          length: diffLine.clippedFrom ?? diffLine.text.length,
        });
    }
  }
  return lines;
}
