// One review of a PR, gathered then posted, with the GitHub requests and the time of each step.
// It loads nothing of the simulator, so a process doing only this measures the review alone.
import { performance } from "node:perf_hooks";
import { createContextGatherer } from "../src/context/gather-context.js";
import { createOctokit } from "../src/github/create-octokit.js";
import { publishReview } from "../src/github/publish-review.js";
import { pullRequestSource } from "../src/github/pull-request-source.js";
import type { PullRequestRef } from "../src/github/refs.js";
import type { LlmPort } from "../src/review/ports.js";
import { runReview } from "../src/review/run-review.js";
import type { Review } from "../src/review/types.js";

/** octocat's token in the simulator (see pull-of-size.ts). */
export const BENCH_TOKEN = "gho_bench";
/** nectr's defaults for gpt-4o-mini (reviewLimits in src/cli/review-setup.ts), with a fixed boundary. */
const LIMITS = { tokensPerCall: 48_000, maxCalls: 8, maxOutputTokens: 4096, boundary: "bench" };

export interface ReviewRun {
  review: Review;
  /** Fetching the PR, its files and context, and the checks (and LLM calls, with an LLM). */
  gather: { requests: number; ms: number };
  /** Finding nectr's earlier comments, writing the review and the summary. */
  posting: { requests: number; ms: number };
}

/**
 * Reviews the PR and posts the review, with a GitHub client of its own (as each daemon job has),
 * counting requests as the client sends them, retries included. With an LLM, learnings are asked
 * for too, as the daemon does.
 */
export async function reviewAndPost(
  apiUrl: string,
  ref: PullRequestRef,
  llm?: { port: LlmPort; countTokens: (text: string) => number },
): Promise<ReviewRun> {
  let requests = 0;
  const octokit = createOctokit({ baseUrl: apiUrl, token: BENCH_TOKEN, onRequest: () => (requests += 1) });
  const started = performance.now();
  const source = pullRequestSource(octokit, ref);
  const context = createContextGatherer({
    source,
    repo: `${ref.owner}/${ref.repo}`,
    graph: undefined,
    memory: undefined,
    octokit,
    warn: console.warn,
  });
  const review = await runReview(
    { source, llm: llm?.port, countTokens: llm?.countTokens ?? (() => 0), context, learn: llm !== undefined },
    LIMITS,
  );
  const gather = { requests, ms: performance.now() - started };
  await publishReview(octokit, ref, review);
  const posting = { requests: requests - gather.requests, ms: performance.now() - started - gather.ms };
  return { review, gather, posting };
}
