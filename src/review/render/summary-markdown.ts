import { version } from "../../version.js";
import { SEVERITIES, type Finding, type Review } from "../types.js";
import { contextMarkdown } from "./context-markdown.js";
import { coverageLine, usageLine } from "./coverage-text.js";
import { SEVERITY_LABEL, VERDICT_LABEL } from "./severity-label.js";

/** GitHub refuses comment bodies above 65,536 characters; leave room for the marker. */
const MAX_BODY = 65_000;
const MAX_LISTED_FINDINGS = 100;

/**
 * The summary comment: overview, key changes, findings by severity, what could not be placed
 * inline, the files table, verdict, coverage and usage. Long tables shrink to fit GitHub's limit.
 */
export function summaryMarkdown(review: Review, since: SinceLastReview = { resolved: [], dismissed: [] }): string {
  for (const fileRows of [Number.POSITIVE_INFINITY, 200, 50, 0]) {
    const text = render(review, since, fileRows);
    if (text.length <= MAX_BODY) return text;
  }
  return `${render(review, since, 0).slice(0, MAX_BODY - 20)}\n\n…(truncated)`;
}

/** What became of earlier findings, known when posting. */
export interface SinceLastReview {
  resolved: readonly { path: string; title: string }[];
  dismissed: readonly { path: string; title: string }[];
}

function render(review: Review, since: SinceLastReview, fileRows: number): string {
  const sections = [
    `## nectr review\n\n**Verdict: ${VERDICT_LABEL[review.verdict]}** · ${countLine(review.findings)}`,
    `### Summary\n\n${review.overview}`,
  ];
  if (review.keyChanges.length > 0)
    sections.push(`### Key changes\n\n${review.keyChanges.map((change) => `- ${oneLine(change)}`).join("\n")}`);
  if (review.findings.length > 0)
    sections.push(`### Findings\n\n${findingsList(review.findings, new Set(review.inline))}`);
  const followUp = [
    ...since.resolved.map((entry) => `- Fixed: \`${entry.path}\` — ${oneLine(entry.title)}`),
    ...since.dismissed.map(
      (entry) => `- Dismissed by the team, not raised again on this PR: \`${entry.path}\` — ${oneLine(entry.title)}`,
    ),
  ];
  if (followUp.length > 0) sections.push(`### Since the last review\n\n${followUp.join("\n")}`);
  const context = contextMarkdown(review);
  if (context) sections.push(context);
  if (review.notes.length > 0) {
    const notes = review.notes.map(
      (note) =>
        `- **${SEVERITY_LABEL[note.severity]}** \`${note.path}\` — ${oneLine(note.title)}: ${oneLine(note.body)}`,
    );
    sections.push(
      `### Not on a changed line\n\nThese could not be placed on a line of the diff:\n\n${notes.join("\n")}`,
    );
  }
  sections.push(filesTable(review, fileRows));
  sections.push(`### Coverage\n\n${coverageLine(review)}`);
  sections.push(`<sub>nectr ${version} · ${usageLine(review)} · head ${review.info.headSha.slice(0, 7)}</sub>`);
  return sections.join("\n\n");
}

function countLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return "no findings";
  const counts = SEVERITIES.map(
    (severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  return `${findings.length} finding${findings.length === 1 ? "" : "s"} (${counts.join(", ")})`;
}

function findingsList(findings: readonly Finding[], inline: ReadonlySet<Finding>): string {
  const blocks: string[] = [];
  let listed = 0;
  for (const severity of SEVERITIES) {
    const items = findings.filter((finding) => finding.severity === severity);
    if (items.length === 0 || listed >= MAX_LISTED_FINDINGS) continue;
    const shown = items.slice(0, MAX_LISTED_FINDINGS - listed);
    listed += shown.length;
    const lines = shown.map(
      (finding) =>
        `- \`${finding.path}:${finding.line}\` — ${oneLine(finding.title)} (\`${finding.rule}\`)${inline.has(finding) ? "" : " — not commented inline"}`,
    );
    blocks.push(`**${SEVERITY_LABEL[severity]}**\n\n${lines.join("\n")}`);
  }
  if (listed < findings.length) blocks.push(`…and ${findings.length - listed} more.`);
  return blocks.join("\n\n");
}

function filesTable(review: Review, maxRows: number): string {
  const skipped = new Map(review.coverage.skipped.map((entry) => [entry.path, entry.reason]));
  const clipped = new Set(review.coverage.clipped);
  const rows = review.files.slice(0, maxRows).map((file) => {
    const state = skipped.get(file.path) ?? (clipped.has(file.path) ? "clipped" : "reviewed");
    return `| \`${file.path.replaceAll("|", "\\|")}\` | ${file.status} | +${file.additions} −${file.deletions} | ${state} |`;
  });
  const more = review.files.length > rows.length ? `\n\n…and ${review.files.length - rows.length} more files.` : "";
  const table =
    rows.length > 0 ? `| file | status | lines | review |\n| --- | --- | --- | --- |\n${rows.join("\n")}` : "";
  return `### Files\n\n<details><summary>${review.files.length} changed file${review.files.length === 1 ? "" : "s"}</summary>\n\n${table}${more}\n\n</details>`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
