import type { MissingCoChange } from "../../review/review-context.js";

/** A missing co-change as both embedded graphs' queries (SQLite, PostgreSQL) return it. */
export interface CoChangeRow {
  changed: string;
  usually_with: string;
  together: number;
  ratio: number;
}

export function coChangeFromRow(row: CoChangeRow): MissingCoChange {
  return { changed: row.changed, usuallyWith: row.usually_with, together: row.together, ratio: row.ratio };
}
