import { InternalError } from "../../errors.js";
import type { NectrDatabase } from "../../store/open-database.js";
import type { MemoryKind } from "../../review/review-context.js";
import type { ReviewMemory } from "./review-memory.js";
import { memoryFromRow, type MemoryRow } from "./memory-row.js";
import { searchWords } from "./search-words.js";

type Statements = ReturnType<typeof prepareStatements>;

const statementsByDatabase = new WeakMap<NectrDatabase, Statements>();

/**
 * Review memory in nectr's own database (migration 5): one row a memory, unique per repo and
 * text, searched through the FTS5 index `memories_fts` ranked by bm25.
 */
export function createSqliteMemory(db: NectrDatabase): ReviewMemory {
  const statements = statementsFor(db);
  return {
    async add(repo, memory) {
      const { kind, text, source } = memory;
      statements.insert.run({ repo, kind, text, source, createdAt: new Date().toISOString() });
      const row = statements.findByText.get(repo, text);
      if (!row) throw new InternalError(`a memory just added to ${repo} cannot be read back`);
      return memoryFromRow(row);
    },
    async list(repo) {
      return statements.list.all(repo).map(memoryFromRow);
    },
    async delete(repo, id) {
      if (!/^\d+$/.test(id)) return false;
      return statements.delete.run(Number(id), repo).changes > 0;
    },
    async search(repo, query, limit) {
      if (limit <= 0) return [];
      const rules = statements.userRules.all(repo, limit).map(memoryFromRow);
      const words = searchWords(query);
      if (rules.length === limit || words.length === 0) return rules;
      const learned = statements.search.all(matchExpression(words), repo, limit - rules.length).map(memoryFromRow);
      return [...rules, ...learned];
    },
    // The database handle is the caller's: it is shared with the rest of nectr.
    async close() {},
  };
}

function statementsFor(db: NectrDatabase): Statements {
  let statements = statementsByDatabase.get(db);
  if (!statements) {
    statements = prepareStatements(db);
    statementsByDatabase.set(db, statements);
  }
  return statements;
}

function prepareStatements(db: NectrDatabase) {
  return {
    insert: db.prepare<{ repo: string; kind: MemoryKind; text: string; source: string; createdAt: string }>(
      `INSERT INTO memories (repo, kind, text, source, created_at) VALUES (@repo, @kind, @text, @source, @createdAt)
       ON CONFLICT (repo, text) DO NOTHING`,
    ),
    findByText: db.prepare<[string, string], MemoryRow>("SELECT * FROM memories WHERE repo = ? AND text = ?"),
    list: db.prepare<[string], MemoryRow>("SELECT * FROM memories WHERE repo = ? ORDER BY id"),
    delete: db.prepare<[number, string]>("DELETE FROM memories WHERE id = ? AND repo = ?"),
    userRules: db.prepare<[string, number], MemoryRow>(
      "SELECT * FROM memories WHERE repo = ? AND source = 'user' ORDER BY id LIMIT ?",
    ),
    search: db.prepare<[string, string, number], MemoryRow>(
      `SELECT memories.* FROM memories_fts JOIN memories ON memories.id = memories_fts.rowid
       WHERE memories_fts MATCH ? AND memories.repo = ? AND memories.source <> 'user'
       ORDER BY bm25(memories_fts) LIMIT ?`,
    ),
  };
}

/** Each word quoted (a word holds no quote) and ORed: any shared word counts, bm25 ranks. */
function matchExpression(words: string[]): string {
  return words.map((word) => `"${word}"`).join(" OR ");
}
