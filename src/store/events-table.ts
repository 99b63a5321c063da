import { applyInstallationChange, installationRefusal, type InstallationChange } from "./app-installations-table.js";
import type { NectrDatabase } from "./open-database.js";
import { prepared } from "./prepared.js";

export type EventStatus =
  "queued" | "running" | "done" | "failed" | "superseded" | "skipped" | "duplicate" | "ignored" | "recorded";

export interface NewDelivery {
  deliveryId: string;
  event: string;
  action: string | null;
  repo: string | null;
  prNumber: number | null;
  headSha: string | null;
  /** What the job is about, from the signed body; null for events that run nothing. */
  replayKey: string | null;
  /** The GitHub App installation the delivery came through, if it did. */
  installationId?: number | null;
  /** What an installation event says of the app's installation, applied with the delivery. */
  installationChange?: InstallationChange;
  /** queued for a review, or recorded / ignored (nothing to run). */
  status: "queued" | "recorded" | "ignored";
  /** The body as received: UTF-8 bytes (checked by the caller), or text; stored as TEXT either way. */
  payload: string | Buffer;
  receivedAt: string;
}

export interface EventRecord {
  id: number;
  deliveryId: string;
  event: string;
  action: string | null;
  repo: string | null;
  prNumber: number | null;
  headSha: string | null;
  installationId: number | null;
  status: EventStatus;
  attempts: number;
  error: string | null;
  receivedAt: string;
  processedAt: string | null;
}

export interface EventRow {
  id: number;
  delivery_id: string;
  event: string;
  action: string | null;
  repo: string | null;
  pr_number: number | null;
  head_sha: string | null;
  installation_id: number | null;
  status: EventStatus;
  attempts: number;
  error: string | null;
  received_at: string;
  processed_at: string | null;
}

/** A PR head reviewed this recently is not reviewed again (SPEC: "duplicate"). */
export const REVIEWED_RECENTLY_MS = 60 * 60 * 1000;
/**
 * Jobs one repository may have waiting. A push supersedes its PR's older jobs, so this many means
 * as many PRs or commands at once; past it a delivery is refused for now, never queued without end.
 */
export const MAX_QUEUED_PER_REPO = 200;

export type RecordedDelivery = { id: number; status: EventStatus } | { id: undefined; status: "queue full" };

/**
 * Stores deliveries in one transaction, in order, and says what became of each: a duplicate is a
 * delivery id seen before; a job whose replay key (the same comment, the same PR head and action)
 * is queued, running or done, however long ago — a replayed body under a new delivery id runs
 * nothing twice; or a PR head already queued, running or reviewed in the last hour. A newer head
 * for a PR supersedes its older queued jobs (never the other way round). Each sees those stored
 * before it, in the same transaction or an earlier one; if the transaction fails, none is stored.
 */
export function recordDeliveries(db: NectrDatabase, deliveries: readonly NewDelivery[]): RecordedDelivery[] {
  return db.transaction(() => deliveries.map((delivery) => recordOne(db, delivery))).immediate();
}

export function recordDelivery(db: NectrDatabase, delivery: NewDelivery): RecordedDelivery {
  return recordDeliveries(db, [delivery])[0]!;
}

function recordOne(db: NectrDatabase, delivery: NewDelivery): RecordedDelivery {
  const seen = prepared<[string], { id: number }>(db, "SELECT id FROM events WHERE delivery_id = ?").get(
    delivery.deliveryId,
  );
  if (seen) return { id: seen.id, status: "duplicate" };
  if (delivery.installationChange) applyInstallationChange(db, delivery.installationChange, delivery.receivedAt);
  let status: EventStatus = delivery.status;
  // Not a job: a delivery through an installation the app was removed from, or that is suspended.
  const refusal =
    status === "queued" && typeof delivery.installationId === "number"
      ? installationRefusal(db, delivery.installationId, delivery.repo)
      : undefined;
  if (refusal) status = "ignored";
  else if (status === "queued" && delivery.replayKey !== null && alreadyRun(db, delivery.replayKey))
    status = "duplicate";
  else if (status === "queued" && delivery.repo && delivery.prNumber !== null && delivery.headSha) {
    if (alreadyHandled(db, delivery)) status = "duplicate";
    else {
      prepared(
        db,
        "UPDATE events SET status = 'superseded', processed_at = ? WHERE status = 'queued' AND repo = ? AND pr_number = ? AND head_sha IS NOT ?",
      ).run(delivery.receivedAt, delivery.repo, delivery.prNumber, delivery.headSha);
    }
  }
  if (status === "queued" && delivery.repo !== null && queuedFor(db, delivery.repo) >= MAX_QUEUED_PER_REPO)
    return { id: undefined, status: "queue full" };
  const inserted = prepared(
    db,
    `INSERT INTO events (delivery_id, event, action, repo, pr_number, head_sha, installation_id, status, error, received_at, payload, replay_key)
     VALUES (@deliveryId, @event, @action, @repo, @prNumber, @headSha, @installationId, @status, @error, @receivedAt, CAST(@payload AS TEXT), @replayKey)`,
  ).run({ ...delivery, installationId: delivery.installationId ?? null, status, error: refusal ?? null });
  return { id: Number(inserted.lastInsertRowid), status };
}

