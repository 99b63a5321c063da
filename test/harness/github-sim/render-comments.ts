import type { SimIssueComment, SimRepo, SimReview, SimReviewComment, SimUser } from "./model.js";
import { authorAssociation, nodeId, simpleUser } from "./render-repo.js";
import type { SimState } from "./state.js";
import type { SimUrls } from "./urls.js";

// GitHub's JSON for issue comments, reviews and review comments.

export function issueComment(urls: SimUrls, state: SimState, repo: SimRepo, comment: SimIssueComment) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${repo.fullName}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: simpleUser(urls, state.user(comment.author)),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    author_association: authorAssociation(repo, comment.author),
  };
}

export function review(urls: SimUrls, state: SimState, repo: SimRepo, item: SimReview) {
  const pullUrl = `${urls.api}/repos/${repo.fullName}/pulls/${item.pullNumber}`;
  const html = `${urls.web}/${repo.fullName}/pull/${item.pullNumber}#pullrequestreview-${item.id}`;
  return {
    id: item.id,
    node_id: nodeId("PullRequestReview", item.id),
    user: simpleUser(urls, state.user(item.author)),
    body: item.body,
    state: item.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(item.submittedAt && { submitted_at: item.submittedAt }),
    commit_id: item.commitId,
    author_association: authorAssociation(repo, item.author),
  };
}

export function reviewComment(urls: SimUrls, state: SimState, repo: SimRepo, comment: SimReviewComment) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}/pull/${comment.pullNumber}#discussion_r${comment.id}`;
  return {
    url: `${api}/pulls/comments/${comment.id}`,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: nodeId("PullRequestReviewComment", comment.id),
    diff_hunk: comment.diffHunk,
    path: comment.path,
    ...(comment.position !== null && { position: comment.position, original_position: comment.position }),
    commit_id: comment.commitId,
    original_commit_id: comment.commitId,
    user: simpleUser(urls, state.user(comment.author)),
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    html_url: html,
    pull_request_url: `${api}/pulls/${comment.pullNumber}`,
    author_association: authorAssociation(repo, comment.author),
    _links: {
      self: { href: `${api}/pulls/comments/${comment.id}` },
      html: { href: html },
      pull_request: { href: `${api}/pulls/${comment.pullNumber}` },
    },
    start_line: comment.startLine,
    original_start_line: comment.startLine,
    start_side: comment.startSide,
    ...(comment.line !== null && { line: comment.line, original_line: comment.line }),
    ...(comment.inReplyTo !== null && { in_reply_to_id: comment.inReplyTo }),
    reactions: reactionRollup(`${api}/pulls/comments/${comment.id}/reactions`, comment.reactions),
    ...(comment.side !== null && { side: comment.side }),
    subject_type: comment.subjectType,
  };
}

const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket"] as const;

function reactionRollup(url: string, reactions: readonly { content: string }[]) {
  const counts = Object.fromEntries(
    REACTIONS.map((content) => [content, reactions.filter((reaction) => reaction.content === content).length]),
  );
  return { url, total_count: reactions.length, ...counts };
}

/** A reaction as GitHub lists it (`GET …/comments/{id}/reactions`). */
export function reaction(urls: SimUrls, user: SimUser, item: { id: number; content: string }, createdAt: string) {
  return {
    id: item.id,
    node_id: nodeId("Reaction", item.id),
    user: simpleUser(urls, user),
    content: item.content,
    created_at: createdAt,
  };
}
