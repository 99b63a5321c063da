import type { IssueRef } from "../review/linked-issues.js";
import type { LinkedIssue } from "../review/review-context.js";
import type { GitHubClient } from "./create-octokit.js";

/** The issues a PR closes, one request each (at most as many as the refs given); missing ones are left out. */
export async function fetchLinkedIssues(octokit: GitHubClient, refs: readonly IssueRef[]): Promise<LinkedIssue[]> {
  const issues = await Promise.all(
    refs.map(async (ref) => {
      try {
        const { data } = await octokit.rest.issues.get({ owner: ref.owner, repo: ref.repo, issue_number: ref.number });
        return {
          ref: `${ref.owner}/${ref.repo}#${ref.number}`,
          title: data.title,
          state: data.state,
          body: data.body ?? "",
        };
      } catch {
        // A closing reference to an issue that does not exist (or cannot be seen) is just left out.
        return undefined;
      }
    }),
  );
  return issues.filter((issue) => issue !== undefined);
}
