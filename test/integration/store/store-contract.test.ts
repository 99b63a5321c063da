import path from "node:path";
import { afterAll, describe } from "vitest";
import { openDatabase } from "../../../src/store/open-database.js";
import { postgresStore } from "../../../src/store/postgres/postgres-store.js";
import { openPostgres } from "../../../src/store/postgres/open-postgres.js";
import { sqliteStore } from "../../../src/store/sqlite-store.js";
import { describeNectrStoreContract } from "../../contract/nectr-store-contract.js";
import { createTestDatabase, runPostgresTests, type TestDatabase } from "../../harness/postgres.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

describeNectrStoreContract("SQLite", async () => {
  const file = path.join(tempDir(), "nectr.db");
  return sqliteStore(openDatabase(file), file);
});

describe.runIf(runPostgresTests)("on PostgreSQL", () => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(made.map((database) => database.drop()));
  });
  describeNectrStoreContract("PostgreSQL", async () => {
    const database = await createTestDatabase();
    made.push(database);
    const db = await openPostgres(database.url, { poolSize: 8 });
    return postgresStore(db, "test", { owner: "contract", leaseSeconds: 60 });
  });
});
