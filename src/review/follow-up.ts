import { fingerprintIn, RESOLVED_MARKER } from "./render/markers.js";
import type { PlacedFinding, Review } from "./types.js";

// What a later review of the same PR does about what nectr said before: post only what is new,
// say so when a finding's code is gone, and never raise again what the team dismissed.

export interface ThreadComment {
  id: number;
  author: string;
  body: string;
  inReplyTo: number | null;
  /** Who gave the comment a 👎. */
  thumbsDownBy: string[];
  /** Whether someone marked the thread this comment starts as resolved. */
  threadResolved: boolean;
  /** Who resolved it, when GitHub says. */
  resolvedBy: string | null;
}

export interface KnownFinding {
  fingerprint: string;
  path: string;
  line: number;
  rule: string;
  title: string;
  code: string;
  status: "open" | "resolved" | "dismissed";
  commentId: number | null;
}

export interface FollowUpPlan {
  /** Findings to post inline now: not posted before, not dismissed. */
  fresh: PlacedFinding[];
  /** nectr's comments whose code is gone from the PR: answer "fixed" in their thread. */
  resolve: KnownFinding[];
  /** Findings whose thread the team resolved after changing the code: resolved, nothing to say. */
  closed: KnownFinding[];
  /**
   * Findings the team dismissed since the last review: a 👎, a reply like "won't fix", or a
   * thread resolved while nectr still raises the finding — each only from someone who may push.
   */
  dismissed: KnownFinding[];
  /** Fingerprints never to raise on this PR again. */
  silenced: ReadonlySet<string>;
}

/** Replies that dismiss a finding, in the words teams use. */
const DISMISSAL = /\b(won'?t fix|wontfix|false positive|not an issue|not a bug|by design|intended)\b/i;

/** Whether a reply, by its words, dismisses the finding it answers. */
export function isDismissalReply(body: string): boolean {
  return DISMISSAL.test(body);
}

/**
 * `mayDismiss` says who may silence a finding: anyone can react or reply on a public PR, so only
 * people with write access count (a stranger must not hide a finding on their own PR, nor teach
 * the repository's memory).
 */
export function planFollowUp(
  review: Review,
  viewer: string,
  comments: readonly ThreadComment[],
  ledger: ReadonlyMap<string, KnownFinding>,
  mayDismiss: (login: string) => boolean,
): FollowUpPlan {
  const replies = new Map<number, ThreadComment[]>();
  for (const comment of comments) {
    if (comment.inReplyTo !== null)
      replies.set(comment.inReplyTo, [...(replies.get(comment.inReplyTo) ?? []), comment]);
  }
  const known = new Map(ledger);
  for (const comment of comments) {
    const fingerprint =
      comment.author === viewer && comment.inReplyTo === null ? fingerprintIn(comment.body) : undefined;
    if (fingerprint && !known.has(fingerprint)) {
      known.set(fingerprint, {
        fingerprint,
        path: "",
        line: 0,
        rule: "",
        title: "",
        code: "",
        status: "open",
        commentId: comment.id,
      });
    }
  }
  const byComment = new Map(comments.map((comment) => [comment.id, comment]));
  const current = new Set(review.findings.map((finding) => finding.fingerprint));
  const dismissed: KnownFinding[] = [];
  const resolve: KnownFinding[] = [];
  const closed: KnownFinding[] = [];
  for (const entry of known.values()) {
    if (entry.status !== "open" || entry.commentId === null) continue;
    const thread = replies.get(entry.commentId) ?? [];
    const first = byComment.get(entry.commentId);
    const answered = thread.some(
      (reply) => reply.author !== viewer && isDismissalReply(reply.body) && mayDismiss(reply.author),
    );
    const thumbsDown = (first?.thumbsDownBy ?? []).some(mayDismiss);
    const stillRaised = current.has(entry.fingerprint);
    const resolvedByWriter =
      first?.threadResolved === true && first.resolvedBy !== null && mayDismiss(first.resolvedBy);
    if (answered || thumbsDown || (resolvedByWriter && stillRaised)) {
      dismissed.push({ ...entry, status: "dismissed" });
      continue;
    }
    if (first?.threadResolved === true && !stillRaised) {
      closed.push({ ...entry, status: "resolved" });
      continue;
    }
    const alreadySaid = thread.some((reply) => reply.author === viewer && reply.body.includes(RESOLVED_MARKER));
    const codeGone =
      entry.code !== "" && !(review.diffLines.get(entry.path)?.has(entry.code.split("\n")[0] ?? "") ?? false);
    if (!alreadySaid && !stillRaised && codeGone) resolve.push({ ...entry, status: "resolved" });
  }
  const silenced = new Set(
    [...known.values()]
      .filter((entry) => entry.status === "dismissed")
      .map((entry) => entry.fingerprint)
      .concat(dismissed.map((entry) => entry.fingerprint)),
  );
  const posted = new Set(
    [...known.values()].filter((entry) => entry.commentId !== null).map((entry) => entry.fingerprint),
  );
  const fresh = review.inline.filter(
    (finding) => !posted.has(finding.fingerprint) && !silenced.has(finding.fingerprint),
  );
  return { fresh, resolve, closed, dismissed, silenced };
}
