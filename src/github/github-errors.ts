import { RequestError } from "@octokit/request-error";
import { AuthError, NectrError, RemoteError } from "../errors.js";

/**
 * Turns an octokit failure into a one-line nectr error. `what` names the attempted action
 * ("fetch PR #4 of o/r"); a caller that knows better (a 404 meaning "no such PR") checks
 * `isNotFound` first.
 */
export function githubError(error: unknown, what: string): NectrError {
  if (error instanceof NectrError) return error;
  if (!(error instanceof RequestError)) {
    return new RemoteError(`could not ${what}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const headers = error.response?.headers ?? {};
  if (error.status === 401) {
    return new AuthError(`GitHub rejected the token (401) while trying to ${what}`, {
      hint: "run nectr login, or check GH_TOKEN",
      cause: error,
    });
  }
  if ((error.status === 403 || error.status === 429) && headers["x-ratelimit-remaining"] === "0") {
    const reset = Number(headers["x-ratelimit-reset"]);
    const at = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString().slice(11, 16) : "later";
    return new RemoteError(`GitHub's API rate limit for this token is used up (resets at ${at} UTC)`, {
      hint: "wait for the reset or use another token",
      cause: error,
    });
  }
  if (error.status === 403) {
    return new AuthError(`GitHub refused to ${what} (403: ${messageOf(error)})`, {
      hint: "check the token's scopes with nectr auth status",
      cause: error,
    });
  }
  if (error.status >= 500 || !error.response) {
    const reason = error.response ? `answered ${error.status}` : `could not be reached (${error.message})`;
    return new RemoteError(`GitHub ${reason} while trying to ${what}, after retries`, {
      hint: error.response
        ? "try again later; NECTR_DEBUG=1 shows details"
        : "check the network and NECTR_GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3)",
      cause: error,
    });
  }
  return new RemoteError(`GitHub answered ${error.status} while trying to ${what}: ${messageOf(error)}`, {
    cause: error,
  });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof RequestError && error.status === 404;
}

function messageOf(error: RequestError): string {
  const data: unknown = error.response?.data;
  if (typeof data === "object" && data !== null && "message" in data && typeof data.message === "string") {
    return data.message;
  }
  return error.message;
}
