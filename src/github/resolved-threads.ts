import type { GitHubClient } from "./create-octokit.js";
import { githubError } from "./github-errors.js";
import { formatPullRequestRef, type PullRequestRef } from "./refs.js";

interface ThreadNode {
  isResolved: boolean;
  comments: { nodes: { databaseId: number | null }[] };
}

// The REST API does not say whether a review thread is resolved; GraphQL does
// (https://docs.github.com/graphql/reference/objects#pullrequestreviewthread).
const THREADS = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100) { nodes { isResolved comments(first: 1) { nodes { databaseId } } } }
    }
  }
}`;

/**
 * The ids of the first comments of a PR's resolved review threads, in one GraphQL request. It
 * reads the first 100 threads: a resolution beyond them is missed, which leaves that finding open
 * in the summary but never posts it twice.
 */
export async function fetchResolvedThreads(octokit: GitHubClient, ref: PullRequestRef): Promise<Set<number>> {
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
  return new Set(
    threads
      .filter((thread) => thread.isResolved)
      .map((thread) => thread.comments.nodes[0]?.databaseId)
      .filter((id): id is number => typeof id === "number"),
  );
}
