import type { Finding } from "../types.js";
import { findingMarker } from "./markers.js";
import { SEVERITY_LABEL } from "./severity-label.js";

/** The body of one inline comment: severity and title, the explanation, a ```suggestion block. */
export function inlineCommentBody(finding: Finding, fingerprint: string): string {
  const parts = [`**${SEVERITY_LABEL[finding.severity]}** · ${finding.title}`, finding.body];
  if (finding.suggestion !== null) parts.push(suggestionBlock(finding.suggestion));
  parts.push(`<sub>nectr · \`${finding.rule}\`</sub>\n${findingMarker(fingerprint)}`);
  return parts.filter((part) => part.trim() !== "").join("\n\n");
}

/** A fence longer than any run of backticks in the text, so the suggestion cannot close it early. */
function suggestionBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}suggestion\n${text.replace(/\n$/, "")}\n${fence}`;
}
