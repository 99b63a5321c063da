import type { Statement } from "better-sqlite3";
import type { NectrDatabase } from "./open-database.js";

const statements = new WeakMap<NectrDatabase, Map<string, Statement>>();

/**
 * `db.prepare(sql)`, compiled once per database: compiling a statement costs more than running a
 * small one, and the webhook path runs the same few for every delivery. Only for fixed SQL text —
 * each distinct text stays cached as long as the database is open.
 */
export function prepared<Parameters extends unknown[] = unknown[], Row = unknown>(
  db: NectrDatabase,
  sql: string,
): Statement<Parameters, Row> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement as Statement<Parameters, Row>;
}
