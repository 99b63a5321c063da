import { createHash } from "node:crypto";

// Hidden HTML markers nectr puts in what it posts, to find its own comments again. They are
// only trusted on comments written by the account nectr posts as.

export const SUMMARY_MARKER = "<!-- nectr:summary -->";

/** On nectr's reply saying a finding's code is gone. */
export const RESOLVED_MARKER = "<!-- nectr:resolved -->";

/** On nectr's answers to `@nectr ask`, so nectr never answers itself. */
export const REPLY_MARKER = "<!-- nectr:reply -->";

/** On a PR review nectr posted, by the head it reviewed and the findings it carried. */
export function reviewMarker(headSha: string, fingerprints: readonly string[]): string {
  const findings = createHash("sha256")
    .update([...fingerprints].sort().join(","))
    .digest("hex")
    .slice(0, 16);
  return `<!-- nectr:review:${headSha}:${findings} -->`;
}

/** On nectr's answer to one `@nectr` command, by the id of the comment that gave it. */
export function answerMarker(commandCommentId: number): string {
  return `<!-- nectr:answer:${commandCommentId} -->`;
}

export function findingMarker(fingerprint: string): string {
  return `<!-- nectr:finding:${fingerprint} -->`;
}

export function fingerprintIn(body: string): string | undefined {
  return /<!-- nectr:finding:([0-9a-f]{16}) -->/.exec(body)?.[1];
}
