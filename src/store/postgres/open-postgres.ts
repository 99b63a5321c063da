import type { Pool, PoolClient, QueryResultRow } from "pg";
import { InternalError, UsageError } from "../../errors.js";
import type { Migration } from "../migrations.js";
import { POSTGRES_MIGRATIONS } from "./migrations.js";

/** Where a query runs: the pool (a connection per statement) or one transaction's connection. */
export interface Queryable {
  query<Row extends QueryResultRow = QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface PostgresDatabase extends Queryable {
  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** The last migration applied. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

/** Any 64-bit number the migrations' advisory lock is known by ("nectr" in ASCII). */
const MIGRATION_LOCK = 0x6e65637472;
const OID = { int8: 20, numeric: 1700 } as const;

/**
 * The PostgreSQL at NECTR_DATABASE_URL: a pool of `poolSize` connections, every pending migration
 * applied first. pg loads here, with the first PostgreSQL database opened, not with every command.
 * Counts and ids (int8) come back as numbers: nectr's never pass 2^53.
 */
export async function openPostgres(
  url: string,
  { poolSize, migrations = POSTGRES_MIGRATIONS }: { poolSize: number; migrations?: readonly Migration[] },
): Promise<PostgresDatabase> {
  const { default: pg } = await import("pg");
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === OID.int8 || oid === OID.numeric ? Number : pg.types.getTypeParser(oid, format),
  };
  const pool: Pool = new pg.Pool({ connectionString: url, max: poolSize, types, application_name: "nectr" });
  // An idle connection the server drops is replaced by the next query; it must not end the process.
  pool.on("error", () => {});
  const database = postgresDatabase(pool);
  try {
    await migrate(database, migrations);
  } catch (error) {
    await pool.end();
    if (error instanceof InternalError) throw error;
    throw new UsageError(`cannot open the PostgreSQL database at NECTR_DATABASE_URL: ${reasonOf(error)}`, {
      hint: "check that the server is up and the URL's user, password and database are right",
      cause: error,
    });
  }
  return database;
}

function postgresDatabase(pool: Pool): PostgresDatabase {
  return {
    query: async (sql, params) => (await pool.query(sql, params as unknown[] | undefined)).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(onClient(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async schemaVersion() {
      const rows = await pool.query<{ version: number }>(
        "SELECT COALESCE(MAX(version), 0) AS version FROM nectr_schema",
      );
      return rows.rows[0]?.version ?? 0;
    },
    close: () => pool.end(),
  };
}

function onClient(client: PoolClient): Queryable {
  return { query: async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows };
}

/**
 * Applies what is pending in one transaction holding an advisory lock: daemons starting at once
 * take turns, and the second finds the work done. PostgreSQL's DDL is transactional, so a
 * migration that fails leaves nothing half-applied.
 */
async function migrate(database: PostgresDatabase, migrations: readonly Migration[]): Promise<void> {
  const newest = migrations.at(-1)?.version ?? 0;
  await database.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query(
      "CREATE TABLE IF NOT EXISTS nectr_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    const [row] = await tx.query<{ version: number }>("SELECT COALESCE(MAX(version), 0) AS version FROM nectr_schema");
    const current = row?.version ?? 0;
    if (current > newest) {
      throw new InternalError(`the database is from a newer nectr (schema ${current}, this one knows ${newest})`, {
        hint: "upgrade nectr",
      });
    }
    for (const migration of migrations.filter((each) => each.version > current)) {
      await tx.query(migration.sql);
      await tx.query("INSERT INTO nectr_schema (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
    }
  });
}

/** What went wrong, without the URL (it may hold a password). */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/postgres(ql)?:\/\/\S+/gi, "postgres://…");
}
