import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { version } from "../version.js";
import { useConditionalRequests, type EtagCache } from "./conditional-requests.js";

const NectrOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof NectrOctokit>;

/** Waits longer than this (primary or secondary rate limit) fail instead of hanging the run. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export interface GitHubClientOptions {
  /** REST base URL: https://api.github.com, or https://HOST/api/v3 for Enterprise Server. */
  baseUrl: string;
  token: string;
  etagCache?: EtagCache;
  /** Milliseconds per second of a retry wait; tests make waits short. */
  retryUnitMs?: number;
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
    request: { fetch: countingFetch(options.onRequest) },
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

/** Counts at the transport, so retries and GraphQL calls are counted as GitHub sees them. */
function countingFetch(onRequest: (() => void) | undefined): typeof fetch {
  return (input, init) => {
    onRequest?.();
    return fetch(input, init);
  };
}
