import type { SimCommit } from "./git-objects.js";
import { blobSha } from "./git-objects.js";
import type { SimHook, SimIssueComment, SimPull, SimRepo, SimReview, SimReviewComment, SimUser } from "./model.js";
import type { SimState } from "./state.js";
import type { FileChange } from "./tree-diff.js";
import { repoLinks, userLinks, type SimUrls } from "./urls.js";

// GitHub's JSON shapes (checked against @octokit/openapi in test/harness/github-sim.test.ts).

export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`).toString("base64url");
}

export function simpleUser(urls: SimUrls, user: SimUser) {
  return { login: user.login, id: user.id, node_id: nodeId("User", user.id), ...userLinks(urls, user.login), type: user.type, site_admin: false, user_view_type: "public" };
}

export function privateUser(urls: SimUrls, user: SimUser, ownedRepos: number) {
  return {
    ...simpleUser(urls, user),
    name: user.name, company: null, blog: "", location: null, email: user.email, hireable: null, bio: null,
    twitter_username: null, public_repos: ownedRepos, public_gists: 0, followers: 0, following: 0,
    created_at: user.createdAt, updated_at: user.createdAt, private_gists: 0, total_private_repos: 0,
    owned_private_repos: 0, disk_usage: 0, collaborators: 0, two_factor_authentication: true,
  };
}

export function repository(urls: SimUrls, repo: SimRepo, viewer?: string) {
  const permission = viewer ? repo.permissions.get(viewer) : undefined;
  const openIssues = [...repo.pulls.values()].filter((pull) => pull.state === "open").length;
  const pushedAt = [...repo.commits.values()].at(-1)?.author.date ?? repo.createdAt;
  return {
    id: repo.id, node_id: nodeId("Repository", repo.id), name: repo.name, full_name: repo.fullName,
    owner: simpleUser(urls, repo.owner), private: repo.private, description: repo.description, fork: false,
    ...repoLinks(urls, repo.fullName),
    homepage: null, language: null, forks_count: 0, forks: 0, stargazers_count: 0, watchers_count: 0, watchers: 0,
    size: 1, default_branch: repo.defaultBranch, open_issues_count: openIssues, open_issues: openIssues,
    is_template: false, topics: [], has_issues: true, has_projects: true, has_wiki: true, has_pages: false,
    has_downloads: true, has_discussions: false, archived: false, disabled: false, mirror_url: null,
    visibility: repo.private ? "private" : "public", pushed_at: pushedAt, created_at: repo.createdAt, updated_at: pushedAt,
    license: null, network_count: 0, subscribers_count: 0, allow_forking: true, web_commit_signoff_required: false,
    ...(viewer && {
      permissions: {
        admin: permission === "admin", maintain: permission === "admin", push: permission === "admin" || permission === "write",
        triage: permission !== undefined, pull: permission !== undefined || !repo.private,
      },
    }),
  };
}

function authorAssociation(repo: SimRepo, login: string): string {
  if (repo.owner.login === login) return "OWNER";
  return repo.permissions.has(login) ? "COLLABORATOR" : "NONE";
}

function branchRef(urls: SimUrls, state: SimState, repo: SimRepo, ref: string, sha: string) {
  return { label: `${repo.owner.login}:${ref}`, ref, sha, user: simpleUser(urls, repo.owner), repo: repository(urls, repo) };
}

export function pullRequest(urls: SimUrls, state: SimState, repo: SimRepo, pull: SimPull) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}/pull/${pull.number}`;
  const files = state.filesOf(repo, pull);
  const commits = countCommits(repo, pull);
  return {
    url: `${api}/pulls/${pull.number}`, id: pull.id, node_id: nodeId("PullRequest", pull.id), html_url: html,
    diff_url: `${html}.diff`, patch_url: `${html}.patch`, issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`, review_comments_url: `${api}/pulls/${pull.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`, comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`, number: pull.number, state: pull.state, locked: false,
    title: pull.title, user: simpleUser(urls, state.user(pull.author)), body: pull.body, labels: [], milestone: null,
    active_lock_reason: null, created_at: pull.createdAt, updated_at: pull.updatedAt, closed_at: pull.closedAt,
    merged_at: pull.merged ? pull.closedAt : null, merge_commit_sha: null, assignee: null, assignees: [],
    requested_reviewers: [], requested_teams: [],
    head: branchRef(urls, state, repo, pull.headRef, pull.headSha),
    base: branchRef(urls, state, repo, pull.baseRef, pull.baseSha),
    _links: {
      self: { href: `${api}/pulls/${pull.number}` }, html: { href: html }, issue: { href: `${api}/issues/${pull.number}` },
      comments: { href: `${api}/issues/${pull.number}/comments` }, review_comments: { href: `${api}/pulls/${pull.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` }, commits: { href: `${api}/pulls/${pull.number}/commits` },
      statuses: { href: `${api}/statuses/${pull.headSha}` },
    },
    author_association: authorAssociation(repo, pull.author), auto_merge: null, draft: pull.draft,
    merged: pull.merged, mergeable: pull.state === "open" ? true : null, rebaseable: pull.state === "open" ? true : null,
    mergeable_state: "clean", merged_by: null,
    comments: repo.issueComments.filter((comment) => comment.issueNumber === pull.number).length,
    review_comments: repo.reviewComments.filter((comment) => comment.pullNumber === pull.number).length,
    maintainer_can_modify: false, commits,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: files.length,
  };
}

