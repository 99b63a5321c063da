import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openPostgres, type PostgresDatabase } from "../../src/store/postgres/open-postgres.js";

/**
 * A real PostgreSQL for the tests: `.ci/with-postgres.sh` starts a throwaway cluster and puts its
 * superuser URL in NECTR_TEST_POSTGRES_URL. Without one the PostgreSQL tests skip, with a
 * message, unless CI is set: CI must run them.
 */
export const testPostgresUrl = process.env.NECTR_TEST_POSTGRES_URL;
export const runPostgresTests = testPostgresUrl !== undefined || process.env.CI !== undefined;

if (!runPostgresTests)
  console.warn("PostgreSQL tests skipped: NECTR_TEST_POSTGRES_URL is unset (run them under .ci/with-postgres.sh)");

export interface TestDatabase {
  /** A postgres:// URL of a new, empty database, owned by the cluster's superuser. */
  url: string;
  /** Ends every connection to it and drops it. */
  drop(): Promise<void>;
}

/** A new database in the test cluster, for one test or one file: nothing is shared between them. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!testPostgresUrl)
    throw new Error("NECTR_TEST_POSTGRES_URL is unset: run the tests under .ci/with-postgres.sh (CI requires them)");
  const name = `nectr_test_${randomBytes(6).toString("hex")}`;
  await asSuperuser((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asSuperuser((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * One migrated database for the tests of a `describe` block, opened before them and dropped
 * after; the tests empty what they use. The database is read through the getter once it is open.
 */
export function sharedTestDatabase(): () => PostgresDatabase {
  let testDatabase: TestDatabase | undefined;
  let db: PostgresDatabase | undefined;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    db = await openPostgres(testDatabase.url, { poolSize: 4 });
  });
  afterAll(async () => {
    await db?.close();
    await testDatabase?.drop();
  });
  return () => {
    if (!db) throw new Error("the shared test database is not open yet (use it inside a test or a hook)");
    return db;
  };
}
