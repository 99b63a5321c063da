import { RequestError } from "@octokit/request-error";
import type { GitHubClient } from "./create-octokit.js";
import { githubError } from "./github-errors.js";

export interface TokenIdentity {
  login: string;
  /** From X-OAuth-Scopes; null when GitHub does not report scopes (fine-grained and app tokens). */
  scopes: string[] | null;
  rateLimit: { limit: number; remaining: number; resetAt: string } | null;
}

/** Whose token this is, what it may do, and how much rate limit it has left: one `GET /user`. */
export async function whoAmI(octokit: GitHubClient): Promise<TokenIdentity> {
  const answer = await octokit.rest.users.getAuthenticated().catch((error: unknown) => {
    throw githubError(error, "check the token");
  });
  const header = answer.headers["x-oauth-scopes"];
  const limit = Number(answer.headers["x-ratelimit-limit"]);
  const remaining = Number(answer.headers["x-ratelimit-remaining"]);
  const reset = Number(answer.headers["x-ratelimit-reset"]);
  return {
    login: answer.data.login,
    scopes:
      typeof header === "string"
        ? header
            .split(",")
            .map((scope) => scope.trim())
            .filter(Boolean)
        : null,
    rateLimit:
      Number.isFinite(limit) && Number.isFinite(remaining)
        ? { limit, remaining, resetAt: new Date(reset * 1000).toISOString() }
        : null,
  };
}

/** Scopes nectr needs: `repo` to read PRs and post reviews, `admin:repo_hook` to connect repos. */
export const REQUIRED_SCOPES = ["repo", "admin:repo_hook"];

export function missingScopes(scopes: readonly string[]): string[] {
  return REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope));
}

/** The account GitHub Actions' job token (GITHUB_TOKEN) writes as. */
export const ACTIONS_BOT = "github-actions[bot]";

/**
 * Who a token in GitHub Actions posts as. A personal token may ask (GET /user); the job's own
 * token may not (403 "Resource not accessible by integration"), and posts as github-actions[bot].
 */
export async function actionsTokenLogin(octokit: GitHubClient): Promise<string> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    if (error instanceof RequestError && error.status === 403 && /not accessible by integration/i.test(error.message))
      return ACTIONS_BOT;
    throw error;
  }
}
