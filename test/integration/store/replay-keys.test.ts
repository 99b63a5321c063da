import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { finishJob, MAX_QUEUED_PER_REPO, recordDelivery, type NewDelivery } from "../../../src/store/events-table.js";
import { openDatabase } from "../../../src/store/open-database.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

const HOUR = 60 * 60 * 1000;
const delivery = (id: string, replayKey: string, at: number, headSha = "a".repeat(40)): NewDelivery => ({
  deliveryId: id,
  event: "pull_request",
  action: "synchronize",
  repo: "o/r",
  prNumber: 1,
  headSha,
  replayKey,
  status: "queued",
  payload: "{}",
  receivedAt: new Date(Date.UTC(2026, 11, 1) + at).toISOString(),
});

describe("replay keys", () => {
  it("answer duplicate to a body already run, under a new delivery id, however long after", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    const first = recordDelivery(db, delivery("d1", "pull_request:o/r#1@aaa:synchronize", 0));
    expect(first.status).toBe("queued");
    finishJob(db, first.id ?? 0, "done", new Date().toISOString());
    expect(recordDelivery(db, delivery("d2", "pull_request:o/r#1@aaa:synchronize", 30 * 24 * HOUR)).status).toBe(
      "duplicate",
    );
    db.close();
  });

  it("let a job whose earlier run was superseded run again", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    const key = "pull_request:o/r#1@aaa:synchronize";
    const first = recordDelivery(db, delivery("d1", key, 0));
    finishJob(db, first.id ?? 0, "superseded", new Date().toISOString());
    expect(recordDelivery(db, delivery("d2", key, 2 * HOUR)).status).toBe("queued");
    db.close();
  });

  it("refuse a job past the repository's cap on waiting jobs, and take it again once there is room", () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    const pull = (number: number): NewDelivery => ({
      ...delivery(`d${number}`, `pull_request:o/r#${number}@aaa:opened`, number),
      prNumber: number,
    });
    for (let number = 1; number <= MAX_QUEUED_PER_REPO; number += 1)
      expect(recordDelivery(db, pull(number)).status).toBe("queued");
    expect(recordDelivery(db, pull(MAX_QUEUED_PER_REPO + 1)).status).toBe("queue full");
    expect(recordDelivery(db, { ...pull(MAX_QUEUED_PER_REPO + 2), repo: "o/other" }).status).toBe("queued");
    finishJob(db, 1, "done", new Date().toISOString());
    expect(recordDelivery(db, pull(MAX_QUEUED_PER_REPO + 3)).status).toBe("queued");
    db.close();
  });
});
