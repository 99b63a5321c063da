import type { MemoryItem, MemoryKind, NewMemory } from "../../review/review-context.js";

/** A memory as both embedded stores (SQLite, PostgreSQL) keep it. */
export interface MemoryRow {
  id: number;
  repo: string;
  kind: MemoryKind;
  text: string;
  source: NewMemory["source"];
  created_at: string;
}

export function memoryFromRow(row: MemoryRow): MemoryItem {
  return {
    id: String(row.id),
    repo: row.repo,
    kind: row.kind,
    text: row.text,
    source: row.source,
    createdAt: row.created_at,
  };
}
