import { RequestError } from "@octokit/request-error";
import type { Octokit } from "@octokit/rest";
import { LruCache } from "./lru-cache.js";

type OctokitResponse = Awaited<ReturnType<Octokit["request"]>>;

/** Remembered GET answers by URL and media type, replayed when GitHub answers 304. */
export type EtagCache = LruCache<string, { etag: string; response: OctokitResponse }>;

export function createEtagCache(maxEntries = 500): EtagCache {
  return new LruCache(maxEntries);
}

/**
 * Conditional requests: a GET that was answered before is sent with `If-None-Match`; a 304
 * costs no rate limit and is answered from the cache
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 */
export function useConditionalRequests(octokit: Octokit, cache: EtagCache): void {
  octokit.hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const { url, headers } = octokit.request.endpoint(options);
    const key = `${url} ${headers.accept ?? ""}`;
    const cached = cache.get(key);
    if (cached) options.headers = { ...options.headers, "if-none-match": cached.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (etag) cache.set(key, { etag, response });
      return response;
    } catch (error) {
      if (cached && error instanceof RequestError && error.status === 304) return cached.response;
      throw error;
    }
  });
}
