import type { NectrDatabase } from "./open-database.js";

// LLM tokens each repository spent on each UTC day ("YYYY-MM-DD"). A call first reserves the most
// it can cost, in one immediate transaction, and is then settled at what it cost: so two reviews
// at once, or two daemons on one database, never spend past the limit together.

/** Adds `tokens` to the day's spend when the total stays within `limit`; false (nothing added) when it would not. */
export function reserveTokens(db: NectrDatabase, repo: string, day: string, tokens: number, limit: number): boolean {
  return db
    .transaction(() => {
      if (tokensSpent(db, repo, day) + tokens > limit) return false;
      addTokens(db, repo, day, tokens);
      return true;
    })
    .immediate();
}

/** Adds `delta` (negative to give back what a call reserved but did not use). */
export function addTokens(db: NectrDatabase, repo: string, day: string, delta: number): void {
  db.prepare(
    `INSERT INTO llm_spend (repo, day, tokens) VALUES (?, ?, MAX(0, ?))
     ON CONFLICT (repo, day) DO UPDATE SET tokens = MAX(0, tokens + ?)`,
  ).run(repo, day, delta, delta);
}

export function tokensSpent(db: NectrDatabase, repo: string, day: string): number {
  return (
    db
      .prepare<[string, string], { tokens: number }>("SELECT tokens FROM llm_spend WHERE repo = ? AND day = ?")
      .get(repo, day)?.tokens ?? 0
  );
}

/** Every repository's spend on `day`, most first. */
export function spendOfDay(db: NectrDatabase, day: string): { repo: string; tokens: number }[] {
  return db
    .prepare<[string], { repo: string; tokens: number }>(
      "SELECT repo, tokens FROM llm_spend WHERE day = ? AND tokens > 0 ORDER BY tokens DESC, repo",
    )
    .all(day);
}

/** Today, as the spend is kept: the UTC date. */
export function spendDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
