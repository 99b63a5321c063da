import type { Finding } from "../types.js";
import { findingMarker } from "./markers.js";
import { SEVERITY_LABEL } from "./severity-label.js";

/**
 * The body of one inline comment: severity and title, the explanation, a ```suggestion block. A
 * comment on a whole file says which of its lines it is about, and quotes them (`code`, one
 * normalised line each), since GitHub shows no lines with it.
 */
export function inlineCommentBody(finding: Finding & { code: string }, fingerprint: string): string {
  const parts = [`**${SEVERITY_LABEL[finding.severity]}** · ${finding.title}`];
  if (finding.subjectType === "file") {
    const lines = finding.startLine === null ? `line ${finding.line}` : `lines ${finding.startLine}–${finding.line}`;
    parts.push(`On ${lines}, outside the changed lines:\n\n${fenced(finding.code, "")}`);
  }
  parts.push(finding.body);
  if (finding.suggestion !== null) parts.push(fenced(finding.suggestion, "suggestion"));
  parts.push(`<sub>nectr · \`${finding.rule}\`</sub>\n${findingMarker(fingerprint)}`);
  return parts.filter((part) => part.trim() !== "").join("\n\n");
}

/** A fence longer than any run of backticks in the text, so the text cannot close it early. */
function fenced(text: string, info: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}\n${text.replace(/\n$/, "")}\n${fence}`;
}
