import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { finishJob, recordDelivery, type NewDelivery } from "../../../src/store/events-table.js";
import { openDatabase } from "../../../src/store/open-database.js";
import { pruneEvents, storedEvents } from "../../../src/store/prune-events.js";
import { recordReview } from "../../../src/store/reviews-table.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

const DAY = 24 * 60 * 60 * 1000;
const now = new Date(Date.UTC(2026, 11, 3));
const delivery = (id: string, daysAgo: number, number: number): NewDelivery => ({
  deliveryId: id,
  event: "pull_request",
  action: "opened",
  repo: "o/r",
  prNumber: number,
  headSha: String(number).repeat(40).slice(0, 40),
  replayKey: null,
  status: "queued",
  payload: "{}",
  receivedAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
});

describe("pruning old deliveries", () => {
  it("deletes finished deliveries past the retention, keeps the rest and every review", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    const old = recordDelivery(db, delivery("old", 40, 1)).id ?? 0;
    finishJob(db, old, "done", now.toISOString());
    recordReview(db, {
      repo: "o/r",
      prNumber: 1,
      headSha: "1".repeat(40),
      eventId: old,
      reviewId: 1,
      summaryCommentId: 2,
      verdict: "comment",
      model: null,
      promptTokens: 0,
      completionTokens: 0,
      basis: "b",
      createdAt: now.toISOString(),
    });
    recordDelivery(db, delivery("old but waiting", 40, 2));
    const recent = recordDelivery(db, delivery("recent", 3, 3)).id ?? 0;
    finishJob(db, recent, "done", now.toISOString());

    expect(pruneEvents(db, now, 30)).toBe(1);
    expect(storedEvents(db)).toEqual({ count: 2, oldest: delivery("", 40, 0).receivedAt });
    expect(db.prepare("SELECT event_id FROM reviews").get()).toEqual({ event_id: null });
    db.close();
  });
});
