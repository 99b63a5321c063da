import { requireWrite, visibleRepo } from "../access.js";
import { GitHubError, json, jsonBody, notFound, type Route, type RouteContext } from "../http.js";
import type { SimIssueComment, SimRepo } from "../model.js";
import { paginate } from "../paginate.js";
import { issueComment } from "../render-comments.js";
import { issue } from "../render-issue.js";
import { MAX_BODY_LENGTH } from "./reviews.js";

export const issueCommentRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/:issue_number",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const number = Number(context.params.issue_number);
      const item = repo.issues.get(number) ?? repo.pulls.get(number);
      if (!item) throw notFound();
      return json(200, issue(context.urls, context.state, repo, item));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/:issue_number/comments",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const number = issueNumber(context, repo);
      const comments = repo.issueComments.filter((comment) => comment.issueNumber === number);
      return paginate(context, comments, (comment) => issueComment(context.urls, context.state, repo, comment));
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/issues/:issue_number/comments",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const number = issueNumber(context, repo);
      requireWrite(context, repo, "read");
      const now = context.state.now();
      const comment: SimIssueComment = {
        id: context.state.nextId(),
        issueNumber: number,
        author: context.viewer?.login ?? "",
        body: commentBody(context),
        createdAt: now,
        updatedAt: now,
      };
      repo.issueComments.push(comment);
      return json(201, issueComment(context.urls, context.state, repo, comment));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/issues/comments/:comment_id",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      return json(200, issueComment(context.urls, context.state, repo, commentById(context, repo)));
    },
  },
  {
    method: "PATCH",
    pattern: "/repos/:owner/:repo/issues/comments/:comment_id",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const comment = commentById(context, repo);
      requireWrite(context, repo, comment.author === context.viewer?.login ? "read" : "write");
      comment.body = commentBody(context);
      comment.updatedAt = context.state.now();
      return json(200, issueComment(context.urls, context.state, repo, comment));
    },
  },
];

function issueNumber(context: RouteContext, repo: SimRepo): number {
  const number = Number(context.params.issue_number);
  if (!repo.pulls.has(number) && !repo.issues.has(number)) throw notFound();
  return number;
}

function commentById(context: RouteContext, repo: SimRepo): SimIssueComment {
  const comment = repo.issueComments.find((item) => item.id === Number(context.params.comment_id));
  if (!comment) throw notFound();
  return comment;
}

function commentBody(context: RouteContext): string {
  const body = jsonBody(context).body;
  if (typeof body !== "string" || body === "")
    throw new GitHubError(422, "Validation Failed", {
      errors: [{ resource: "IssueComment", code: "missing_field", field: "body" }],
    });
  if (body.length > MAX_BODY_LENGTH)
    throw new GitHubError(422, "Validation Failed", {
      errors: [
        {
          resource: "IssueComment",
          code: "custom",
          field: "body",
          message: `body is too long (maximum is ${MAX_BODY_LENGTH} characters)`,
        },
      ],
    });
  return body;
}