function queuedFor(db: NectrDatabase, repo: string): number {
  return (
    prepared<[string], { n: number }>(db, "SELECT COUNT(*) AS n FROM events WHERE repo = ? AND status = 'queued'").get(
      repo,
    )?.n ?? 0
  );
}

function alreadyRun(db: NectrDatabase, replayKey: string): boolean {
  return (
    prepared(db, "SELECT 1 FROM events WHERE replay_key = ? AND status IN ('queued', 'running', 'done')").get(
      replayKey,
    ) !== undefined
  );
}

function alreadyHandled(db: NectrDatabase, delivery: NewDelivery): boolean {
  const active = prepared(
    db,
    "SELECT 1 FROM events WHERE repo = ? AND pr_number = ? AND head_sha = ? AND status IN ('queued', 'running')",
  ).get(delivery.repo, delivery.prNumber, delivery.headSha);
  const since = new Date(Date.parse(delivery.receivedAt) - REVIEWED_RECENTLY_MS).toISOString();
  const reviewed = prepared(
    db,
    "SELECT 1 FROM reviews WHERE repo = ? AND pr_number = ? AND head_sha = ? AND created_at >= ?",
  ).get(delivery.repo, delivery.prNumber, delivery.headSha, since);
  return active !== undefined || reviewed !== undefined;
}

/**
 * Takes the oldest queued job that is due and whose PR has no job running (one PR at a time),
 * marking it running; undefined when there is none.
 */
export function claimJob(db: NectrDatabase, now: string): (EventRecord & { payload: string }) | undefined {
  return db
    .transaction(() => {
      const row = prepared<[string], EventRow & { payload: string }>(
        db,
        `SELECT * FROM events AS job WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
           AND NOT EXISTS (SELECT 1 FROM events AS other WHERE other.status = 'running' AND other.repo = job.repo AND other.pr_number = job.pr_number)
         ORDER BY received_at, id LIMIT 1`,
      ).get(now);
      if (!row) return undefined;
      prepared(db, "UPDATE events SET status = 'running', attempts = attempts + 1 WHERE id = ?").run(row.id);
      return { ...eventFromRow({ ...row, status: "running", attempts: row.attempts + 1 }), payload: row.payload };
    })
    .immediate();
}

export function finishJob(
  db: NectrDatabase,
  id: number,
  status: "done" | "failed" | "superseded" | "skipped",
  now: string,
  error: string | null = null,
): void {
  prepared(db, "UPDATE events SET status = ?, error = ?, processed_at = ? WHERE id = ?").run(status, error, now, id);
}

export function retryJobLater(db: NectrDatabase, id: number, nextAttemptAt: string, error: string): void {
  prepared(db, "UPDATE events SET status = 'queued', error = ?, next_attempt_at = ? WHERE id = ?").run(
    error,
    nextAttemptAt,
    id,
  );
}

/** Jobs left running by a process that died are queued again (the review step is idempotent). */
export function requeueRunningJobs(db: NectrDatabase): number {
  return prepared(db, "UPDATE events SET status = 'queued' WHERE status = 'running'").run().changes;
}

export function requeueJob(db: NectrDatabase, id: number): void {
  prepared(db, "UPDATE events SET status = 'queued' WHERE id = ? AND status = 'running'").run(id);
}

export function queueDepth(db: NectrDatabase): number {
  return (
    prepared<[], { depth: number }>(
      db,
      "SELECT COUNT(*) AS depth FROM events WHERE status IN ('queued', 'running')",
    ).get()?.depth ?? 0
  );
}

export function recentEvents(db: NectrDatabase, limit: number): EventRecord[] {
  return (
    db
      // Ids grow with arrival, so the newest are found through the primary key; payloads are left
      // out, since a list of thousands of them would be read only to be dropped.
      .prepare<[number], EventRow>(
        "SELECT id, delivery_id, event, action, repo, pr_number, head_sha, installation_id, status, attempts, error, received_at, processed_at FROM events ORDER BY id DESC LIMIT ?",
      )
      .all(limit)
      .map(eventFromRow)
  );
}

export function eventFromRow(row: EventRow): EventRecord {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    event: row.event,
    action: row.action,
    repo: row.repo,
    prNumber: row.pr_number,
    headSha: row.head_sha,
    installationId: row.installation_id,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
  };
}
