// Review history for daemon-history.ts: posted reviews written into a stopped daemon's database
// through the store's own functions, each linked to one of the deliveries it stored, as a review
// job records them. Real reviews would take seconds each; the status page reads only the rows.
import { recentEvents } from "../src/store/events-table.js";
import { openDatabase } from "../src/store/open-database.js";
import { reviewBasis } from "../src/review/review-basis.js";
import { recordReview } from "../src/store/reviews-table.js";
import { version } from "../src/version.js";

const MODEL = "gpt-4o-mini";

/**
 * The database `file` holds `reviewed` reviews, of its newest deliveries: adds reviews of the
 * next ones, newest first, until it holds `total`.
 */
export function seedReviews(file: string, reviewed: number, total: number): void {
  const db = openDatabase(file);
  try {
    const deliveries = recentEvents(db, total).slice(reviewed);
    if (reviewed + deliveries.length < total) throw new Error(`only ${reviewed + deliveries.length} deliveries stored`);
    const basis = reviewBasis({ repoConfig: undefined, memories: [], model: MODEL, version });
    const createdAt = new Date().toISOString();
    db.transaction(() => {
      for (const delivery of deliveries)
        recordReview(db, {
          repo: delivery.repo ?? "octocat/bench",
          prNumber: delivery.prNumber ?? 1,
          headSha: delivery.headSha ?? "0".repeat(40),
          eventId: delivery.id,
          reviewId: delivery.id,
          summaryCommentId: delivery.id,
          verdict: "comment",
          model: MODEL,
          promptTokens: 5000,
          completionTokens: 300,
          basis,
          createdAt,
        });
    })();
  } finally {
    db.close();
  }
}
