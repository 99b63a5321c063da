import type { NectrDatabase } from "./open-database.js";
import { prepared } from "./prepared.js";

/** `@nectr ignore`: no more reviews of this PR until `@nectr review`. */
export function ignorePull(db: NectrDatabase, repo: string, prNumber: number, by: string, at: string): void {
  prepared(
    db,
    "INSERT INTO ignored_pulls (repo, pr_number, ignored_by, ignored_at) VALUES (?, ?, ?, ?) ON CONFLICT (repo, pr_number) DO NOTHING",
  ).run(repo, prNumber, by, at);
}

export function unignorePull(db: NectrDatabase, repo: string, prNumber: number): void {
  prepared(db, "DELETE FROM ignored_pulls WHERE repo = ? AND pr_number = ?").run(repo, prNumber);
}

export function isPullIgnored(db: NectrDatabase, repo: string, prNumber: number): boolean {
  return prepared(db, "SELECT 1 FROM ignored_pulls WHERE repo = ? AND pr_number = ?").get(repo, prNumber) !== undefined;
}
