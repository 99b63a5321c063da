import type { NectrDatabase } from "./open-database.js";

export interface ReviewRecord {
  repo: string;
  prNumber: number;
  headSha: string;
  eventId: number | null;
  reviewId: number | null;
  summaryCommentId: number;
  verdict: string;
  model: string | null;
  promptTokens: number;
  completionTokens: number;
  /** What the review was based on besides the code (see review-basis.ts). */
  basis: string;
  createdAt: string;
}

/** What a posted review is recorded with: its ids, verdict and cost, and what it was based on. */
export interface PostedReview {
  repo: string;
  prNumber: number;
  headSha: string;
  eventId: number | null;
  posted: { reviewId: number | null; summaryCommentId: number };
  review: { verdict: string; llm: { model: string | null; promptTokens: number; completionTokens: number } };
  basis: string;
}

export function recordPostedReview(db: NectrDatabase, { posted, review, ...about }: PostedReview): void {
  recordReview(db, {
    ...about,
    reviewId: posted.reviewId,
    summaryCommentId: posted.summaryCommentId,
    verdict: review.verdict,
    model: review.llm.model,
    promptTokens: review.llm.promptTokens,
    completionTokens: review.llm.completionTokens,
    createdAt: new Date().toISOString(),
  });
}

export function recordReview(db: NectrDatabase, review: ReviewRecord): void {
  db.prepare(
    `INSERT INTO reviews (repo, pr_number, head_sha, event_id, review_id, summary_comment_id, verdict, model, prompt_tokens, completion_tokens, basis, created_at)
     VALUES (@repo, @prNumber, @headSha, @eventId, @reviewId, @summaryCommentId, @verdict, @model, @promptTokens, @completionTokens, @basis, @createdAt)`,
  ).run(review);
}

/** The bases of the reviews nectr posted at this head, newest first. */
export function reviewBasesAt(db: NectrDatabase, repo: string, prNumber: number, headSha: string): string[] {
  return db
    .prepare<[string, number, string], { basis: string | null }>(
      "SELECT basis FROM reviews WHERE repo = ? AND pr_number = ? AND head_sha = ? ORDER BY created_at DESC, id DESC",
    )
    .all(repo, prNumber, headSha)
    .flatMap((row) => (row.basis === null ? [] : [row.basis]));
}

/** The head nectr last posted a review at, for an incremental pass. */
export function lastReviewedHead(db: NectrDatabase, repo: string, prNumber: number): string | undefined {
  return db
    .prepare<[string, number], { head_sha: string }>(
      "SELECT head_sha FROM reviews WHERE repo = ? AND pr_number = ? ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .get(repo, prNumber)?.head_sha;
}
