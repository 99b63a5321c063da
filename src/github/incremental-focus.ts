import type { ChangeOutline } from "../review/ports.js";
import type { ReviewFocus } from "../review/run-review.js";
import type { GitHubClient } from "./create-octokit.js";
import { isNotFound } from "./github-errors.js";
import type { PullRequestRef } from "./refs.js";

/** The compare API lists at most 300 files; a longer list cannot be trusted to be complete. */
const COMPARE_FILES_CAP = 300;

/**
 * An incremental pass: the files changed between the last reviewed head and the new one (one
 * compare request). Undefined — a full review — when there is no earlier review, when the last
 * head is not an ancestor of the new one (a force push), or when the compare is too big to trust.
 */
export function incrementalFocus(octokit: GitHubClient, ref: PullRequestRef, lastHead: string | undefined) {
  return async (change: ChangeOutline): Promise<ReviewFocus | undefined> => {
    if (!lastHead || lastHead === change.info.headSha) return undefined;
    try {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner: ref.owner,
        repo: ref.repo,
        basehead: `${lastHead}...${change.info.headSha}`,
      });
      const files = data.files ?? [];
      if (data.status !== "ahead" || files.length >= COMPARE_FILES_CAP) return undefined;
      const paths = files.flatMap((file) => [
        file.filename,
        ...(file.previous_filename ? [file.previous_filename] : []),
      ]);
      return { paths, fromSha: lastHead, commits: data.total_commits };
    } catch (error) {
      // The old head can be gone after a force push; then the whole PR is reviewed again.
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };
}
