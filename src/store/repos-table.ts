import type { NectrDatabase } from "./open-database.js";

export interface RepoRecord {
  fullName: string;
  hookId: number | null;
  hookUrl: string | null;
  /** The webhook secret, sealed (see src/auth/seal.ts); never plaintext. */
  sealedSecret: string | null;
  /** The connecting user's token, sealed; reviews from the daemon post as them. */
  sealedToken: string | null;
  active: boolean;
  connectedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RepoOverview extends RepoRecord {
  lastDeliveryAt: string | null;
  lastReviewAt: string | null;
}

export interface RepoRow {
  full_name: string;
  hook_id: number | null;
  hook_url: string | null;
  sealed_secret: string | null;
  sealed_token: string | null;
  /** 0 or 1 in SQLite, a boolean in PostgreSQL. */
  active: number | boolean;
  connected_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConnectedRepo {
  fullName: string;
  hookId: number;
  hookUrl: string;
  sealedSecret: string;
  sealedToken: string | null;
  connectedBy: string;
}

export function saveConnectedRepo(db: NectrDatabase, repo: ConnectedRepo, now: string): void {
  db.prepare(
    `INSERT INTO repos (full_name, hook_id, hook_url, sealed_secret, sealed_token, active, connected_by, created_at, updated_at)
     VALUES (@fullName, @hookId, @hookUrl, @sealedSecret, @sealedToken, 1, @connectedBy, @now, @now)
     ON CONFLICT (full_name) DO UPDATE SET hook_id = excluded.hook_id, hook_url = excluded.hook_url,
       sealed_secret = excluded.sealed_secret, sealed_token = excluded.sealed_token, active = 1,
       connected_by = excluded.connected_by, updated_at = excluded.updated_at`,
  ).run({ ...repo, now });
}

export function findRepo(db: NectrDatabase, fullName: string): RepoRecord | undefined {
  const row = db.prepare<[string], RepoRow>("SELECT * FROM repos WHERE full_name = ?").get(fullName);
  return row ? repoFromRow(row) : undefined;
}

export function markRepoInactive(db: NectrDatabase, fullName: string, now: string): void {
  db.prepare("UPDATE repos SET active = 0, updated_at = ? WHERE full_name = ?").run(now, fullName);
}

/** Every repo nectr knows, with its last delivery and last review. */
export function listRepos(db: NectrDatabase): RepoOverview[] {
  const rows = db
    .prepare<[], RepoRow & { last_delivery_at: string | null; last_review_at: string | null }>(
      `SELECT repos.*,
         (SELECT MAX(received_at) FROM events WHERE events.repo = repos.full_name) AS last_delivery_at,
         (SELECT MAX(created_at) FROM reviews WHERE reviews.repo = repos.full_name) AS last_review_at
       FROM repos ORDER BY full_name`,
    )
    .all();
  return rows.map((row) => ({
    ...repoFromRow(row),
    lastDeliveryAt: row.last_delivery_at,
    lastReviewAt: row.last_review_at,
  }));
}

export function repoFromRow(row: RepoRow): RepoRecord {
  return {
    fullName: row.full_name,
    hookId: row.hook_id,
    hookUrl: row.hook_url,
    sealedSecret: row.sealed_secret,
    sealedToken: row.sealed_token,
    active: Boolean(row.active),
    connectedBy: row.connected_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
