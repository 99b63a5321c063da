import type { DiffLine, DiffSide } from "../diff/types.js";
import type { ReviewFile } from "./types.js";

/**
 * Characters of one line that the review reads: rules, token counting, the prompt and placing
 * findings all see a longer line clipped here, so no single line of a hostile PR can cost more
 * than this. No editor shows a line this long whole; it is minified code or pasted data.
 */
export const MAX_LINE_CHARS = 4_000;

export interface ClippedLine {
  path: string;
  /** RIGHT for added and context lines (numbered in the new file), LEFT for deleted ones. */
  side: DiffSide;
  line: number;
  length: number;
}

/** The files with every line over MAX_LINE_CHARS clipped and marked, and the lines that were. */
export function clipLongLines(files: readonly ReviewFile[]): { files: ReviewFile[]; clipped: ClippedLine[] } {
  const clipped: ClippedLine[] = [];
  const clippedFiles = files.map((file): ReviewFile => {
    let touched = false;
    const hunks = file.hunks.map((hunk) => {
      const longSection = hunk.section.length > MAX_LINE_CHARS;
      if (!longSection && !hunk.lines.some((line) => line.text.length > MAX_LINE_CHARS)) return hunk;
      touched = true;
      const lines = hunk.lines.map((line): DiffLine => {
        if (line.text.length <= MAX_LINE_CHARS) return line;
        const side = line.newLine === null ? "LEFT" : "RIGHT";
        clipped.push({ path: file.path, side, line: line.newLine ?? line.oldLine ?? 0, length: line.text.length });
        return { ...line, text: clipText(line.text), clippedFrom: line.text.length };
      });
      return { ...hunk, section: longSection ? clipText(hunk.section) : hunk.section, lines };
    });
    const headText = file.headText === undefined ? undefined : clipTextLines(file.headText);
    return touched || headText !== file.headText ? { ...file, hunks, headText } : file;
  });
  return { files: clippedFiles, clipped };
}

function clipText(text: string): string {
  return `${text.slice(0, MAX_LINE_CHARS)} … (nectr read the first ${MAX_LINE_CHARS.toLocaleString("en-US")} of ${text.length.toLocaleString("en-US")} characters)`;
}

/** A whole text with every line over MAX_LINE_CHARS clipped. */
export function clipTextLines(text: string): string {
  const lines = text.split("\n");
  return lines.some((line) => line.length > MAX_LINE_CHARS)
    ? lines.map((line) => (line.length > MAX_LINE_CHARS ? clipText(line) : line)).join("\n")
    : text;
}
