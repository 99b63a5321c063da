import { InternalError } from "../../errors.js";
import type { PostgresDatabase } from "../../store/postgres/open-postgres.js";
import type { ReviewMemory } from "./review-memory.js";
import { memoryFromRow, type MemoryRow } from "./memory-row.js";
import { searchWords } from "./search-words.js";

const COLUMNS = "id, repo, kind, text, source, created_at";

/**
 * PostgreSQL keeps a lexeme of at most 2047 bytes: a longer one is an error in a tsquery and
 * silently cut to nothing in a tsvector. A word that long (a hash, a blob) is worth no search.
 */
const MAX_LEXEME_BYTES = 2047;

/**
 * Review memory in PostgreSQL (migration 1): one row a memory, unique per repo and text, its
 * search words in the tsvector `search` (GIN-indexed). Repositories are citext, so a text
 * parameter compared with them takes citext's case-insensitive equality.
 *
 * Over a vector without positions ts_rank counts the query's words a memory holds; among equals
 * the memory of fewer words comes first, then the oldest. Unlike SQLite's bm25 it does not weigh
 * a word rare among the memories above a common one.
 */
export function createPostgresMemory(db: PostgresDatabase): ReviewMemory {
  async function memoryWithText(repo: string, text: string): Promise<MemoryRow | undefined> {
    const [row] = await db.query<MemoryRow>(
      `SELECT ${COLUMNS} FROM memories WHERE repo = $1 AND md5(text) = md5($2::text) AND text = $2`,
      [repo, text],
    );
    return row;
  }

  return {
    async add(repo, { kind, text, source }) {
      // A concurrent add of the same text waits for the first to commit, then inserts nothing.
      const [inserted] = await db.query<MemoryRow>(
        `INSERT INTO memories (repo, kind, text, source, created_at, search)
         VALUES ($1, $2, $3, $4, $5, array_to_tsvector($6::text[]))
         ON CONFLICT (repo, md5(text)) DO NOTHING RETURNING ${COLUMNS}`,
        [repo, kind, text, source, new Date().toISOString(), lexemes(text)],
      );
      const row = inserted ?? (await memoryWithText(repo, text));
      if (!row) throw new InternalError(`a memory just added to ${repo} cannot be read back`);
      return memoryFromRow(row);
    },
    async list(repo) {
      const rows = await db.query<MemoryRow>(`SELECT ${COLUMNS} FROM memories WHERE repo = $1 ORDER BY id`, [repo]);
      return rows.map(memoryFromRow);
    },
    async delete(repo, id) {
      // Ids are bigint: anything else is no memory, and must not reach the server as a number.
      if (!/^\d+$/.test(id) || !Number.isSafeInteger(Number(id))) return false;
      const deleted = await db.query("DELETE FROM memories WHERE id = $1 AND repo = $2 RETURNING id", [
        Number(id),
        repo,
      ]);
      return deleted.length > 0;
    },
    async search(repo, query, limit) {
      if (limit <= 0) return [];
      const rules = await db.query<MemoryRow>(
        `SELECT ${COLUMNS} FROM memories WHERE repo = $1 AND source = 'user' ORDER BY id LIMIT $2`,
        [repo, limit],
      );
      const words = lexemes(query);
      if (rules.length === limit || words.length === 0) return rules.map(memoryFromRow);
      const learned = await db.query<MemoryRow>(
        `SELECT ${COLUMNS} FROM memories, CAST($2 AS tsquery) AS query
         WHERE repo = $1 AND source <> 'user' AND search @@ query
         ORDER BY ts_rank(search, query) DESC, length(search), id
         LIMIT $3`,
        [repo, anyWordQuery(words), limit - rules.length],
      );
      return [...rules, ...learned].map(memoryFromRow);
    },
    // The pool is the caller's: it is shared with the rest of nectr.
    async close() {},
  };
}

/** The words a memory is found by and a query looks for: one split for both, so they agree. */
function lexemes(text: string): string[] {
  return searchWords(text).filter((word) => Buffer.byteLength(word) <= MAX_LEXEME_BYTES);
}

/**
 * Each word quoted (it holds only letters and digits, so nothing in it ends the quote) and ORed:
 * any shared word counts. The cast takes the lexemes as they are, without PostgreSQL's parser.
 */
function anyWordQuery(words: string[]): string {
  return words.map((word) => `'${word}'`).join(" | ");
}
