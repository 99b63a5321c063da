import { RequestError } from "@octokit/request-error";
import { findingMarker } from "../review/render/markers.js";
import { inlineCommentBody } from "../review/render/inline-comment.js";
import type { PlacedFinding } from "../review/types.js";
import type { GitHubClient } from "./create-octokit.js";
import { NO_RETRIES, postOnce } from "./post-once.js";
import type { PullRequestRef } from "./refs.js";

/**
 * A finding about code outside the diff, as a comment on its whole file (`subject_type: "file"`,
 * which a PR review's own comments cannot be): GitHub takes one on any file of the PR, so none is
 * refused for its line. Posted once however GitHub answers; its id, or undefined if GitHub still
 * refuses it (the summary lists the finding either way).
 */
export async function postFileComment(
  octokit: GitHubClient,
  ref: PullRequestRef,
  headSha: string,
  finding: PlacedFinding,
  viewer: string,
): Promise<number | undefined> {
  const repo = { owner: ref.owner, repo: ref.repo, pull_number: ref.number };
  try {
    return await postOnce(
      async () =>
        (
          await octokit.rest.pulls.createReviewComment({
            ...repo,
            commit_id: headSha,
            path: finding.path,
            subject_type: "file",
            body: inlineCommentBody(finding, finding.fingerprint),
            request: NO_RETRIES,
          })
        ).data.id,
      async () => {
        const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, per_page: 100 });
        return comments.find(
          (comment) =>
            comment.user?.login === viewer &&
            comment.in_reply_to_id === undefined &&
            comment.body.includes(findingMarker(finding.fingerprint)),
        )?.id;
      },
    );
  } catch (error) {
    if (error instanceof RequestError && error.status === 422) return undefined;
    throw error;
  }
}
