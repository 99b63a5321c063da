import { afterEach, describe, expect, it } from "vitest";
import { openPostgres, type PostgresDatabase } from "../../../src/store/postgres/open-postgres.js";
import { POSTGRES_MIGRATIONS } from "../../../src/store/postgres/migrations.js";
import { createTestDatabase, runPostgresTests, type TestDatabase } from "../../harness/postgres.js";

describe.runIf(runPostgresTests)("PostgreSQL migrations", () => {
  let testDatabase: TestDatabase | undefined;
  const open: PostgresDatabase[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((database) => database.close()));
    await testDatabase?.drop();
  });

  it("five daemons opening a fresh database at once apply each migration exactly once", async () => {
    testDatabase = await createTestDatabase();
    const url = testDatabase.url;
    open.push(...(await Promise.all(Array.from({ length: 5 }, () => openPostgres(url, { poolSize: 2 })))));
    const newest = POSTGRES_MIGRATIONS.at(-1)!.version;
    for (const database of open) expect(await database.schemaVersion()).toBe(newest);
    const applied = await open[0]!.query<{ version: number }>("SELECT version FROM nectr_schema ORDER BY version");
    expect(applied.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
  });

  it("a failing migration leaves nothing behind, and the next start applies it whole", async () => {
    testDatabase = await createTestDatabase();
    const broken = [
      ...POSTGRES_MIGRATIONS,
      { version: 99, name: "half", sql: "CREATE TABLE half_done (id INTEGER); SELECT no_such_function();" },
    ];
    await expect(openPostgres(testDatabase.url, { poolSize: 1, migrations: broken })).rejects.toThrow(
      /cannot open the PostgreSQL database/,
    );
    const database = await openPostgres(testDatabase.url, { poolSize: 1 });
    open.push(database);
    expect(await database.schemaVersion()).toBe(POSTGRES_MIGRATIONS.at(-1)!.version);
    expect(await database.query("SELECT to_regclass('half_done') AS name")).toEqual([{ name: null }]);
  });

  it("refuses a database a newer nectr migrated", async () => {
    testDatabase = await createTestDatabase();
    open.push(await openPostgres(testDatabase.url, { poolSize: 1 }));
    await open[0]!.query("INSERT INTO nectr_schema (version, name) VALUES (1000, 'from the future')");
    await expect(openPostgres(testDatabase.url, { poolSize: 1 })).rejects.toThrow(/newer nectr \(schema 1000/);
  });

  it("says the server cannot be reached without printing the URL's password", async () => {
    const error = await openPostgres("postgres://nectr:hunter2-secret@127.0.0.1:1/nowhere", { poolSize: 1 }).catch(
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/cannot open the PostgreSQL database/);
    expect(
      JSON.stringify({ message: (error as Error).message, hint: (error as { hint?: string }).hint }),
    ).not.toContain("hunter2");
  });
});
