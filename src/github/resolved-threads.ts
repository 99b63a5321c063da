import type { GitHubClient } from "./create-octokit.js";
import { githubError } from "./github-errors.js";
import { formatPullRequestRef, type PullRequestRef } from "./refs.js";

interface ThreadNode {
  isResolved: boolean;
  resolvedBy: { login: string } | null;
  comments: { nodes: { databaseId: number | null }[] };
}

// The REST API does not say whether a review thread is resolved; GraphQL does
// (https://docs.github.com/graphql/reference/objects#pullrequestreviewthread).
const THREADS = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100) { nodes { isResolved resolvedBy { login } comments(first: 1) { nodes { databaseId } } } }
    }
  }
}`;

/**
 * The PR's resolved review threads, by the id of their first comment, with who resolved each (null
 * when GitHub does not say), in one GraphQL request. It reads the first 100 threads: a resolution
 * beyond them is missed, which leaves that finding open in the summary but never posts it twice.
 */
export async function fetchResolvedThreads(
  octokit: GitHubClient,
  ref: PullRequestRef,
): Promise<Map<number, string | null>> {
  const answer = await octokit
    .graphql<{ repository: { pullRequest: { reviewThreads: { nodes: ThreadNode[] } } | null } | null }>(THREADS, {
      owner: ref.owner,
      name: ref.repo,
      number: ref.number,
    })
    .catch((error: unknown) => {
      throw githubError(error, `list review threads on ${formatPullRequestRef(ref)}`);
    });
  const threads = answer.repository?.pullRequest?.reviewThreads.nodes ?? [];
  const resolved = new Map<number, string | null>();
  for (const thread of threads) {
    const id = thread.comments.nodes[0]?.databaseId;
    if (thread.isResolved && typeof id === "number") resolved.set(id, thread.resolvedBy?.login ?? null);
  }
  return resolved;
}
