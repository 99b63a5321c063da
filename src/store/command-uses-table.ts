import type { NectrDatabase } from "./open-database.js";

/** Counts one more `@nectr` command by `author` in `repo` on `day`, and returns the day's count. */
export function countCommandUse(db: NectrDatabase, repo: string, author: string, day: string): number {
  return (
    db
      .prepare<[string, string, string], { uses: number }>(
        `INSERT INTO command_uses (repo, author, day, uses) VALUES (?, ?, ?, 1)
         ON CONFLICT (repo, author, day) DO UPDATE SET uses = uses + 1 RETURNING uses`,
      )
      .get(repo, author, day)?.uses ?? 1
  );
}
