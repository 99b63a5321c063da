import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordDelivery } from "../../../src/store/events-table.js";
import { openDatabase } from "../../../src/store/open-database.js";
import { recordReview } from "../../../src/store/reviews-table.js";
import { recentReviews } from "../../../src/store/status-queries.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

const REVIEWS = 300;

function databaseWithReviews() {
  const db = openDatabase(path.join(tempDir(), "nectr.db"));
  for (let index = 0; index < REVIEWS; index += 1) {
    const at = new Date(Date.UTC(2026, 11, 1) + index * 60_000).toISOString();
    const stored = recordDelivery(db, {
      deliveryId: `d${index}`,
      event: "pull_request",
      action: "closed",
      repo: "o/r",
      prNumber: index + 1,
      headSha: "a".repeat(40),
      replayKey: null,
      status: "recorded",
      payload: JSON.stringify({ pull_request: { title: `PR ${index + 1}` } }),
      receivedAt: at,
    });
    recordReview(db, {
      repo: "o/r",
      prNumber: index + 1,
      headSha: "a".repeat(40),
      eventId: stored.id ?? null,
      reviewId: index,
      summaryCommentId: index,
      verdict: "comment",
      model: null,
      promptTokens: 0,
      completionTokens: 0,
      basis: "",
      createdAt: at,
    });
  }
  return db;
}

describe("the status page's queries", () => {
  it("list the newest reviews with their PR titles, reading only those reviews' payloads", () => {
    const db = databaseWithReviews();
    // SQLite lets an application function replace a built-in one: this one counts the payloads read.
    let payloadsRead = 0;
    db.function("json_extract", (json: unknown, at: unknown) => {
      payloadsRead += 1;
      const keys = String(at).replace(/^\$\./, "").split(".");
      const value = keys.reduce<unknown>(
        (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
        JSON.parse(String(json)),
      );
      return typeof value === "string" ? value : null;
    });

    const newest = recentReviews(db, 20);

    expect(newest.map((review) => review.title)).toEqual(
      Array.from({ length: 20 }, (_, index) => `PR ${REVIEWS - index}`),
    );
    expect(payloadsRead).toBeLessThanOrEqual(2 * 20);
    db.close();
  });
});
