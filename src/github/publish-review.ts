import { isDismissalReply, planFollowUp, type KnownFinding, type ThreadComment } from "../review/follow-up.js";
import { RESOLVED_MARKER, SUMMARY_MARKER } from "../review/render/markers.js";
import type { PostedIds } from "../review/render/review-json.js";
import { summaryMarkdown } from "../review/render/summary-markdown.js";
import type { Review } from "../review/types.js";
import type { GitHubClient } from "./create-octokit.js";
import { githubError } from "./github-errors.js";
import { canWrite } from "./permissions.js";
import { NO_RETRIES, postOnce } from "./post-once.js";
import { postReview } from "./post-review.js";
import { listPullComments } from "./pull-comments.js";
import { formatPullRequestRef, type PullRequestRef } from "./refs.js";
import { fetchResolvedThreads } from "./resolved-threads.js";

/** Where a PR's findings ledger lives (nectr's store; nothing for a run without a database). */
export interface FindingsLedgerPort {
  load(): Promise<ReadonlyMap<string, KnownFinding>>;
  save(entries: readonly KnownFinding[], sha: string): Promise<void>;
}

export interface Published extends PostedIds {
  resolved: KnownFinding[];
  dismissed: KnownFinding[];
}

/**
 * Posts a review: one PR review with an inline comment for each finding not posted before and
 * not dismissed by the team (a 👎, a "won't fix" reply, or a thread resolved while the code
 * stayed), a "fixed" reply in the thread of each earlier finding whose code is gone, and one
 * summary comment that later runs edit in place. Only comments written by the
 * account nectr posts as count as nectr's, so nobody can hide a finding or hijack the summary by
 * pasting a marker.
 */
export async function publishReview(
  octokit: GitHubClient,
  ref: PullRequestRef,
  review: Review,
  ledger?: FindingsLedgerPort,
  poster: (octokit: GitHubClient) => Promise<string> = tokenLogin,
): Promise<Published> {
  const name = formatPullRequestRef(ref);
  const repo = { owner: ref.owner, repo: ref.repo };
  const fail = (what: string) => (error: unknown) => {
    throw githubError(error, `${what} on ${name}`);
  };
  const viewer = await poster(octokit).catch(fail("find who is posting"));
  const listed = await octokit
    .paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: ref.number, per_page: 100 })
    .catch(fail("list review comments"));
  const resolvedThreads = listed.length > 0 ? await fetchResolvedThreads(octokit, ref) : new Map<number, null>();
  const comments: ThreadComment[] = await Promise.all(
    listed.map(async (comment) => ({
      id: comment.id,
      author: comment.user?.login ?? "",
      body: comment.body,
      inReplyTo: comment.in_reply_to_id ?? null,
      thumbsDownBy:
        (comment.reactions?.["-1"] ?? 0) > 0 && comment.user?.login === viewer
          ? await thumbsDownBy(octokit, ref, comment.id).catch(fail("list the reactions to a finding"))
          : [],
      threadResolved: resolvedThreads.has(comment.id),
      resolvedBy: resolvedThreads.get(comment.id) ?? null,
    })),
  );
  const writers = await whoMayDismiss(octokit, ref, viewer, comments);
  const plan = planFollowUp(review, viewer, comments, (await ledger?.load()) ?? new Map(), (login) =>
    writers.has(login),
  );

  const posted =
    plan.fresh.length > 0
      ? await postReview(octokit, ref, review, plan.fresh, viewer).catch(fail("post the review"))
      : undefined;
  const sha = review.info.headSha.slice(0, 7);
  for (const entry of plan.resolve) {
    const commentId = entry.commentId;
    if (commentId === null) continue;
    await postOnce(
      () =>
        octokit.rest.pulls.createReplyForReviewComment({
          ...repo,
          pull_number: ref.number,
          comment_id: commentId,
          body: `Fixed in ${sha}: nectr no longer sees this.\n${RESOLVED_MARKER}`,
          request: NO_RETRIES,
        }),
      async () => {
        const replies = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
          ...repo,
          pull_number: ref.number,
          per_page: 100,
        });
        const reply = replies.find(
          (item) =>
            item.in_reply_to_id === commentId && item.user?.login === viewer && item.body.includes(RESOLVED_MARKER),
        );
        return reply ? { data: reply } : undefined;
      },
    ).catch(fail("reply to a fixed finding"));
  }

  const summary = await ownSummary(octokit, ref, viewer).catch(fail("list comments"));
  const resolved = [...plan.resolve, ...plan.closed];
  const shown = { ...review, findings: review.findings.filter((finding) => !plan.silenced.has(finding.fingerprint)) };
  const body = `${SUMMARY_MARKER}\n${summaryMarkdown(shown, { resolved, dismissed: plan.dismissed })}`;
  const written = summary
    ? await octokit.rest.issues
        .updateComment({ ...repo, comment_id: summary.id, body })
        .catch(fail("update the summary comment"))
    : await postOnce(
        () => octokit.rest.issues.createComment({ ...repo, issue_number: ref.number, body, request: NO_RETRIES }),
        async () => {
          const found = await ownSummary(octokit, ref, viewer);
          return found ? { data: found } : undefined;
        },
      ).catch(fail("post the summary comment"));

  await ledger?.save(
    [
      ...plan.fresh.map((finding) => ({
        ...finding,
        status: "open" as const,
        commentId: posted?.commentIds.get(finding.fingerprint) ?? null,
      })),
      ...resolved,
      ...plan.dismissed,
    ],
    review.info.headSha,
  );
  return {
    reviewId: posted?.reviewId ?? null,
    summaryCommentId: written.data.id,
    resolved,
    dismissed: plan.dismissed,
  };
}

async function thumbsDownBy(octokit: GitHubClient, ref: PullRequestRef, commentId: number): Promise<string[]> {
  const reactions = await octokit.paginate(octokit.rest.reactions.listForPullRequestReviewComment, {
    owner: ref.owner,
    repo: ref.repo,
    comment_id: commentId,
    content: "-1",
    per_page: 100,
  });
  return reactions.flatMap((reaction) => (reaction.user ? [reaction.user.login] : []));
}

/** Of everyone who 👎'd, answered "won't fix" or resolved a thread, those who may push: one check each. */
async function tokenLogin(octokit: GitHubClient): Promise<string> {
  return (await octokit.rest.users.getAuthenticated()).data.login;
}

async function whoMayDismiss(
  octokit: GitHubClient,
  ref: PullRequestRef,
  viewer: string,
  comments: readonly ThreadComment[],
): Promise<Set<string>> {
  const candidates = new Set(
    comments.flatMap((comment) => [
      ...comment.thumbsDownBy,
      ...(comment.resolvedBy ? [comment.resolvedBy] : []),
      ...(comment.inReplyTo !== null && comment.author !== viewer && isDismissalReply(comment.body)
        ? [comment.author]
        : []),
    ]),
  );
  const writers = new Set<string>();
  for (const login of candidates) if (await canWrite(octokit, ref, login)) writers.add(login);
  return writers;
}

/** nectr's summary comment on the PR: the one of `viewer`'s comments that starts with the marker. */
async function ownSummary(octokit: GitHubClient, ref: PullRequestRef, viewer: string) {
  const comments = await listPullComments(octokit, ref);
  return comments.find((comment) => comment.user?.login === viewer && comment.body?.startsWith(SUMMARY_MARKER));
}
