import type { ChalkInstance } from "chalk";
import { SEVERITIES, type Severity, type Review } from "../types.js";
import { coverageLine, usageLine } from "./coverage-text.js";
import type { PostedIds } from "./review-json.js";
import { SEVERITY_LABEL, VERDICT_LABEL } from "./severity-label.js";

/** The review for a person at a terminal: findings grouped by file, severities coloured. */
export function terminalText(review: Review, posted: PostedIds | null, color: ChalkInstance): string {
  const paint: Record<Severity, (text: string) => string> = {
    critical: color.red.bold,
    warning: color.yellow,
    suggestion: color.cyan,
    nit: color.dim,
  };
  const { info } = review;
  const name = info.pr ? `${info.pr.owner}/${info.pr.repo}#${info.pr.number}` : `local changes against ${info.baseRef}`;
  const lines = [
    color.bold(`${name}  ${info.title}`),
    `Verdict: ${color.bold(VERDICT_LABEL[review.verdict])}`,
    "",
    review.overview,
    "",
  ];
  const byFile = new Map<string, Review["findings"]>();
  const ordered = [...review.findings].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  for (const finding of ordered) byFile.set(finding.path, [...(byFile.get(finding.path) ?? []), finding]);
  for (const [path, findings] of byFile) {
    lines.push(color.underline(path));
    for (const finding of findings) {
      const where = finding.startLine === null ? `${finding.line}` : `${finding.startLine}-${finding.line}`;
      lines.push(
        `  ${where.padStart(5)}  ${paint[finding.severity](SEVERITY_LABEL[finding.severity].padEnd(10))} ${finding.title} ${color.dim(finding.rule)}`,
      );
    }
    lines.push("");
  }
  if (review.findings.length === 0) lines.push("No findings on the changed lines.", "");
  for (const note of review.notes)
    lines.push(
      `${paint[note.severity](SEVERITY_LABEL[note.severity])} ${note.path}: ${note.title} ${color.dim("(not on a changed line)")}`,
    );
  if (review.notes.length > 0) lines.push("");
  const counts = SEVERITIES.map(
    (severity) => review.findings.filter((finding) => finding.severity === severity).length,
  );
  lines.push(color.dim(`Findings: ${SEVERITIES.map((severity, index) => `${counts[index]} ${severity}`).join(", ")}`));
  lines.push(color.dim(`Coverage: ${coverageLine(review)}`));
  lines.push(color.dim(`Usage: ${usageLine(review)}`));
  lines.push(
    posted
      ? `Posted: review ${posted.reviewId ?? "(no new inline comments)"}, summary comment ${posted.summaryCommentId}`
      : color.dim("Not posted."),
  );
  return lines.join("\n");
}
