import { RequestError } from "@octokit/request-error";
import { inlineCommentBody } from "../review/render/inline-comment.js";
import { reviewMarker } from "../review/render/markers.js";
import type { PlacedFinding, Review } from "../review/types.js";
import type { GitHubClient } from "./create-octokit.js";
import { postFileComment } from "./post-file-comment.js";
import { NO_RETRIES, postOnce } from "./post-once.js";
import type { PullRequestRef } from "./refs.js";

/**
 * One PR review (event COMMENT) carrying the findings on diff lines as inline comments, then a
 * comment on its file for each finding about code outside the diff; answers the review id (null
 * when there were only the latter) and each comment's id by fingerprint. Posted once however
 * GitHub answers (see post-once.ts): `viewer` is the account nectr posts as, whose reviews are
 * looked for by their marker.
 */
export async function postReview(
  octokit: GitHubClient,
  ref: PullRequestRef,
  review: Review,
  findings: readonly PlacedFinding[],
  viewer: string,
): Promise<{ reviewId: number | null; commentIds: Map<string, number> }> {
  const onLines = findings.filter((finding) => finding.subjectType !== "file");
  const posted =
    onLines.length > 0
      ? await postLineReview(octokit, ref, review, onLines, viewer)
      : { reviewId: null, commentIds: new Map<string, number>() };
  for (const finding of findings.filter((each) => each.subjectType === "file")) {
    const id = await postFileComment(octokit, ref, review.info.headSha, finding, viewer);
    if (id !== undefined) posted.commentIds.set(finding.fingerprint, id);
  }
  return posted;
}

async function postLineReview(
  octokit: GitHubClient,
  ref: PullRequestRef,
  review: Review,
  findings: readonly PlacedFinding[],
  viewer: string,
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
    request: NO_RETRIES,
  };
  const count = `${findings.length} new issue${findings.length === 1 ? "" : "s"}`;
  const marker = reviewMarker(
    review.info.headSha,
    findings.map((finding) => finding.fingerprint),
  );
  const create = (body: string, inline: typeof comments | undefined) =>
    postOnce(
      async () =>
        (await octokit.rest.pulls.createReview({ ...request, body: `${body}\n${marker}`, comments: inline })).data.id,
      () => postedReviewId(octokit, ref, viewer, marker),
    );
  try {
    const reviewId = await create(
      `nectr found ${count} on the changed lines; the summary comment has the whole review.`,
      comments,
    );
    const posted = await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
      owner: ref.owner,
      repo: ref.repo,
      pull_number: ref.number,
      review_id: reviewId,
      per_page: 100,
    });
    const ids = new Map<string, number>();
    posted.forEach((comment, index) => {
      const finding = findings.find((candidate) => comment.body.includes(candidate.fingerprint)) ?? findings[index];
      if (finding) ids.set(finding.fingerprint, comment.id);
    });
    return { reviewId, commentIds: ids };
  } catch (error) {
    // Every line was checked against the diff, so GitHub should not refuse one; if it does
    // (the PR moved on meanwhile), the findings still go out, listed in the review's body.
    if (!(error instanceof RequestError && error.status === 422)) throw error;
    const listed = findings.map(
      (finding) => `- \`${finding.path}:${finding.line}\` **${finding.severity}** ${finding.title}`,
    );
    const reviewId = await create(
      `nectr found ${count}. GitHub refused them as inline comments, so here they are:\n\n${listed.join("\n")}`,
      undefined,
    );
    return { reviewId, commentIds: new Map() };
  }
}

/** The review nectr posted with this marker, if GitHub applied it. */
async function postedReviewId(
  octokit: GitHubClient,
  ref: PullRequestRef,
  viewer: string,
  marker: string,
): Promise<number | undefined> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: ref.owner,
    repo: ref.repo,
    pull_number: ref.number,
    per_page: 100,
  });
  return reviews.find((candidate) => candidate.user?.login === viewer && candidate.body.includes(marker))?.id;
}
