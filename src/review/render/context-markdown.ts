import type { Review } from "../types.js";

/** The "Context" section of the summary: what nectr knew beyond the diff, and any .nectr.yml problem. */
export function contextMarkdown(review: Review): string {
  const { context } = review;
  const lines: string[] = [];
  for (const pull of context.relatedPullRequests) {
    lines.push(
      `- Earlier PR #${pull.number} "${pull.title}" by @${pull.author} also changed ${pull.sharedFiles.map((file) => `\`${file}\``).join(", ")}`,
    );
  }
  for (const pair of context.missingCoChanges) {
    lines.push(
      `- \`${pair.changed}\` usually changes with \`${pair.usuallyWith}\` (${pair.together} earlier PRs), which this PR does not touch`,
    );
  }
  for (const issue of context.linkedIssues) lines.push(`- Closes ${issue.ref}: ${issue.title} (${issue.state})`);
  for (const pull of context.conflicts)
    lines.push(
      `- Open PR #${pull.number} by @${pull.author} also changes ${pull.sharedFiles.map((file) => `\`${file}\``).join(", ")}`,
    );
  if (context.experts.length > 0)
    lines.push(`- Knows these files: ${context.experts.map((expert) => `@${expert.login}`).join(", ")}`);
  if (context.configProblem) lines.push(`- ⚠ ${context.configProblem}`);
  return lines.length > 0 ? `### Context\n\n${lines.join("\n")}` : "";
}
