import type { IndexedPullRequest } from "../context/graph/knowledge-graph.js";
import type { OpenPullConflict } from "../review/review-context.js";
import type { GitHubClient } from "./create-octokit.js";
import { githubError } from "./github-errors.js";
import { formatRepoRef, type RepoRef } from "./refs.js";

interface PullNode {
  number: number;
  title: string;
  state: string;
  createdAt: string;
  mergedAt: string | null;
  author: { login: string } | null;
  files: { nodes: { path: string }[] } | null;
  closingIssuesReferences: { nodes: { number: number; repository: { nameWithOwner: string } }[] } | null;
}

const PULLS = `query($owner: String!, $name: String!, $states: [PullRequestState!], $first: Int, $last: Int) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: $states, first: $first, last: $last) {
      nodes { number title state createdAt mergedAt author { login } files(first: 100) { nodes { path } }
        closingIssuesReferences(first: 10) { nodes { number repository { nameWithOwner } } } }
    }
  }
}`;

async function pullRequests(
  octokit: GitHubClient,
  ref: RepoRef,
  variables: { states: string[]; first?: number; last?: number },
): Promise<PullNode[]> {
  const answer = await octokit
    .graphql<{ repository: { pullRequests: { nodes: PullNode[] } } | null }>(PULLS, {
      owner: ref.owner,
      name: ref.repo,
      ...variables,
    })
    .catch((error: unknown) => {
      throw githubError(error, `list pull requests of ${formatRepoRef(ref)}`);
    });
  return answer.repository?.pullRequests.nodes ?? [];
}

/** The last `count` merged PRs, in one GraphQL request, for the knowledge graph. */
export async function fetchMergedPullRequests(
  octokit: GitHubClient,
  ref: RepoRef,
  count: number,
): Promise<IndexedPullRequest[]> {
  return (await pullRequests(octokit, ref, { states: ["MERGED"], last: count })).map((pull) => ({
    repo: formatRepoRef(ref),
    number: pull.number,
    title: pull.title,
    author: pull.author?.login ?? "ghost",
    state: "merged",
    createdAt: pull.createdAt,
    mergedAt: pull.mergedAt,
    files: (pull.files?.nodes ?? []).map((file) => file.path),
    closes: (pull.closingIssuesReferences?.nodes ?? []).map(
      (issue) => `${issue.repository.nameWithOwner}#${issue.number}`,
    ),
  }));
}

/** Other open PRs (at most 20, one request) that change files this one changes. */
export async function fetchOpenPullConflicts(
  octokit: GitHubClient,
  ref: RepoRef,
  paths: readonly string[],
  exclude: number,
): Promise<OpenPullConflict[]> {
  const mine = new Set(paths);
  return (await pullRequests(octokit, ref, { states: ["OPEN"], first: 20 }))
    .filter((pull) => pull.number !== exclude)
    .map((pull) => ({
      number: pull.number,
      title: pull.title,
      author: pull.author?.login ?? "ghost",
      sharedFiles: (pull.files?.nodes ?? []).map((file) => file.path).filter((path) => mine.has(path)),
    }))
    .filter((pull) => pull.sharedFiles.length > 0);
}

/** Every file on the default branch (one request for the repo, one for its tree). */
export async function fetchDefaultBranchFiles(octokit: GitHubClient, ref: RepoRef): Promise<string[]> {
  try {
    const repo = await octokit.rest.repos.get({ owner: ref.owner, repo: ref.repo });
    const tree = await octokit.rest.git.getTree({
      owner: ref.owner,
      repo: ref.repo,
      tree_sha: repo.data.default_branch,
      recursive: "1",
    });
    return tree.data.tree
      .filter((entry) => entry.type === "blob" && typeof entry.path === "string")
      .map((entry) => entry.path ?? "");
  } catch (error) {
    throw githubError(error, `list the files of ${formatRepoRef(ref)}`);
  }
}
