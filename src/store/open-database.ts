import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type Database from "better-sqlite3";
import { InternalError, UsageError } from "../errors.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

export type NectrDatabase = Database.Database;

// The native binding loads with the first database opened, not with every command that could open one.
const require = createRequire(import.meta.url);

/**
 * The one database handle: nectr.db in the data folder (0600, in a 0700 folder), WAL so readers
 * never wait for the writer, a busy timeout for the CLI and the daemon side by side, foreign keys
 * on, and every pending migration applied before anything else runs.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): NectrDatabase {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let db: NectrDatabase;
  try {
    const BetterSqlite3 = require("better-sqlite3") as typeof Database;
    db = new BetterSqlite3(file);
  } catch (error) {
    throw new UsageError(`cannot open the database ${file}`, {
      hint: "check the data folder's permissions (NECTR_HOME)",
      cause: error,
    });
  }
  chmodSync(file, 0o600);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  migrate(db, migrations);
  return db;
}

export function schemaVersion(db: NectrDatabase): number {
  return Number(db.pragma("user_version", { simple: true }));
}

/**
 * Applies what is pending in one immediate transaction, reading the schema version inside it: two
 * processes opening a fresh database at once (a daemon and `nectr connect`) take turns, and the
 * second finds the work done.
 */
function migrate(db: NectrDatabase, migrations: readonly Migration[]): void {
  const newest = migrations.at(-1)?.version ?? 0;
  if (schemaVersion(db) === newest) return;
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current > newest) {
      throw new InternalError(`the database is from a newer nectr (schema ${current}, this one knows ${newest})`, {
        hint: "upgrade nectr",
      });
    }
    for (const migration of migrations.filter((each) => each.version > current)) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
