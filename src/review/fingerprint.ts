import { createHash } from "node:crypto";
import type { ReviewFile } from "./types.js";

/**
 * A finding's identity across pushes: its file, its rule and the code it points at (whitespace
 * normalised), not its line number, so the same problem moved down by an edit is still the same.
 */
export function findingFingerprint(
  finding: {
    path: string;
    rule: string;
    title: string;
    line: number;
    startLine: number | null;
    side: "LEFT" | "RIGHT";
    subjectType?: "file";
  },
  file: ReviewFile | undefined,
): string {
  const code = findingCode(finding, file);
  const subject = finding.rule === "llm" ? finding.title.toLowerCase() : "";
  return createHash("sha256")
    .update(`${finding.path}\u0000${finding.rule}\u0000${subject}\u0000${code}`)
    .digest("hex")
    .slice(0, 16);
}

/** The code a finding points at, one normalised line each: what "the code is gone" is checked against. */
export function findingCode(
  finding: { line: number; startLine: number | null; side: "LEFT" | "RIGHT"; subjectType?: "file" },
  file: ReviewFile | undefined,
): string {
  return findingLines(finding, file).map(normaliseCode).join("\n");
}

/** The lines a finding points at, as they are: in the diff, or in the file's text for a file-level finding. */
export function findingLines(
  finding: { line: number; startLine: number | null; side: "LEFT" | "RIGHT"; subjectType?: "file" },
  file: ReviewFile | undefined,
): string[] {
  const first = finding.startLine ?? finding.line;
  if (finding.subjectType === "file") return (file?.headText ?? "").split("\n").slice(first - 1, finding.line);
  const number = (line: { oldLine: number | null; newLine: number | null }) =>
    finding.side === "LEFT" ? line.oldLine : line.newLine;
  return (file?.hunks ?? [])
    .flatMap((hunk) => hunk.lines)
    .filter((line) => {
      const at = number(line);
      return at !== null && at >= first && at <= finding.line;
    })
    .map((line) => line.text);
}

export function normaliseCode(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
