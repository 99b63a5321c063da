import type { NectrDatabase } from "./open-database.js";

/** A posted review as the status page lists it. */
export interface ReviewSummary {
  repo: string;
  prNumber: number;
  /** From the delivery that asked for the review; null when that delivery is gone or had none. */
  title: string | null;
  headSha: string;
  verdict: string;
  promptTokens: number;
  completionTokens: number;
  createdAt: string;
}

export interface DailyTokens {
  /** YYYY-MM-DD, UTC. */
  day: string;
  promptTokens: number;
  completionTokens: number;
}

export interface ReviewSummaryRow {
  repo: string;
  pr_number: number;
  title: string | null;
  head_sha: string;
  verdict: string;
  prompt_tokens: number;
  completion_tokens: number;
  created_at: string;
}

/** Newest reviews first; the title comes from the stored delivery (a pull_request or an issue_comment). */
export function recentReviews(db: NectrDatabase, limit: number): ReviewSummary[] {
  return db
    .prepare<[number], ReviewSummaryRow>(
      // The newest reviews first, then their deliveries' titles: json_extract reads a whole payload,
      // so it runs for the rows shown, never for every review.
      `SELECT newest.repo, newest.pr_number, newest.head_sha, newest.verdict, newest.prompt_tokens,
         newest.completion_tokens, newest.created_at,
         COALESCE(json_extract(events.payload, '$.pull_request.title'), json_extract(events.payload, '$.issue.title')) AS title
       FROM (SELECT * FROM reviews ORDER BY created_at DESC, id DESC LIMIT ?) AS newest
       LEFT JOIN events ON events.id = newest.event_id
       ORDER BY newest.created_at DESC, newest.id DESC`,
    )
    .all(limit)
    .map(reviewSummaryFromRow);
}

/** Tokens the reviews used, per UTC day from `sinceDay` on; days without reviews are absent. */
export function tokensPerDay(db: NectrDatabase, sinceDay: string): DailyTokens[] {
  return db
    .prepare<[string], { day: string; prompt_tokens: number; completion_tokens: number }>(
      `SELECT substr(created_at, 1, 10) AS day, SUM(prompt_tokens) AS prompt_tokens,
         SUM(completion_tokens) AS completion_tokens
       FROM reviews WHERE created_at >= ? GROUP BY day ORDER BY day`,
    )
    .all(sinceDay)
    .map((row) => ({ day: row.day, promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens }));
}

export function reviewSummaryFromRow(row: ReviewSummaryRow): ReviewSummary {
  return {
    repo: row.repo,
    prNumber: row.pr_number,
    title: typeof row.title === "string" ? row.title : null,
    headSha: row.head_sha,
    verdict: row.verdict,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    createdAt: row.created_at,
  };
}
