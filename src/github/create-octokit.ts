import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { version } from "../version.js";
import { useConditionalRequests, type EtagCache } from "./conditional-requests.js";

const NectrOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof NectrOctokit>;

const DEFAULT_TIMEOUT_MS = 30_000;

/** Waits longer than this (primary or secondary rate limit) fail instead of hanging the run. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export interface GitHubClientOptions {
  /** REST base URL: https://api.github.com, or https://HOST/api/v3 for Enterprise Server. */
  baseUrl: string;
  token: string;
  etagCache?: EtagCache;
  /** Milliseconds per second of a retry wait; tests make waits short. */
  retryUnitMs?: number;
  /** Longest wait for one answer from GitHub. */
  timeoutMs?: number;
  /** Called once per request sent (retries included), for `stats.githubRequests`. */
  onRequest?: () => void;
  log?: (message: string) => void;
}

/**
 * The one way nectr talks to GitHub's REST and GraphQL APIs: throttled as GitHub recommends,
 * retried on 5xx and on secondary rate limits (honouring `Retry-After`), waiting out a spent
 * primary limit only when it resets within a minute, with conditional requests when a cache
 * is given.
 */
export function createOctokit(options: GitHubClientOptions): GitHubClient {
  const log = options.log ?? (() => {});
  const unit = options.retryUnitMs ?? 1000;
  const octokit = new NectrOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: `nectr/${version}`,
    request: { fetch: guardedFetch(options.onRequest, options.timeoutMs ?? DEFAULT_TIMEOUT_MS) },
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    retry: { retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log(`GitHub rate limit used up for ${request.method} ${request.url}; resets in ${retryAfter}s`);
        return retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log(`GitHub secondary rate limit on ${request.method} ${request.url}; retry after ${retryAfter}s`);
        return retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
      },
    },
  });
  if (options.etagCache) useConditionalRequests(octokit, options.etagCache);
  return octokit;
}

/**
 * The transport: counts every request as GitHub sees it (retries and GraphQL included), and gives
 * up on one that takes too long — octokit has no timeout of its own, and a hung answer would
 * hold a review forever. A timed-out request is retried like a 5xx.
 */
function guardedFetch(onRequest: (() => void) | undefined, timeoutMs: number): typeof fetch {
  return (input, init) => {
    onRequest?.();
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}
