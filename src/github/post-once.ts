import { RequestError } from "@octokit/request-error";

// A write that GitHub may have applied although its answer said otherwise — a 502 after the
// review was created, a connection lost on the way back — must not simply be sent again: that is
// how a reviewer posts everything twice. So nectr's creating writes go out with octokit's own
// retries off; when one fails that way, nectr first reads back whether it was applied (by the
// marker it carries), and sends it again only when it was not.

/** octokit's per-request option that turns its retry plugin off, for writes that are not idempotent. */
export const NO_RETRIES = { retries: 0 } as const;

const ATTEMPTS = 3;

export async function postOnce<T>(post: () => Promise<T>, findPosted: () => Promise<T | undefined>): Promise<T> {
  let failure: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    try {
      return await post();
    } catch (error) {
      if (!mayHaveApplied(error)) throw error;
      failure = error;
      const posted = await findPosted();
      if (posted !== undefined) return posted;
    }
  }
  throw failure;
}

/** A 5xx, or no answer at all (octokit reports a network failure or a timeout as a 500). */
function mayHaveApplied(error: unknown): boolean {
  return !(error instanceof RequestError) || error.status >= 500;
}
