import { eventFromRow, type EventRow } from "../events-table.js";
import type { JobQueue, QueuedJob } from "../nectr-store.js";
import type { PostgresDatabase } from "./open-postgres.js";
import { recordDeliveries } from "./record-deliveries.js";

export interface LeaseOptions {
  /** Who holds the leases this queue takes: one daemon process. */
  owner: string;
  /** How long a claimed job stays this daemon's without a renewal. */
  leaseSeconds: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIQUE_VIOLATION = "23505";
/** Claims in a row that may lose a race for the same pull request before the queue says "none now". */
const CLAIM_RACES = 3;

/**
 * The job queue several daemons share. A claim takes the oldest due job with
 * `FOR UPDATE SKIP LOCKED` (daemons claiming at once take different rows, and none waits) and a
 * lease the database's clock keeps: this daemon renews the leases of the jobs it runs every third
 * of their length; a job whose lease ran out (its daemon was killed) is queued again by whichever
 * daemon looks next. One job per pull request runs at a time across all daemons: a partial
 * unique index on running jobs refuses a second, and the claim that lost that race tries again.
 *
 * A home-made queue rather than pg-boss or graphile-worker: the rules that matter here (a newer
 * head supersedes older queued jobs, the dedupe by delivery id and replay key, one running job per
 * pull request, the per-repo cap) live in the same rows and transactions as the deliveries, and
 * neither library keeps them; both would add a second copy of every job.
 */
export function postgresJobQueue(db: PostgresDatabase, lease: LeaseOptions): JobQueue & { close(): void } {
  const held = new Set<number>();
  let lastReclaim = 0;
  const renewal = setInterval(
    () => {
      if (held.size > 0) renew().catch(() => {});
    },
    (lease.leaseSeconds * 1000) / 3,
  );
  renewal.unref();

  const renew = () =>
    db.query(
      "UPDATE events SET lease_until = now() + make_interval(secs => $1) WHERE id = ANY($2::bigint[]) AND leased_by = $3 AND status = 'running'",
      [lease.leaseSeconds, [...held], lease.owner],
    );
  const reclaimExpired = async () => {
    lastReclaim = Date.now();
    const rows = await db.query(
      "UPDATE events SET status = 'queued', leased_by = NULL, lease_until = NULL WHERE status = 'running' AND lease_until < now() RETURNING id",
    );
    return rows.length;
  };
  const letGo = async (id: number, sql: string, params: unknown[]) => {
    held.delete(id);
    await db.query(`${sql}, leased_by = NULL, lease_until = NULL WHERE id = $1 AND leased_by = $2`, [
      id,
      lease.owner,
      ...params,
    ]);
  };

  return {
    record: (deliveries) => recordDeliveries(db, deliveries),
    async claim(now) {
      if (Date.now() - lastReclaim > (lease.leaseSeconds * 1000) / 3) await reclaimExpired();
      for (let race = 0; race < CLAIM_RACES; race++) {
        try {
          const [row] = await db.query<EventRow & { payload: string }>(
            `WITH next AS (
               SELECT id FROM events AS job
               WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
                 AND NOT EXISTS (SELECT 1 FROM events AS other WHERE other.status = 'running' AND other.repo = job.repo AND other.pr_number = job.pr_number)
               ORDER BY received_at, id LIMIT 1
               FOR UPDATE SKIP LOCKED)
             UPDATE events SET status = 'running', attempts = attempts + 1, leased_by = $2,
               lease_until = now() + make_interval(secs => $3)
             FROM next WHERE events.id = next.id
             RETURNING events.id, delivery_id, event, action, repo, pr_number, head_sha, installation_id, status,
               attempts, error, received_at, processed_at, payload`,
            [now, lease.owner, lease.leaseSeconds],
          );
          if (!row) return undefined;
          held.add(row.id);
          return { ...eventFromRow(row), payload: row.payload } satisfies QueuedJob;
        } catch (error) {
          if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        }
      }
      return undefined;
    },
    finish: (id, status, now, error) =>
      letGo(id, "UPDATE events SET status = $3, error = $4, processed_at = $5", [status, error ?? null, now]),
    retryLater: (id, next, error) =>
      letGo(id, "UPDATE events SET status = 'queued', error = $3, next_attempt_at = $4", [error, next]),
    release: (id) => letGo(id, "UPDATE events SET status = 'queued'", []),
    recoverAbandoned: reclaimExpired,
    async depth() {
      const [row] = await db.query<{ depth: number }>(
        "SELECT COUNT(*) AS depth FROM events WHERE status IN ('queued', 'running')",
      );
      return row?.depth ?? 0;
    },
    async recent(limit) {
      const rows = await db.query<EventRow>(
        "SELECT id, delivery_id, event, action, repo, pr_number, head_sha, installation_id, status, attempts, error, received_at, processed_at FROM events ORDER BY id DESC LIMIT $1",
        [limit],
      );
      return rows.map(eventFromRow);
    },
    async stored() {
      const [row] = await db.query<{ count: number; oldest: string | null }>(
        "SELECT COUNT(*) AS count, MIN(received_at) AS oldest FROM events",
      );
      return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
    },
    prune(now, retentionDays) {
      const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
      const old = "SELECT id FROM events WHERE received_at < $1 AND status NOT IN ('queued', 'running')";
      return db.transaction(async (tx) => {
        await tx.query(`UPDATE reviews SET event_id = NULL WHERE event_id IN (${old})`, [cutoff]);
        return (await tx.query(`DELETE FROM events WHERE id IN (${old}) RETURNING id`, [cutoff])).length;
      });
    },
    close: () => clearInterval(renewal),
  };
}
