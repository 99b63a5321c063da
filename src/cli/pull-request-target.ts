import { requireToken } from "../auth/resolve-token.js";
import type { Settings } from "../config/load-settings.js";
import { createOctokit, type GitHubClient } from "../github/create-octokit.js";
import { incrementalFocus } from "../github/incremental-focus.js";
import { publishReview } from "../github/publish-review.js";
import { actionsTokenLogin } from "../github/who-am-i.js";
import { pullRequestSource } from "../github/pull-request-source.js";
import type { PullRequestRef } from "../github/refs.js";
import type { ChangeOutline, ChangeSource } from "../review/ports.js";
import type { PostedIds } from "../review/render/review-json.js";
import type { ReviewFocus } from "../review/run-review.js";
import type { Review } from "../review/types.js";
import type { ContextSetup } from "./context-setup.js";
import type { CliDeps } from "./deps.js";

/**
 * What `nectr review OWNER/REPO#N` needs beyond a local review: the token, a GitHub client, the
 * PR as a change source, the incremental focus and the posting. Loaded only for a pull request,
 * so `nectr review --local` never loads octokit.
 */
export interface PullRequestTarget {
  ref: PullRequestRef;
  repo: string;
  octokit: GitHubClient;
  source: ChangeSource;
  /** GitHub requests made so far. */
  requests(): number;
  /** Only what changed since nectr's last review of the PR, unless `full`. */
  focus(full: boolean): ((change: ChangeOutline) => Promise<ReviewFocus | undefined>) | undefined;
  /** Posts the review, records it with what it was based on, and remembers what the team dismissed. */
  publish(review: Review, basis: string, setup: ContextSetup): Promise<PostedIds>;
}

/** With `token` given (GitHub Actions' GITHUB_TOKEN) no other token is looked for, and it may be the job's own. */
export async function openPullRequestTarget(
  deps: CliDeps,
  settings: Settings,
  ref: PullRequestRef,
  token?: string,
): Promise<PullRequestTarget> {
  const value = token ?? (await requireToken(settings, deps.tokenStore())).value;
  let requests = 0;
  const octokit = createOctokit({
    baseUrl: settings.githubApiUrl,
    token: value,
    onRequest: () => (requests += 1),
    log: (message) => {
      if (settings.debug) deps.io.stderr.write(`nectr: ${message}\n`);
    },
  });
  const repo = `${ref.owner}/${ref.repo}`;
  return {
    ref,
    repo,
    octokit,
    source: pullRequestSource(octokit, ref),
    requests: () => requests,
    focus(full) {
      if (full) return undefined;
      return async (change) => {
        const lastHead = await (await deps.database()).store.reviews.lastReviewedHead(repo, ref.number);
        return lastHead ? incrementalFocus(octokit, ref, lastHead)(change) : undefined;
      };
    },
    async publish(review, basis, setup) {
      const { store } = await deps.database();
      const ledger = store.reviews.findings(repo, ref.number);
      const published = await publishReview(octokit, ref, review, ledger, token ? actionsTokenLogin : undefined);
      await store.reviews.record({
        repo,
        prNumber: ref.number,
        headSha: review.info.headSha,
        eventId: null,
        posted: published,
        review,
        basis,
      });
      await setup.rememberDismissals(published.dismissed, repo, ref.number);
      return { reviewId: published.reviewId, summaryCommentId: published.summaryCommentId };
    },
  };
}
