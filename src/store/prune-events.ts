import type { NectrDatabase } from "./open-database.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes deliveries (and their payloads) received more than `retentionDays` before `now` whose
 * job is over; queued and running ones stay whatever their age. Reviews keep their rows and lose
 * the link to the delivery. A body replayed after that long is no longer known as a replay.
 */
export function pruneEvents(db: NectrDatabase, now: Date, retentionDays: number): number {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  return db
    .transaction(() => {
      const old = "SELECT id FROM events WHERE received_at < ? AND status NOT IN ('queued', 'running')";
      db.prepare(`UPDATE reviews SET event_id = NULL WHERE event_id IN (${old})`).run(cutoff);
      return db.prepare(`DELETE FROM events WHERE id IN (${old})`).run(cutoff).changes;
    })
    .immediate();
}

/** How many deliveries are kept, and when the oldest came. */
export function storedEvents(db: NectrDatabase): { count: number; oldest: string | null } {
  const row = db
    .prepare<[], { count: number; oldest: string | null }>(
      "SELECT COUNT(*) AS count, MIN(received_at) AS oldest FROM events",
    )
    .get();
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
}
