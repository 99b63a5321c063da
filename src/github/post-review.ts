import { RequestError } from "@octokit/request-error";
import { inlineCommentBody } from "../review/render/inline-comment.js";
import type { PlacedFinding, Review } from "../review/types.js";
import type { GitHubClient } from "./create-octokit.js";
import type { PullRequestRef } from "./refs.js";

/**
 * One PR review (event COMMENT) carrying the findings as inline comments; answers the review id
 * and each comment's id by fingerprint.
 */
export async function postReview(
  octokit: GitHubClient,
  ref: PullRequestRef,
  review: Review,
  findings: readonly PlacedFinding[],
): Promise<{ reviewId: number; commentIds: Map<string, number> }> {
  const comments = findings.map((finding) => ({
    path: finding.path,
    line: finding.line,
    side: finding.side,
    ...(finding.startLine !== null && { start_line: finding.startLine, start_side: finding.side }),
    body: inlineCommentBody(finding, finding.fingerprint),
  }));
  const request = {
    owner: ref.owner,
    repo: ref.repo,
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
    const posted = await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
      owner: ref.owner,
      repo: ref.repo,
      pull_number: ref.number,
      review_id: answer.data.id,
      per_page: 100,
    });
    const ids = new Map<string, number>();
    posted.forEach((comment, index) => {
      const finding = findings.find((candidate) => comment.body.includes(candidate.fingerprint)) ?? findings[index];
      if (finding) ids.set(finding.fingerprint, comment.id);
    });
    return { reviewId: answer.data.id, commentIds: ids };
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
    return { reviewId: answer.data.id, commentIds: new Map() };
  }
}
