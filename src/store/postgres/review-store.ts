import type { ReviewStore } from "../nectr-store.js";
import { reviewSummaryFromRow, type ReviewSummaryRow } from "../status-queries.js";
import type { PostgresDatabase } from "./open-postgres.js";
import { postgresFindingsLedger } from "./findings-ledger.js";

export function postgresReviewStore(db: PostgresDatabase): ReviewStore {
  return {
    async record({ posted, review, ...about }) {
      await db.query(
        `INSERT INTO reviews (repo, pr_number, head_sha, event_id, review_id, summary_comment_id, verdict, model, prompt_tokens, completion_tokens, basis, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          about.repo,
          about.prNumber,
          about.headSha,
          about.eventId,
          posted.reviewId,
          posted.summaryCommentId,
          review.verdict,
          review.llm.model,
          review.llm.promptTokens,
          review.llm.completionTokens,
          about.basis,
          new Date().toISOString(),
        ],
      );
    },
    async lastReviewedHead(repo, prNumber) {
      const [row] = await db.query<{ head_sha: string }>(
        "SELECT head_sha FROM reviews WHERE repo = $1 AND pr_number = $2 ORDER BY created_at DESC, id DESC LIMIT 1",
        [repo, prNumber],
      );
      return row?.head_sha;
    },
    async basesAt(repo, prNumber, headSha) {
      const rows = await db.query<{ basis: string | null }>(
        "SELECT basis FROM reviews WHERE repo = $1 AND pr_number = $2 AND head_sha = $3 ORDER BY created_at DESC, id DESC",
        [repo, prNumber, headSha],
      );
      return rows.flatMap((row) => (row.basis === null ? [] : [row.basis]));
    },
    async recent(limit) {
      const rows = await db.query<ReviewSummaryRow>(
        // The payload is parsed for the rows shown only, never for every review.
        `SELECT newest.repo, newest.pr_number, newest.head_sha, newest.verdict, newest.prompt_tokens,
           newest.completion_tokens, newest.created_at,
           COALESCE(events.payload::jsonb #>> '{pull_request,title}', events.payload::jsonb #>> '{issue,title}') AS title
         FROM (SELECT * FROM reviews ORDER BY created_at DESC, id DESC LIMIT $1) AS newest
         LEFT JOIN events ON events.id = newest.event_id
         ORDER BY newest.created_at DESC, newest.id DESC`,
        [limit],
      );
      return rows.map(reviewSummaryFromRow);
    },
    async tokensPerDay(sinceDay) {
      const rows = await db.query<{ day: string; prompt_tokens: number; completion_tokens: number }>(
        `SELECT substr(created_at, 1, 10) AS day, SUM(prompt_tokens) AS prompt_tokens,
           SUM(completion_tokens) AS completion_tokens
         FROM reviews WHERE created_at >= $1 GROUP BY day ORDER BY day`,
        [sinceDay],
      );
      return rows.map((row) => ({
        day: row.day,
        promptTokens: row.prompt_tokens,
        completionTokens: row.completion_tokens,
      }));
    },
    findings: (repo, prNumber) => postgresFindingsLedger(db, repo, prNumber),
  };
}