function countCommits(repo: SimRepo, pull: SimPull): number {
  let count = 0;
  for (let sha: string | undefined = pull.headSha; sha && sha !== pull.baseSha; sha = repo.commits.get(sha)?.parents[0]) count += 1;
  return count;
}

export function diffEntry(urls: SimUrls, repo: SimRepo, ref: string, change: FileChange) {
  const content = change.newContent ?? change.oldContent ?? Buffer.alloc(0);
  const path = encodeURIComponent(change.filename).replaceAll("%2F", "/");
  return {
    sha: blobSha(content), filename: change.filename, status: change.status, additions: change.additions,
    deletions: change.deletions, changes: change.additions + change.deletions,
    blob_url: `${urls.web}/${repo.fullName}/blob/${ref}/${path}`, raw_url: `${urls.web}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${urls.api}/repos/${repo.fullName}/contents/${path}?ref=${ref}`,
    ...(change.patch && { patch: change.patch.toString("utf8") }),
    ...(change.previousFilename && { previous_filename: change.previousFilename }),
  };
}

export function issueComment(urls: SimUrls, state: SimState, repo: SimRepo, comment: SimIssueComment) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    id: comment.id, node_id: nodeId("IssueComment", comment.id), url: `${api}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${repo.fullName}/pull/${comment.issueNumber}#issuecomment-${comment.id}`, body: comment.body,
    user: simpleUser(urls, state.user(comment.author)), created_at: comment.createdAt, updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${comment.issueNumber}`, author_association: authorAssociation(repo, comment.author),
  };
}

export function review(urls: SimUrls, state: SimState, repo: SimRepo, item: SimReview) {
  const pullUrl = `${urls.api}/repos/${repo.fullName}/pulls/${item.pullNumber}`;
  const html = `${urls.web}/${repo.fullName}/pull/${item.pullNumber}#pullrequestreview-${item.id}`;
  return {
    id: item.id, node_id: nodeId("PullRequestReview", item.id), user: simpleUser(urls, state.user(item.author)),
    body: item.body, state: item.state, html_url: html, pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(item.submittedAt && { submitted_at: item.submittedAt }), commit_id: item.commitId,
    author_association: authorAssociation(repo, item.author),
  };
}

export function reviewComment(urls: SimUrls, state: SimState, repo: SimRepo, comment: SimReviewComment) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}/pull/${comment.pullNumber}#discussion_r${comment.id}`;
  return {
    url: `${api}/pulls/comments/${comment.id}`, pull_request_review_id: comment.reviewId, id: comment.id,
    node_id: nodeId("PullRequestReviewComment", comment.id), diff_hunk: comment.diffHunk, path: comment.path,
    position: comment.position, original_position: comment.position, commit_id: comment.commitId,
    original_commit_id: comment.commitId, user: simpleUser(urls, state.user(comment.author)), body: comment.body,
    created_at: comment.createdAt, updated_at: comment.createdAt, html_url: html,
    pull_request_url: `${api}/pulls/${comment.pullNumber}`, author_association: authorAssociation(repo, comment.author),
    _links: { self: { href: `${api}/pulls/comments/${comment.id}` }, html: { href: html }, pull_request: { href: `${api}/pulls/${comment.pullNumber}` } },
    start_line: comment.startLine, original_start_line: comment.startLine, start_side: comment.startSide,
    line: comment.line, original_line: comment.line, side: comment.side, subject_type: "line",
  };
}

export function hook(urls: SimUrls, repo: SimRepo, item: SimHook) {
  const url = `${urls.api}/repos/${repo.fullName}/hooks/${item.id}`;
  const { secret, ...config } = item.config;
  return {
    type: "Repository", id: item.id, name: "web", active: item.active, events: item.events,
    config: { ...config, ...(secret !== undefined && { secret: "********" }) },
    updated_at: item.updatedAt, created_at: item.createdAt, url, test_url: `${url}/test`, ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`, last_response: item.lastResponse,
  };
}

export function commit(urls: SimUrls, state: SimState, repo: SimRepo, item: SimCommit) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const person = { name: item.author.name, email: item.author.email, date: item.author.date };
  const author = simpleUser(urls, state.user(item.author.login));
  return {
    url: `${api}/commits/${item.sha}`, sha: item.sha, node_id: nodeId("Commit", item.sha),
    html_url: `${urls.web}/${repo.fullName}/commit/${item.sha}`, comments_url: `${api}/commits/${item.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${item.sha}`, author: person, committer: person, message: item.message, comment_count: 0,
      tree: { sha: item.sha, url: `${api}/git/trees/${item.sha}` },
    },
    author, committer: author,
    parents: item.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${urls.web}/${repo.fullName}/commit/${sha}` })),
  };
}
