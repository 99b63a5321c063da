import { pullOf, requireWrite, visibleRepo } from "../access.js";
import { DiffLineIndex, type Side } from "../diff-lines.js";
import { GitHubError, json, jsonBody, notFound, type Route, type RouteContext } from "../http.js";
import type { SimPull, SimRepo, SimReview, SimReviewComment } from "../model.js";
import { paginate } from "../paginate.js";
import {
  reaction as reactionJson,
  review as reviewJson,
  reviewComment as reviewCommentJson,
} from "../render-comments.js";

/** GitHub's limit on any comment body. */
export const MAX_BODY_LENGTH = 65536;

const STATE_FOR_EVENT = new Map<unknown, SimReview["state"]>([
  ["APPROVE", "APPROVED"],
  ["REQUEST_CHANGES", "CHANGES_REQUESTED"],
  ["COMMENT", "COMMENTED"],
]);

export const reviewRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:pull_number/reviews/:review_id/comments",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const pull = pullOf(context, repo);
      const reviewId = Number(context.params.review_id);
      if (!repo.reviews.some((item) => item.id === reviewId && item.pullNumber === pull.number)) throw notFound();
      const comments = repo.reviewComments.filter((item) => item.reviewId === reviewId);
      return paginate(context, comments, (item) => reviewCommentJson(context.urls, context.state, repo, item));
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/pulls/:pull_number/comments/:comment_id/replies",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const pull = pullOf(context, repo);
      requireWrite(context, repo, "read");
      const parent = repo.reviewComments.find(
        (item) => item.id === Number(context.params.comment_id) && item.pullNumber === pull.number,
      );
      if (!parent) throw notFound();
      const body = jsonBody(context).body;
      if (typeof body !== "string" || body === "") throw unprocessable("body is missing");
      const reply = context.state.replyToReviewComment(repo.fullName, parent.id, context.viewer?.login ?? "", body);
      return json(201, reviewCommentJson(context.urls, context.state, repo, reply));
    },
  },
  { method: "POST", pattern: "/repos/:owner/:repo/pulls/:pull_number/reviews", resource: "core", handle: createReview },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/pulls/:pull_number/comments",
    resource: "core",
    handle: createReviewComment,
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:pull_number/reviews",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const pull = pullOf(context, repo);
      const reviews = repo.reviews.filter((item) => item.pullNumber === pull.number);
      return paginate(context, reviews, (item) => reviewJson(context.urls, context.state, repo, item));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:pull_number/comments",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const pull = pullOf(context, repo);
      const comments = repo.reviewComments.filter((item) => item.pullNumber === pull.number);
      return paginate(context, comments, (item) => reviewCommentJson(context.urls, context.state, repo, item));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/comments/:comment_id/reactions",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const comment = repo.reviewComments.find((item) => item.id === Number(context.params.comment_id));
      if (!comment) throw notFound();
      const content = context.query.get("content");
      const reactions = comment.reactions
        .map((reaction, index) => ({ ...reaction, id: comment.id * 100 + index }))
        .filter((reaction) => content === null || reaction.content === content);
      return paginate(context, reactions, (reaction) =>
        reactionJson(context.urls, context.state.user(reaction.login), reaction, comment.createdAt),
      );
    },
  },
];

/** What a review or review comment is written on, by whom (anyone who may read the PR), with what. */
function reviewWrite(context: RouteContext) {
  const repo = visibleRepo(context);
  const pull = pullOf(context, repo);
  requireWrite(context, repo, "read");
  const viewer = context.viewer;
  if (!viewer) throw notFound();
  return { repo, pull, viewer, input: jsonBody(context) };
}

/**
 * Creates a review with its inline comments, all or nothing, like GitHub: one comment on a line
 * the diff does not show fails the whole review with 422.
 */
function createReview(context: RouteContext) {
  const { repo, pull, viewer, input } = reviewWrite(context);
  const event = input.event === undefined ? undefined : String(input.event);
  const reviewState = event === undefined ? "PENDING" : STATE_FOR_EVENT.get(event);
  if (!reviewState) throw unprocessable("event must be one of APPROVE, REQUEST_CHANGES, COMMENT");
  const body = typeof input.body === "string" ? input.body : "";
  const rawComments = Array.isArray(input.comments) ? input.comments : [];
  if (body.length > MAX_BODY_LENGTH) throw unprocessable(`Body is too long (maximum is ${MAX_BODY_LENGTH} characters)`);
  if ((event === "REQUEST_CHANGES" || event === "COMMENT") && body === "" && rawComments.length === 0) {
    throw unprocessable("Review body is required");
  }
  if (event && event !== "COMMENT" && pull.author === viewer.login) {
    throw unprocessable(`Can not ${event === "APPROVE" ? "approve" : "request changes on"} your own pull request`);
  }
  const commitId = typeof input.commit_id === "string" ? input.commit_id : pull.headSha;
  if (!repo.commits.has(commitId)) throw unprocessable("commit_id is not part of the pull request");

  const reviewId = context.state.nextId();
  const comments = rawComments.map((raw) => placeComment(context, repo, pull, commitId, reviewId, raw));
  const now = context.state.now();
  const item: SimReview = {
    id: reviewId,
    pullNumber: pull.number,
    author: viewer.login,
    body,
    state: reviewState,
    commitId,
    submittedAt: event ? now : null,
  };
  repo.reviews.push(item);
  repo.reviewComments.push(
    ...comments.map((comment) => ({ ...comment, createdAt: now, inReplyTo: null, reactions: [] })),
  );
  return json(200, reviewJson(context.urls, context.state, repo, item));
}

