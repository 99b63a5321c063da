import type { FindingsLedgerPort } from "../../github/publish-review.js";
import type { LedgerEntry } from "../findings-table.js";
import type { PostgresDatabase } from "./open-postgres.js";

/** findings-table.ts in PostgreSQL: the whole ledger upserted in one statement. */
export function postgresFindingsLedger(db: PostgresDatabase, repo: string, prNumber: number): FindingsLedgerPort {
  return {
    async load() {
      const rows = await db.query<Omit<LedgerEntry, "commentId"> & { comment_id: number | null }>(
        "SELECT fingerprint, path, line, rule, title, code, status, comment_id FROM findings WHERE repo = $1 AND pr_number = $2",
        [repo, prNumber],
      );
      return new Map(rows.map(({ comment_id, ...row }) => [row.fingerprint, { ...row, commentId: comment_id }]));
    },
    async save(given, sha) {
      // One statement may not upsert a row twice: the last entry of a fingerprint wins, as it
      // would one upsert after another.
      const entries = [...new Map(given.map((entry) => [entry.fingerprint, entry])).values()];
      if (entries.length === 0) return;
      const column = <K extends keyof LedgerEntry>(key: K) => entries.map((entry) => entry[key]);
      await db.query(
        `INSERT INTO findings (repo, pr_number, fingerprint, path, line, rule, title, code, status, comment_id, first_seen_sha, last_seen_sha)
         SELECT $1, $2, fingerprint, path, line, rule, title, code, status, comment_id, $3, $3
         FROM unnest($4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[])
           AS given (fingerprint, path, line, rule, title, code, status, comment_id)
         ON CONFLICT (repo, pr_number, fingerprint) DO UPDATE SET
           line = excluded.line, last_seen_sha = excluded.last_seen_sha,
           comment_id = COALESCE(excluded.comment_id, findings.comment_id),
           status = CASE WHEN findings.status = 'dismissed' THEN 'dismissed' ELSE excluded.status END`,
        [
          repo,
          prNumber,
          sha,
          column("fingerprint"),
          column("path"),
          column("line"),
          column("rule"),
          column("title"),
          column("code"),
          column("status"),
          column("commentId"),
        ],
      );
    },
  };
}
