import type { GitHubClient } from "./create-octokit.js";
import type { PullRequestRef } from "./refs.js";

/** Every comment on the PR's conversation (issue comments), all pages. */
export function listPullComments(octokit: GitHubClient, ref: PullRequestRef) {
  return octokit.paginate(octokit.rest.issues.listComments, {
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.number,
    per_page: 100,
  });
}
