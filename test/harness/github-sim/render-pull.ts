import { blobSha, type SimCommit } from "./git-objects.js";
import type { SimPull, SimRepo } from "./model.js";
import { repository, simpleUser, nodeId, authorAssociation } from "./render-repo.js";
import type { SimState } from "./state.js";
import type { FileChange } from "./tree-diff.js";
import type { SimUrls } from "./urls.js";

// GitHub's JSON for pull requests, their files and commits.

function branchRef(urls: SimUrls, repo: SimRepo, ref: string, sha: string) {
  return {
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: simpleUser(urls, repo.owner),
    repo: repository(urls, repo),
  };
}

export function pullRequest(urls: SimUrls, state: SimState, repo: SimRepo, pull: SimPull) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}/pull/${pull.number}`;
  const files = state.filesOf(repo, pull);
  const commits = countCommits(repo, pull);
  return {
    url: `${api}/pulls/${pull.number}`,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    review_comments_url: `${api}/pulls/${pull.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: simpleUser(urls, state.user(pull.author)),
    body: pull.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.merged ? pull.closedAt : null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branchRef(urls, repo, pull.headRef, pull.headSha),
    base: branchRef(urls, repo, pull.baseRef, pull.baseSha),
    _links: {
      self: { href: `${api}/pulls/${pull.number}` },
      html: { href: html },
      issue: { href: `${api}/issues/${pull.number}` },
      comments: { href: `${api}/issues/${pull.number}/comments` },
      review_comments: { href: `${api}/pulls/${pull.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${pull.number}/commits` },
      statuses: { href: `${api}/statuses/${pull.headSha}` },
    },
    author_association: authorAssociation(repo, pull.author),
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: pull.state === "open" ? true : null,
    rebaseable: pull.state === "open" ? true : null,
    mergeable_state: "clean",
    merged_by: null,
    comments: repo.issueComments.filter((comment) => comment.issueNumber === pull.number).length,
    review_comments: repo.reviewComments.filter((comment) => comment.pullNumber === pull.number).length,
    maintainer_can_modify: false,
    commits,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: files.length,
  };
}

function countCommits(repo: SimRepo, pull: SimPull): number {
  let count = 0;
  for (let sha: string | undefined = pull.headSha; sha && sha !== pull.baseSha; sha = repo.commits.get(sha)?.parents[0])
    count += 1;
  return count;
}

export function diffEntry(urls: SimUrls, repo: SimRepo, ref: string, change: FileChange) {
  const content = change.newContent ?? change.oldContent ?? Buffer.alloc(0);
  const path = encodeURIComponent(change.filename).replaceAll("%2F", "/");
  return {
    sha: blobSha(content),
    filename: change.filename,
    status: change.status,
    additions: change.additions,
    deletions: change.deletions,
    changes: change.additions + change.deletions,
    blob_url: `${urls.web}/${repo.fullName}/blob/${ref}/${path}`,
    raw_url: `${urls.web}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${urls.api}/repos/${repo.fullName}/contents/${path}?ref=${ref}`,
    ...(change.patch && { patch: change.patch.toString("utf8") }),
    ...(change.previousFilename && { previous_filename: change.previousFilename }),
  };
}

export function commit(urls: SimUrls, state: SimState, repo: SimRepo, item: SimCommit) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const person = { name: item.author.name, email: item.author.email, date: item.author.date };
  const author = simpleUser(urls, state.user(item.author.login));
  return {
    url: `${api}/commits/${item.sha}`,
    sha: item.sha,
    node_id: nodeId("Commit", item.sha),
    html_url: `${urls.web}/${repo.fullName}/commit/${item.sha}`,
    comments_url: `${api}/commits/${item.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${item.sha}`,
      author: person,
      committer: person,
      message: item.message,
      comment_count: 0,
      tree: { sha: item.sha, url: `${api}/git/trees/${item.sha}` },
    },
    author,
    committer: author,
    parents: item.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${urls.web}/${repo.fullName}/commit/${sha}`,
    })),
  };
}
