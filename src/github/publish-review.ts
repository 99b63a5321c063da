import { RequestError } from "@octokit/request-error";
import type { PostedIds } from "../review/render/review-json.js";
import { inlineCommentBody } from "../review/render/inline-comment.js";
import { fingerprintIn, SUMMARY_MARKER } from "../review/render/markers.js";
import { summaryMarkdown } from "../review/render/summary-markdown.js";
import type { PlacedFinding, Review } from "../review/types.js";
import type { GitHubClient } from "./create-octokit.js";
import { githubError } from "./github-errors.js";
import { formatPullRequestRef, type PullRequestRef } from "./refs.js";

/**
 * Posts a review: one PR review (event COMMENT) with an inline comment for each finding not
 * already posted by this account, and one summary comment that later runs edit in place. Only
 * comments written by the account nectr posts as are taken as nectr's own, so nobody can hide a
 * finding or hijack the summary by pasting a marker.
 */
export async function publishReview(octokit: GitHubClient, ref: PullRequestRef, review: Review): Promise<PostedIds> {
  const name = formatPullRequestRef(ref);
  const fail = (what: string) => (error: unknown) => {
    throw githubError(error, `${what} on ${name}`);
  };
  const viewer = (await octokit.rest.users.getAuthenticated().catch(fail("find who is posting"))).data.login;
  const mine = <T extends { user: { login: string } | null; body?: string | undefined }>(items: T[]) =>
    items.filter((item) => item.user?.login === viewer);

  const reviewComments = await octokit
    .paginate(octokit.rest.pulls.listReviewComments, { ...repoOf(ref), pull_number: ref.number, per_page: 100 })
    .catch(fail("list review comments"));
  const posted = new Set(mine(reviewComments).map((comment) => fingerprintIn(comment.body)));
  const fresh = review.inline.filter((finding) => !posted.has(finding.fingerprint));
  const reviewId =
    fresh.length > 0 ? await postReview(octokit, ref, review, fresh).catch(fail("post the review")) : null;

  const issueComments = await octokit
    .paginate(octokit.rest.issues.listComments, { ...repoOf(ref), issue_number: ref.number, per_page: 100 })
    .catch(fail("list comments"));
  const summary = mine(issueComments).find((comment) => comment.body?.startsWith(SUMMARY_MARKER));
  const body = `${SUMMARY_MARKER}\n${summaryMarkdown(review)}`;
  const written = summary
    ? await octokit.rest.issues
        .updateComment({ ...repoOf(ref), comment_id: summary.id, body })
        .catch(fail("update the summary comment"))
    : await octokit.rest.issues
        .createComment({ ...repoOf(ref), issue_number: ref.number, body })
        .catch(fail("post the summary comment"));
  return { reviewId, summaryCommentId: written.data.id };
}

async function postReview(
  octokit: GitHubClient,
  ref: PullRequestRef,
  review: Review,
  findings: readonly PlacedFinding[],
): Promise<number> {
  const comments = findings.map((finding) => ({
    path: finding.path,
    line: finding.line,
    side: finding.side,
    ...(finding.startLine !== null && { start_line: finding.startLine, start_side: finding.side }),
    body: inlineCommentBody(finding, finding.fingerprint),
  }));
  const request = {
    ...repoOf(ref),
    pull_number: ref.number,
    commit_id: review.info.headSha,
    event: "COMMENT" as const,
  };
  const count = `${findings.length} new issue${findings.length === 1 ? "" : "s"}`;
  try {
    const answer = await octokit.rest.pulls.createReview({
      ...request,
      body: `nectr found ${count} on the changed lines; the summary comment has the whole review.`,
      comments,
    });
    return answer.data.id;
  } catch (error) {
    // Every line was checked against the diff, so GitHub should not refuse one; if it does
    // (the PR moved on meanwhile), the findings still go out, listed in the review's body.
    if (!(error instanceof RequestError && error.status === 422)) throw error;
    const listed = findings.map(
      (finding) => `- \`${finding.path}:${finding.line}\` **${finding.severity}** ${finding.title}`,
    );
    const answer = await octokit.rest.pulls.createReview({
      ...request,
      body: `nectr found ${count}. GitHub refused them as inline comments, so here they are:\n\n${listed.join("\n")}`,
    });
    return answer.data.id;
  }
}

function repoOf(ref: PullRequestRef): { owner: string; repo: string } {
  return { owner: ref.owner, repo: ref.repo };
}
