import path from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { RetryableJobError, startWorkerPool, type JobOutcome } from "../../../src/daemon/worker-pool.js";
import { recentEvents, recordDelivery } from "../../../src/store/events-table.js";
import { openDatabase } from "../../../src/store/open-database.js";
import { sqliteStore } from "../../../src/store/sqlite-store.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";
import { waitUntil } from "../../harness/wait-until.js";

afterAll(removeTempDirs);

const log = pino({ level: "silent" });

function queueOf(count: number) {
  const db = openDatabase(path.join(tempDir(), "nectr.db"));
  for (let number = 1; number <= count; number += 1) {
    recordDelivery(db, {
      deliveryId: `d${number}`,
      event: "pull_request",
      action: "opened",
      repo: "o/r",
      prNumber: number,
      headSha: `${number}`.repeat(40).slice(0, 40),
      status: "queued",
      replayKey: null,
      payload: "{}",
      receivedAt: new Date().toISOString(),
    });
  }
  return db;
}

const until = (condition: () => boolean) =>
  waitUntil(condition, { what: "the queue", timeoutMs: 10_000, intervalMs: 10 });

describe("the worker pool over the SQLite queue", () => {
  it("runs every job once, never two of one PR at a time", async () => {
    const db = queueOf(6);
    const seen: number[] = [];
    const pool = startWorkerPool({
      queue: sqliteStore(db, "nectr.db").queue,
      concurrency: 3,
      maxAttempts: 3,
      retrySeconds: 1,
      log,
      pollMs: 20,
      run: async (job): Promise<JobOutcome> => {
        seen.push(job.prNumber ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return "done";
      },
    });
    await until(() => recentEvents(db, 10).every((event) => event.status === "done"));
    await pool.stop(100);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("retries a retryable failure with backoff, then fails for good with the error stored", async () => {
    const db = queueOf(1);
    const attempts: number[] = [];
    const pool = startWorkerPool({
      queue: sqliteStore(db, "nectr.db").queue,
      concurrency: 1,
      maxAttempts: 3,
      retrySeconds: 0.05,
      log,
      pollMs: 10,
      run: async (job) => {
        attempts.push(job.attempts);
        throw new RetryableJobError("GitHub answered 502 after retries");
      },
    });
    await until(() => recentEvents(db, 1)[0]?.status === "failed");
    await pool.stop(100);
    expect(attempts).toEqual([1, 2, 3]);
    expect(recentEvents(db, 1)[0]).toMatchObject({
      status: "failed",
      attempts: 3,
      error: "GitHub answered 502 after retries",
    });
  });

  it("fails a permanent error at once", async () => {
    const db = queueOf(1);
    const pool = startWorkerPool({
      queue: sqliteStore(db, "nectr.db").queue,
      concurrency: 1,
      maxAttempts: 3,
      retrySeconds: 1,
      log,
      pollMs: 10,
      run: async () => {
        throw new Error("no token to review o/r with");
      },
    });
    await until(() => recentEvents(db, 1)[0]?.status === "failed");
    await pool.stop(100);
    expect(recentEvents(db, 1)[0]).toMatchObject({ attempts: 1, error: "no token to review o/r with" });
  });

  it("puts a job still running after the grace period back in the queue", async () => {
    const db = queueOf(1);
    let started = false;
    const pool = startWorkerPool({
      queue: sqliteStore(db, "nectr.db").queue,
      concurrency: 1,
      maxAttempts: 3,
      retrySeconds: 1,
      log,
      pollMs: 10,
      run: () => {
        started = true;
        return new Promise<JobOutcome>(() => {});
      },
    });
    await until(() => started);
    await pool.stop(50);
    expect(recentEvents(db, 1)[0]).toMatchObject({ status: "queued", attempts: 1 });
  });
});
