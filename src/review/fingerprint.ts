import { createHash } from "node:crypto";
import type { ReviewFile } from "./types.js";

/**
 * A finding's identity across pushes: its file, its rule and the code it points at (whitespace
 * normalised), not its line number, so the same problem moved down by an edit is still the same.
 */
export function findingFingerprint(
  finding: { path: string; rule: string; title: string; line: number; startLine: number | null },
  file: ReviewFile | undefined,
): string {
  const first = finding.startLine ?? finding.line;
  const code = (file?.hunks ?? [])
    .flatMap((hunk) => hunk.lines)
    .filter((line) => line.newLine !== null && line.newLine >= first && line.newLine <= finding.line)
    .map((line) => line.text.replace(/\s+/g, " ").trim())
    .join("\n");
  const subject = finding.rule === "llm" ? finding.title.toLowerCase() : "";
  return createHash("sha256")
    .update(`${finding.path}\u0000${finding.rule}\u0000${subject}\u0000${code}`)
    .digest("hex")
    .slice(0, 16);
}
