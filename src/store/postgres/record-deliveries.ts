import {
  MAX_QUEUED_PER_REPO,
  REVIEWED_RECENTLY_MS,
  type EventStatus,
  type NewDelivery,
  type RecordedDelivery,
} from "../events-table.js";
import { applyInstallationChange, installationRefusal } from "./app-installations.js";
import type { PostgresDatabase, Queryable } from "./open-postgres.js";

/**
 * The SQLite queue's rules (events-table.ts), for daemons that share one database. SQLite has one
 * writer at a time; here each transaction first takes an advisory lock on every delivery id, pull
 * request, replay key and installation its batch is about, in one sorted order (so two daemons'
 * batches never deadlock): what a delivery's checks read cannot change before it is stored.
 */
export function recordDeliveries(
  db: PostgresDatabase,
  deliveries: readonly NewDelivery[],
): Promise<RecordedDelivery[]> {
  return db.transaction(async (tx) => {
    await tx.query(
      "SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM (SELECT key FROM unnest($1::text[]) AS key ORDER BY key) AS sorted",
      [lockKeys(deliveries)],
    );
    const recorded: RecordedDelivery[] = [];
    for (const delivery of deliveries) recorded.push(await recordOne(tx, delivery));
    return recorded;
  });
}

function lockKeys(deliveries: readonly NewDelivery[]): string[] {
  const keys = new Set<string>();
  for (const delivery of deliveries) {
    keys.add(`delivery:${delivery.deliveryId}`);
    if (delivery.repo !== null && delivery.prNumber !== null)
      keys.add(`pull:${delivery.repo.toLowerCase()}#${delivery.prNumber}`);
    if (delivery.replayKey !== null) keys.add(`replay:${delivery.replayKey}`);
    if (typeof delivery.installationId === "number") keys.add(`installation:${delivery.installationId}`);
    if (delivery.installationChange) keys.add(`installation:${delivery.installationChange.installationId}`);
  }
  return [...keys].sort();
}

async function recordOne(tx: Queryable, delivery: NewDelivery): Promise<RecordedDelivery> {
  const [seen] = await tx.query<{ id: number }>("SELECT id FROM events WHERE delivery_id = $1", [delivery.deliveryId]);
  if (seen) return { id: seen.id, status: "duplicate" };
  if (delivery.installationChange) await applyInstallationChange(tx, delivery.installationChange, delivery.receivedAt);
  let status: EventStatus = delivery.status;
  const refusal =
    status === "queued" && typeof delivery.installationId === "number"
      ? await installationRefusal(tx, delivery.installationId, delivery.repo)
      : undefined;
  if (refusal) status = "ignored";
  else if (status === "queued" && delivery.replayKey !== null && (await alreadyRun(tx, delivery.replayKey)))
    status = "duplicate";
  else if (status === "queued" && delivery.repo && delivery.prNumber !== null && delivery.headSha) {
    if (await alreadyHandled(tx, delivery)) status = "duplicate";
    else
      await tx.query(
        "UPDATE events SET status = 'superseded', processed_at = $1 WHERE status = 'queued' AND repo = $2 AND pr_number = $3 AND head_sha IS DISTINCT FROM $4",
        [delivery.receivedAt, delivery.repo, delivery.prNumber, delivery.headSha],
      );
  }
  if (status === "queued" && delivery.repo !== null && (await queuedFor(tx, delivery.repo)) >= MAX_QUEUED_PER_REPO)
    return { id: undefined, status: "queue full" };
  const payload = typeof delivery.payload === "string" ? delivery.payload : delivery.payload.toString("utf8");
  const [inserted] = await tx.query<{ id: number }>(
    `INSERT INTO events (delivery_id, event, action, repo, pr_number, head_sha, installation_id, status, error, received_at, payload, replay_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      delivery.deliveryId,
      delivery.event,
      delivery.action,
      delivery.repo,
      delivery.prNumber,
      delivery.headSha,
      delivery.installationId ?? null,
      status,
      refusal ?? null,
      delivery.receivedAt,
      payload,
      delivery.replayKey,
    ],
  );
  return { id: inserted!.id, status };
}

async function queuedFor(tx: Queryable, repo: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    "SELECT COUNT(*) AS n FROM events WHERE repo = $1 AND status = 'queued'",
    [repo],
  );
  return row?.n ?? 0;
}

async function alreadyRun(tx: Queryable, replayKey: string): Promise<boolean> {
  const rows = await tx.query(
    "SELECT 1 FROM events WHERE replay_key = $1 AND status IN ('queued', 'running', 'done') LIMIT 1",
    [replayKey],
  );
  return rows.length > 0;
}

async function alreadyHandled(tx: Queryable, delivery: NewDelivery): Promise<boolean> {
  const since = new Date(Date.parse(delivery.receivedAt) - REVIEWED_RECENTLY_MS).toISOString();
  const rows = await tx.query(
    `SELECT 1 FROM events WHERE repo = $1 AND pr_number = $2 AND head_sha = $3 AND status IN ('queued', 'running')
     UNION ALL
     SELECT 1 FROM reviews WHERE repo = $1 AND pr_number = $2 AND head_sha = $3 AND created_at >= $4
     LIMIT 1`,
    [delivery.repo, delivery.prNumber, delivery.headSha, since],
  );
  return rows.length > 0;
}
