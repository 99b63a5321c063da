import type { RepoStore } from "../nectr-store.js";
import { repoFromRow, type RepoRow } from "../repos-table.js";
import type { PostgresDatabase } from "./open-postgres.js";

export function postgresRepoStore(db: PostgresDatabase): RepoStore {
  return {
    async save(repo, now) {
      await db.query(
        `INSERT INTO repos (full_name, hook_id, hook_url, sealed_secret, sealed_token, active, connected_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7, $7)
         ON CONFLICT (full_name) DO UPDATE SET hook_id = excluded.hook_id, hook_url = excluded.hook_url,
           sealed_secret = excluded.sealed_secret, sealed_token = excluded.sealed_token, active = TRUE,
           connected_by = excluded.connected_by, updated_at = excluded.updated_at`,
        [repo.fullName, repo.hookId, repo.hookUrl, repo.sealedSecret, repo.sealedToken, repo.connectedBy, now],
      );
    },
    async find(fullName) {
      const [row] = await db.query<RepoRow>("SELECT * FROM repos WHERE full_name = $1", [fullName]);
      return row ? repoFromRow(row) : undefined;
    },
    async markInactive(fullName, now) {
      await db.query("UPDATE repos SET active = FALSE, updated_at = $1 WHERE full_name = $2", [now, fullName]);
    },
    async list() {
      const rows = await db.query<RepoRow & { last_delivery_at: string | null; last_review_at: string | null }>(
        `SELECT repos.*,
           (SELECT MAX(received_at) FROM events WHERE events.repo = repos.full_name) AS last_delivery_at,
           (SELECT MAX(created_at) FROM reviews WHERE reviews.repo = repos.full_name) AS last_review_at
         FROM repos ORDER BY lower(full_name)`,
      );
      return rows.map((row) => ({
        ...repoFromRow(row),
        lastDeliveryAt: row.last_delivery_at,
        lastReviewAt: row.last_review_at,
      }));
    },
    async byHookId(hookId) {
      const [row] = await db.query<{ full_name: string; sealed_secret: string | null }>(
        "SELECT full_name, sealed_secret FROM repos WHERE hook_id = $1 AND active",
        [hookId],
      );
      return row ? { fullName: row.full_name, sealedSecret: row.sealed_secret } : undefined;
    },
  };
}