/**
 * One review comment outside a review (GitHub wraps it in a review of its own): on a line as in
 * createReview, or, with `subject_type: "file"`, on any file of the PR, with no line.
 */
function createReviewComment(context: RouteContext) {
  const { repo, pull, viewer, input } = reviewWrite(context);
  const commitId = typeof input.commit_id === "string" ? input.commit_id : "";
  const reviewId = context.state.nextId();
  const comment = asValidationFailed(() => {
    if (!repo.commits.has(commitId)) throw unprocessable("commit_id is not part of the pull request");
    if (typeof input.body !== "string" || input.body === "") throw unprocessable("body is missing");
    if (input.subject_type !== undefined && input.subject_type !== "line" && input.subject_type !== "file")
      throw unprocessable("subject_type must be line or file");
    return placeComment(context, repo, pull, commitId, reviewId, input, { fileLevel: true });
  });
  const now = context.state.now();
  repo.reviews.push({
    id: reviewId,
    pullNumber: pull.number,
    author: viewer.login,
    body: "",
    state: "COMMENTED",
    commitId,
    submittedAt: now,
  });
  const stored = { ...comment, createdAt: now, inReplyTo: null, reactions: [] };
  repo.reviewComments.push(stored);
  return json(201, reviewCommentJson(context.urls, context.state, repo, stored));
}

function placeComment(
  context: RouteContext,
  repo: SimRepo,
  pull: SimPull,
  commitId: string,
  reviewId: number,
  raw: unknown,
  // A review's own comments take no subject_type; a single review comment may be on a whole file.
  accepts: { fileLevel: boolean } = { fileLevel: false },
): Omit<SimReviewComment, "createdAt" | "inReplyTo" | "reactions"> {
  if (typeof raw !== "object" || raw === null) throw unprocessable("comments must be objects");
  const input: Record<string, unknown> = { ...raw };
  const path = String(input.path ?? "");
  const body = String(input.body ?? "");
  if (body.length > MAX_BODY_LENGTH) throw unprocessable(`Body is too long (maximum is ${MAX_BODY_LENGTH} characters)`);
  const file = context.state.filesOf(repo, { ...pull, headSha: commitId }).find((change) => change.filename === path);
  if (!file) throw unprocessable("Path could not be resolved");
  const comment = {
    id: context.state.nextId(),
    reviewId,
    pullNumber: pull.number,
    author: context.viewer?.login ?? "",
    path,
    body,
    commitId,
  };
  if (accepts.fileLevel && input.subject_type === "file") {
    const none = { line: null, side: null, startLine: null, startSide: null, position: null };
    return { ...comment, subjectType: "file", diffHunk: "", ...none };
  }
  const lines = new DiffLineIndex(file.hunks);
  const anchor =
    input.line === undefined && typeof input.position === "number"
      ? anchorByPosition(lines, input.position)
      : anchorByLine(lines, input);
  return { ...comment, diffHunk: lines.diffHunkAt(anchor.position), subjectType: "line", ...anchor };
}

interface Anchor {
  line: number;
  side: Side;
  startLine: number | null;
  startSide: Side | null;
  position: number;
}

/** The legacy `position` parameter: a line counted down from the patch's first hunk header. */
function anchorByPosition(lines: DiffLineIndex, position: number): Anchor {
  const at = lines.atPosition(position);
  if (!at) throw unprocessable("Position could not be resolved");
  return { line: at.line, side: at.side, startLine: null, startSide: null, position: at.position };
}

function anchorByLine(lines: DiffLineIndex, input: Record<string, unknown>): Anchor {
  const side: Side = input.side === "LEFT" ? "LEFT" : "RIGHT";
  const target = lines.find(side, Number(input.line));
  if (!target) throw unprocessable("Pull request review thread line must be part of the diff");
  if (input.start_line === undefined)
    return { line: target.line, side, startLine: null, startSide: null, position: target.position };
  const startSide: Side = input.start_side === "LEFT" ? "LEFT" : side;
  const start = lines.find(startSide, Number(input.start_line));
  if (!start || start.hunk !== target.hunk)
    throw unprocessable("Pull request review thread start line must be part of the same hunk as the line.");
  if (start.position >= target.position) throw unprocessable("start_line must precede line");
  return { line: target.line, side, startLine: start.line, startSide, position: target.position };
}

/**
 * This endpoint's 422 is GitHub's "Validation Failed" with error objects, where a review's has
 * plain strings (@octokit/openapi: validation-failed against validation-failed-simple).
 */
function asValidationFailed<T>(place: () => T): T {
  try {
    return place();
  } catch (error) {
    if (!(error instanceof GitHubError) || error.status !== 422) throw error;
    const messages = Array.isArray(error.extra.errors) ? error.extra.errors.map(String) : [error.message];
    throw new GitHubError(422, "Validation Failed", {
      errors: messages.map((message) => ({ resource: "PullRequestReviewComment", code: "custom", message })),
    });
  }
}

function unprocessable(message: string): GitHubError {
  return new GitHubError(422, "Unprocessable Entity", { errors: [message] });
}
