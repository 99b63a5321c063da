import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { NectrStore } from "./nectr-store.js";
import { openDatabase, type NectrDatabase } from "./open-database.js";
import type { PostgresDatabase } from "./postgres/open-postgres.js";
import { sqliteStore } from "./sqlite-store.js";

export type StoreBackend = { kind: "sqlite"; db: NectrDatabase } | { kind: "postgres"; db: PostgresDatabase };

export interface OpenedStore {
  store: NectrStore;
  /** The database itself, for the knowledge graph and review memory that live beside the store. */
  backend: StoreBackend;
}

export interface StoreSettings {
  /** NECTR_DATABASE_URL; unset means the embedded SQLite file. */
  databaseUrl: string | undefined;
  sqliteFile: string;
  /** Connections PostgreSQL may give this process. */
  poolSize: number;
  /** Seconds a running job stays a daemon's without a renewal (PostgreSQL). */
  leaseSeconds: number;
}

/** The store settings choose; PostgreSQL (and pg) only when NECTR_DATABASE_URL says so. */
export async function openStore(settings: StoreSettings): Promise<OpenedStore> {
  if (settings.databaseUrl === undefined) {
    const db = openDatabase(settings.sqliteFile);
    return { store: sqliteStore(db, settings.sqliteFile), backend: { kind: "sqlite", db } };
  }
  const [{ openPostgres }, { postgresStore }] = await Promise.all([
    import("./postgres/open-postgres.js"),
    import("./postgres/postgres-store.js"),
  ]);
  const db = await openPostgres(settings.databaseUrl, { poolSize: settings.poolSize });
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const store = postgresStore(db, withoutPassword(settings.databaseUrl), {
    owner,
    leaseSeconds: settings.leaseSeconds,
  });
  return { store, backend: { kind: "postgres", db } };
}

/** A database URL fit for output: its password, if any, replaced. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}
