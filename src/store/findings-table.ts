import type { NectrDatabase } from "./open-database.js";

export type FindingStatus = "open" | "resolved" | "dismissed";

export interface LedgerEntry {
  fingerprint: string;
  path: string;
  line: number;
  rule: string;
  title: string;
  code: string;
  status: FindingStatus;
  commentId: number | null;
}

interface LedgerRow {
  fingerprint: string;
  path: string;
  line: number;
  rule: string;
  title: string;
  code: string;
  status: FindingStatus;
  comment_id: number | null;
}

/** The findings ledger of one PR: every finding nectr posted, and what became of it. */
export function ledgerOf(db: NectrDatabase, repo: string, prNumber: number): Map<string, LedgerEntry> {
  const rows = db
    .prepare<[string, number], LedgerRow>(
      "SELECT fingerprint, path, line, rule, title, code, status, comment_id FROM findings WHERE repo = ? AND pr_number = ?",
    )
    .all(repo, prNumber);
  return new Map(rows.map(({ comment_id, ...row }) => [row.fingerprint, { ...row, commentId: comment_id }]));
}

/** Upserts entries; a dismissed finding stays dismissed whatever a later review says. */
export function recordLedger(
  db: NectrDatabase,
  repo: string,
  prNumber: number,
  entries: readonly LedgerEntry[],
  sha: string,
): void {
  const upsert = db.prepare(
    `INSERT INTO findings (repo, pr_number, fingerprint, path, line, rule, title, code, status, comment_id, first_seen_sha, last_seen_sha)
     VALUES (@repo, @prNumber, @fingerprint, @path, @line, @rule, @title, @code, @status, @commentId, @sha, @sha)
     ON CONFLICT (repo, pr_number, fingerprint) DO UPDATE SET
       line = excluded.line, last_seen_sha = excluded.last_seen_sha,
       comment_id = COALESCE(excluded.comment_id, findings.comment_id),
       status = CASE WHEN findings.status = 'dismissed' THEN 'dismissed' ELSE excluded.status END`,
  );
  db.transaction(() => {
    for (const entry of entries) upsert.run({ ...entry, repo, prNumber, sha });
  })();
}
