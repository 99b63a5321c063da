import type { ReviewContext } from "./review-context.js";

/** The maintainers' own words from .nectr.yml: trusted more than the PR, so outside the data fence. */
export function maintainerInstructions(context: ReviewContext): string {
  const parts: string[] = [];
  if (context.repoConfig.instructions.trim())
    parts.push(
      `Instructions from the repository's maintainers (.nectr.yml on the default branch):\n${context.repoConfig.instructions.trim()}`,
    );
  const rules = context.memories.filter((memory) => memory.source === "user").map((memory) => `- ${memory.text}`);
  if (rules.length > 0) parts.push(`Rules the team asked nectr to apply in this repository:\n${rules.join("\n")}`);
  if (context.repoConfig.language !== "English")
    parts.push(`Write the summary and every finding in ${context.repoConfig.language}.`);
  return parts.join("\n\n");
}

/** Everything else nectr knows, as data for the fenced part of the prompt (issues and MCP text are untrusted). */
export function contextForPrompt(context: ReviewContext): string {
  const parts: string[] = [];
  const learned = context.memories
    .filter((memory) => memory.source === "learned")
    .map((memory) => `- (${memory.kind}) ${memory.text}`);
  if (learned.length > 0) parts.push(`What earlier reviews learned about this repository:\n${learned.join("\n")}`);
  if (context.relatedPullRequests.length > 0) {
    const lines = context.relatedPullRequests.map(
      (pull) =>
        `- #${pull.number} "${pull.title}" by @${pull.author} (${pull.mergedAt ? "merged" : pull.state}) touched ${pull.sharedFiles.join(", ")}`,
    );
    parts.push(`Earlier pull requests that touched these files:\n${lines.join("\n")}`);
  }
  if (context.experts.length > 0)
    parts.push(
      `People who know these files: ${context.experts.map((expert) => `@${expert.login} (${expert.pullRequests} PRs)`).join(", ")}`,
    );
  if (context.missingCoChanges.length > 0) {
    const lines = context.missingCoChanges.map(
      (pair) =>
        `- ${pair.changed} usually changes with ${pair.usuallyWith} (${pair.together} PRs), which this PR leaves alone`,
    );
    parts.push(`Files that usually change together:\n${lines.join("\n")}`);
  }
  if (context.linkedIssues.length > 0) {
    parts.push(
      `Issues this PR says it closes:\n${context.linkedIssues.map((issue) => `- ${issue.ref} [${issue.state}] ${issue.title}\n  ${issue.body.slice(0, 1000).replace(/\s+/g, " ")}`).join("\n")}`,
    );
  }
  if (context.conflicts.length > 0) {
    parts.push(
      `Other open pull requests changing the same files:\n${context.conflicts.map((pull) => `- #${pull.number} "${pull.title}" by @${pull.author}: ${pull.sharedFiles.join(", ")}`).join("\n")}`,
    );
  }
  if (context.external.trim())
    parts.push(`From the team's other tools (issue tracker, error tracker):\n${context.external.trim()}`);
  return parts.join("\n\n");
}
