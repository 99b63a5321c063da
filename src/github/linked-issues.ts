import type { IssueRef } from "../review/linked-issues.js";
import type { LinkedIssue } from "../review/review-context.js";
import type { GitHubClient } from "./create-octokit.js";

/**
 * The issues a PR closes, one request each (at most as many as the refs given); missing ones are
 * left out. nectr reads with the token of whoever connected the repository, who can see more than
 * the PR's author: an issue of another repository is read only when that repository is public, so
 * a PR cannot make nectr copy a private issue into a prompt or a comment its author can read.
 */
export async function fetchLinkedIssues(
  octokit: GitHubClient,
  home: { owner: string; repo: string },
  refs: readonly IssueRef[],
): Promise<LinkedIssue[]> {
  const visibility = new Map<string, Promise<boolean>>();
  const isPublic = (ref: IssueRef) => {
    const key = `${ref.owner}/${ref.repo}`.toLowerCase();
    if (!visibility.has(key)) visibility.set(key, repositoryIsPublic(octokit, ref));
    return visibility.get(key) ?? Promise.resolve(false);
  };
  const sameRepository = (ref: IssueRef) =>
    ref.owner.toLowerCase() === home.owner.toLowerCase() && ref.repo.toLowerCase() === home.repo.toLowerCase();
  const issues = await Promise.all(
    refs.map(async (ref) => {
      if (!sameRepository(ref) && !(await isPublic(ref))) return undefined;
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

/** Public, as GitHub says; private, internal, or unreadable is not. */
async function repositoryIsPublic(octokit: GitHubClient, ref: IssueRef): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.get({ owner: ref.owner, repo: ref.repo });
    return data.visibility === undefined ? data.private === false : data.visibility === "public";
  } catch {
    return false;
  }
}
