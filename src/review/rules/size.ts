import type { Finding } from "../types.js";
import type { Rule } from "./types.js";
import { addedLines } from "./added-lines.js";
import { findingOnAddedLine } from "./finding-on-added-line.js";
import { isProseFile } from "./file-language.js";
import { isGeneratedFile } from "./generated-file.js";

// Review quality drops fast past a few hundred changed lines (SmartBear/Cisco's study puts the limit near 400);
// a thousand added lines in one file is beyond what anyone reads closely.
const HUGE_FILE_ADDED_LINES = 1_000;
// Past this no editor or diff view shows the line whole; in source it is nearly always pasted data, a blob or
// minified code that belongs in a file of its own.
const LONG_LINE_CHARS = 500;

// Generated and lock files are skipped (large by nature). Prose files are skipped for long lines only: Markdown
// is often written one paragraph per line. One long-line finding per file, on the first, so a pasted minified
// file gives one comment, not hundreds.
export const sizeRule: Rule = {
  id: "size",
  description: `Files with more than ${HUGE_FILE_ADDED_LINES} added lines, and added lines longer than ${LONG_LINE_CHARS} characters`,
  check(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      if (isGeneratedFile(file)) continue;
      const lines = addedLines(file);
      const first = lines[0];
      if (first !== undefined && lines.length > HUGE_FILE_ADDED_LINES) {
        findings.push(
          findingOnAddedLine(file.path, first.line, {
            severity: "suggestion",
            rule: "size/huge-file",
            title: `${count(lines.length)} lines added to one file`,
            body:
              "A change this large is hard to review closely. Consider splitting it: into smaller files, or into " +
              "PRs that each do one thing.",
          }),
        );
      }
      if (isProseFile(file.path)) continue;
      const longLines = lines.filter(({ length }) => length > LONG_LINE_CHARS);
      const firstLong = longLines[0];
      if (firstLong === undefined) continue;
      const others = longLines.length - 1;
      findings.push(
        findingOnAddedLine(file.path, firstLong.line, {
          severity: "suggestion",
          rule: "size/long-line",
          title: `Line of ${count(firstLong.length)} characters`,
          body:
            `Lines over ${LONG_LINE_CHARS} characters cannot be read in a diff` +
            (others > 0 ? ` (this file adds ${count(others)} more)` : "") +
            ". Wrap it, or move data and generated code into a file of its own.",
        }),
      );
    }
    return findings;
  },
};

function count(n: number): string {
  return n.toLocaleString("en-US");
}
