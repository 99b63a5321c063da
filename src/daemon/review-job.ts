import { openSecret } from "../auth/seal.js";
import { AuthError, RemoteError, UsageError } from "../errors.js";
import { createOctokit, type GitHubClient } from "../github/create-octokit.js";
import { githubError, isNotFound } from "../github/github-errors.js";
import { publishReview } from "../github/publish-review.js";
import { pullRequestSource } from "../github/pull-request-source.js";
import type { PullRequestRef } from "../github/refs.js";
import type { ChangeOutline, ChangeSource, LlmPort } from "../review/ports.js";
import type { ReviewContext } from "../review/review-context.js";
import type { Review } from "../review/types.js";
import type { ReviewLimits } from "../review/run-review.js";
import type { SecretMask } from "../review/secret-masks.js";
import { runInReviewThread } from "../review-thread/run-in-review-thread.js";
import type { EventRecord } from "../store/events-table.js";
import type { NectrStore } from "../store/nectr-store.js";
import { incrementalFocus } from "../github/incremental-focus.js";
import type { SpendBudget } from "../llm/spend-budget.js";
import { repoBudget } from "./repo-budget.js";
import { RetryableJobError, type JobOutcome } from "./worker-pool.js";

export interface ReviewJobContext {
  store: NectrStore;
  secretKey: Buffer;
  githubApiUrl: string;
  /** The CLI's token, for repos connected without one stored. */
  fallbackToken: () => Promise<string | undefined>;
  /** With a GitHub App: a delivery that names its installation is reviewed with that installation's token, as its bot. */
  app?: { bot: string; token: (installationId: number) => Promise<string> };
  llm: LlmPort | undefined;
  /** LLM tokens one repository may spend per UTC day (NECTR_LLM_DAILY_TOKENS). */
  llmDailyTokens: number;
  /** `@nectr ask` and `@nectr review` one person may give in one repository per UTC day. */
  commandsPerAuthorPerDay: number;
  limits: () => ReviewLimits;
  /** CPU time one review's analysis may take, in its own thread. */
  analysisTimeBoxMs: number;
  /** Context before the review, learning after it (built from the settings in cli/context-setup.ts). */
  context: {
    gatherer(
      source: ChangeSource,
      repo: string,
      octokit: GitHubClient,
      budget: SpendBudget,
    ): (change: ChangeOutline, masks: readonly SecretMask[]) => Promise<ReviewContext>;
    learnFrom(review: Review, repo: string): Promise<void>;
    rememberDismissals(
      dismissed: readonly { path: string; title: string; rule: string }[],
      repo: string,
      prNumber: number,
    ): Promise<void>;
    basisOf(repo: string, source: ChangeSource): Promise<string>;
  };
  onRateLimit: (remaining: number) => void;
  /** The daemon's log, for what the operator must see and a PR's readers must not (an LLM endpoint's URL). */
  warn: (fields: Record<string, unknown>, message: string) => void;
  retryUnitMs?: number;
  githubTimeoutMs?: number;
}

/**
 * One queued delivery's review: posted as the user who connected the repo, and never at a
 * stale head — the PR's head is checked before the review and again before posting. Its LLM
 * calls are charged to the repository's budget of the day; once that is spent, or when
 * `llmWithheld` says why not, the review is the built-in checks alone and says so.
 */
