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
  createdAt: string;
}

export function recordReview(db: NectrDatabase, review: ReviewRecord): void {
  db.prepare(
    `INSERT INTO reviews (repo, pr_number, head_sha, event_id, review_id, summary_comment_id, verdict, model, prompt_tokens, completion_tokens, created_at)
     VALUES (@repo, @prNumber, @headSha, @eventId, @reviewId, @summaryCommentId, @verdict, @model, @promptTokens, @completionTokens, @createdAt)`,
  ).run(review);
}
