import type { PullRequestStore, SpendStore } from "../nectr-store.js";
import type { PostgresDatabase } from "./open-postgres.js";

export function postgresPullRequestStore(db: PostgresDatabase): PullRequestStore {
  return {
    async ignore(repo, prNumber, by, at) {
      await db.query(
        "INSERT INTO ignored_pulls (repo, pr_number, ignored_by, ignored_at) VALUES ($1, $2, $3, $4) ON CONFLICT (repo, pr_number) DO NOTHING",
        [repo, prNumber, by, at],
      );
    },
    async unignore(repo, prNumber) {
      await db.query("DELETE FROM ignored_pulls WHERE repo = $1 AND pr_number = $2", [repo, prNumber]);
    },
    async isIgnored(repo, prNumber) {
      return (
        (await db.query("SELECT 1 FROM ignored_pulls WHERE repo = $1 AND pr_number = $2", [repo, prNumber])).length > 0
      );
    },
    async countCommand(repo, author, day) {
      const [row] = await db.query<{ uses: number }>(
        `INSERT INTO command_uses (repo, author, day, uses) VALUES ($1, $2, $3, 1)
         ON CONFLICT (repo, author, day) DO UPDATE SET uses = command_uses.uses + 1 RETURNING uses`,
        [repo, author, day],
      );
      return row?.uses ?? 1;
    },
  };
}

/**
 * llm-spend-table.ts in PostgreSQL. A reservation is one conditional upsert, so two daemons
 * reserving at once are serialised by the row, and never spend past the limit together.
 */
export function postgresSpendStore(db: PostgresDatabase): SpendStore {
  return {
    ledger: (repo, day) => ({
      async reserve(tokens, limit) {
        if (tokens > limit) return false;
        const rows = await db.query(
          `INSERT INTO llm_spend (repo, day, tokens) VALUES ($1, $2, $3)
           ON CONFLICT (repo, day) DO UPDATE SET tokens = llm_spend.tokens + excluded.tokens
           WHERE llm_spend.tokens + excluded.tokens <= $4
           RETURNING tokens`,
          [repo, day, Math.max(0, tokens), limit],
        );
        return rows.length > 0;
      },
      async add(delta) {
        await db.query(
          `INSERT INTO llm_spend (repo, day, tokens) VALUES ($1, $2, GREATEST(0, $3::bigint))
           ON CONFLICT (repo, day) DO UPDATE SET tokens = GREATEST(0, llm_spend.tokens + $3::bigint)`,
          [repo, day, delta],
        );
      },
      async spent() {
        const [row] = await db.query<{ tokens: number }>("SELECT tokens FROM llm_spend WHERE repo = $1 AND day = $2", [
          repo,
          day,
        ]);
        return row?.tokens ?? 0;
      },
    }),
    async ofDay(day) {
      return db.query<{ repo: string; tokens: number }>(
        "SELECT repo, tokens FROM llm_spend WHERE day = $1 AND tokens > 0 ORDER BY tokens DESC, lower(repo)",
        [day],
      );
    },
  };
}