export function createReviewJobRunner(context: ReviewJobContext) {
  return async (job: EventRecord & { payload?: string }, llmWithheld?: string): Promise<JobOutcome> => {
    const [owner, repo] = (job.repo ?? "").split("/");
    if (!owner || !repo || job.prNumber === null || !job.headSha)
      throw new UsageError(`job ${job.id} names no pull request`);
    const ref: PullRequestRef = { owner, repo, number: job.prNumber };
    try {
      const { octokit, bot } = await jobClient(context, `${owner}/${repo}`, job.installationId);
      octokit.hook.after("request", (response) => {
        const remaining = Number(response.headers["x-ratelimit-remaining"]);
        if (Number.isFinite(remaining)) context.onRateLimit(remaining);
      });
      const before = await currentHead(octokit, ref);
      if (before.state !== "open") return "skipped";
      if (before.head !== job.headSha) return "superseded";
      const source = pullRequestSource(octokit, ref);
      const budget = await repoBudget(context.store, `${owner}/${repo}`, context.llmDailyTokens, source);
      const gather = context.context.gatherer(source, `${owner}/${repo}`, octokit, budget);
      // A push gets an incremental pass over what changed since the last review; the rest a full one.
      const lastHead =
        job.action === "synchronize"
          ? await context.store.reviews.lastReviewedHead(`${owner}/${repo}`, ref.number)
          : undefined;
      const focus = lastHead ? incrementalFocus(octokit, ref, lastHead) : undefined;
      const basis = await context.context.basisOf(`${owner}/${repo}`, source);
      const review = await runInReviewThread(
        {
          name: "review",
          limits: context.limits(),
          llmWithheld: llmWithheld ?? (await budget.spentReason()),
          learn: true,
        },
        { source, llm: context.llm && budget.llm(context.llm), context: gather, focus },
        { timeBoxMs: context.analysisTimeBoxMs },
      );
      if (review.llm.status === "failed" || review.llm.status === "partial")
        for (const detail of review.llm.problemDetails) context.warn({ job: job.id, repo: `${owner}/${repo}` }, detail);
      if (review.info.headSha !== job.headSha || (await currentHead(octokit, ref)).head !== job.headSha)
        return "superseded";
      const posted = await publishReview(
        octokit,
        ref,
        review,
        context.store.reviews.findings(`${owner}/${repo}`, ref.number),
        bot ? async () => bot : undefined,
      );
      await context.context.rememberDismissals(posted.dismissed, `${owner}/${repo}`, ref.number);
      await context.store.reviews.record({
        repo: `${owner}/${repo}`,
        prNumber: ref.number,
        headSha: job.headSha,
        eventId: job.id,
        posted,
        review,
        basis,
      });
      await context.context.learnFrom(review, `${owner}/${repo}`);
      return "done";
    } catch (error) {
      if (error instanceof RemoteError) throw new RetryableJobError(error.message);
      throw error;
    }
  };
}

/**
 * The GitHub client a job works with: for a delivery of the app's webhook, its installation's
 * token, posting as the app's bot; otherwise the token the repo was connected with.
 */
export async function jobClient(
  context: ReviewJobContext,
  fullName: string,
  installationId: number | null,
): Promise<{ octokit: GitHubClient; bot: string | undefined }> {
  const octokit = createOctokit({
    baseUrl: context.githubApiUrl,
    token:
      context.app && installationId !== null
        ? await context.app.token(installationId)
        : await tokenFor(context, fullName),
    retryUnitMs: context.retryUnitMs,
    timeoutMs: context.githubTimeoutMs,
  });
  return { octokit, bot: installationId !== null ? context.app?.bot : undefined };
}

async function tokenFor(context: ReviewJobContext, fullName: string): Promise<string> {
  const stored = (await context.store.repos.find(fullName))?.sealedToken;
  const token = stored ? openSecret(stored, context.secretKey) : await context.fallbackToken();
  if (!token)
    throw new AuthError(`no token to review ${fullName} with`, {
      hint: `run nectr connect ${fullName} (or nectr login on the daemon's machine)`,
    });
  return token;
}

async function currentHead(octokit: GitHubClient, ref: PullRequestRef): Promise<{ head: string; state: string }> {
  const pull = await octokit.rest.pulls
    .get({ owner: ref.owner, repo: ref.repo, pull_number: ref.number })
    .catch((error: unknown) => {
      // No such PR (or not one this token can see) stays so: failed at once, not retried.
      if (isNotFound(error))
        throw new UsageError(`no PR #${ref.number} in ${ref.owner}/${ref.repo} (GitHub answers 404)`, {
          hint: "the delivery names a PR this token cannot see; reconnect the repository if it moved",
        });
      throw githubError(error, `check PR #${ref.number} of ${ref.owner}/${ref.repo}`);
    });
  return { head: pull.data.head.sha, state: pull.data.state };
}
