import type { SimResponse } from "./http.js";

interface Bucket {
  limit: number;
  used: number;
  reset: number;
}

/** Primary rate limits per token and resource, with GitHub's `x-ratelimit-*` headers. */
export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();
  private readonly defaults = { core: 5000, graphql: 5000 };

  /** Sets what is left for a token (all tokens when left out), e.g. 0 to test exhaustion. */
  set(
    remaining: number,
    options: { token?: string; resource?: "core" | "graphql"; resetInSeconds?: number } = {},
  ): void {
    for (const resource of options.resource ? [options.resource] : (["core", "graphql"] as const)) {
      const key = `${options.token ?? "*"}:${resource}`;
      const limit = this.defaults[resource];
      this.buckets.set(key, { limit, used: limit - remaining, reset: nowSeconds() + (options.resetInSeconds ?? 3600) });
    }
  }

  bucket(token: string, resource: "core" | "graphql"): Bucket {
    const key = `${token}:${resource}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const shared = this.buckets.get(`*:${resource}`);
      bucket = shared ? { ...shared } : { limit: this.defaults[resource], used: 0, reset: nowSeconds() + 3600 };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  headers(bucket: Bucket, resource: string): Record<string, string> {
    return {
      "x-ratelimit-limit": String(bucket.limit),
      "x-ratelimit-remaining": String(Math.max(0, bucket.limit - bucket.used)),
      "x-ratelimit-used": String(bucket.used),
      "x-ratelimit-reset": String(bucket.reset),
      "x-ratelimit-resource": resource,
    };
  }

  exhaustedResponse(bucket: Bucket, userId: number): SimResponse | undefined {
    if (bucket.used < bucket.limit) return undefined;
    return {
      status: 403,
      body: {
        message: `API rate limit exceeded for user ID ${userId}.`,
        documentation_url:
          "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit",
      },
    };
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
