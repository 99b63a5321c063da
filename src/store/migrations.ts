// Numbered schema changes, applied in order at open; `PRAGMA user_version` holds the last one
// applied. Never edit a migration that has shipped: add the next one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "connected repositories",
    sql: `
      CREATE TABLE repos (
        id INTEGER PRIMARY KEY,
        full_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        hook_id INTEGER,
        hook_url TEXT,
        sealed_secret TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        connected_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX repos_hook_id ON repos (hook_id);
    `,
  },
  {
    version: 2,
    name: "deliveries, reviews, findings; the connecting user's token",
    sql: `
      ALTER TABLE repos ADD COLUMN sealed_token TEXT;
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        delivery_id TEXT NOT NULL UNIQUE,
        event TEXT NOT NULL,
        action TEXT,
        repo TEXT COLLATE NOCASE,
        pr_number INTEGER,
        head_sha TEXT,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        received_at TEXT NOT NULL,
        processed_at TEXT,
        payload TEXT NOT NULL
      );
      CREATE INDEX events_status ON events (status, received_at);
      CREATE INDEX events_pull ON events (repo, pr_number, received_at);
      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        repo TEXT NOT NULL COLLATE NOCASE,
        pr_number INTEGER NOT NULL,
        head_sha TEXT NOT NULL,
        event_id INTEGER REFERENCES events (id),
        review_id INTEGER,
        summary_comment_id INTEGER,
        verdict TEXT NOT NULL,
        model TEXT,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE INDEX reviews_pull ON reviews (repo, pr_number, created_at);
      CREATE INDEX reviews_head ON reviews (repo, pr_number, head_sha);
      CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        repo TEXT NOT NULL COLLATE NOCASE,
        pr_number INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        path TEXT NOT NULL,
        line INTEGER NOT NULL,
        rule TEXT NOT NULL,
        status TEXT NOT NULL,
        comment_id INTEGER,
        first_seen_sha TEXT NOT NULL,
        last_seen_sha TEXT NOT NULL,
        UNIQUE (repo, pr_number, fingerprint)
      );
    `,
  },
  {
    version: 3,
    name: "retry times for queued jobs",
    sql: `
      ALTER TABLE events ADD COLUMN next_attempt_at TEXT;
      CREATE INDEX events_queue ON events (status, next_attempt_at, received_at);
    `,
  },
  {
    version: 4,
    name: "knowledge graph",
    sql: `
      CREATE TABLE graph_pull_requests (
        repo TEXT NOT NULL COLLATE NOCASE,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        author TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        merged_at TEXT,
        PRIMARY KEY (repo, number)
      );
      CREATE TABLE graph_files (
        repo TEXT NOT NULL COLLATE NOCASE,
        path TEXT NOT NULL,
        PRIMARY KEY (repo, path)
      );
      CREATE TABLE graph_touches (
        repo TEXT NOT NULL COLLATE NOCASE,
        number INTEGER NOT NULL,
        path TEXT NOT NULL,
        PRIMARY KEY (repo, number, path)
      );
      CREATE INDEX graph_touches_path ON graph_touches (repo, path);
      CREATE TABLE graph_closes (
        repo TEXT NOT NULL COLLATE NOCASE,
        number INTEGER NOT NULL,
        issue_repo TEXT NOT NULL COLLATE NOCASE,
        issue_number INTEGER NOT NULL,
        PRIMARY KEY (repo, number, issue_repo, issue_number)
      );
    `,
  },
  {
    version: 5,
    name: "review memory with full-text search",
    sql: `
      CREATE TABLE memories (
        id INTEGER PRIMARY KEY,
        repo TEXT NOT NULL COLLATE NOCASE,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (repo, text)
      );
      CREATE VIRTUAL TABLE memories_fts USING fts5 (text, content = 'memories', content_rowid = 'id');
      CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
        INSERT INTO memories_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
        INSERT INTO memories_fts (memories_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER memories_fts_update AFTER UPDATE ON memories BEGIN
        INSERT INTO memories_fts (memories_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO memories_fts (rowid, text) VALUES (new.id, new.text);
      END;
    `,
  },
  {
    version: 6,
    name: "findings keep their code and title",
    sql: `
      ALTER TABLE findings ADD COLUMN code TEXT NOT NULL DEFAULT '';
      ALTER TABLE findings ADD COLUMN title TEXT NOT NULL DEFAULT '';
      CREATE INDEX findings_pull ON findings (repo, pr_number, status);
    `,
  },
  {
    version: 7,
    name: "pull requests the team asked nectr to leave alone",
    sql: `
      CREATE TABLE ignored_pulls (
        repo TEXT NOT NULL COLLATE NOCASE,
        pr_number INTEGER NOT NULL,
        ignored_by TEXT NOT NULL,
        ignored_at TEXT NOT NULL,
        PRIMARY KEY (repo, pr_number)
      );
    `,
  },
  {
    version: 8,
    name: "replay keys of deliveries, and what each review was based on",
    sql: `
      ALTER TABLE events ADD COLUMN replay_key TEXT;
      CREATE INDEX events_replay_key ON events (replay_key);
      ALTER TABLE reviews ADD COLUMN basis TEXT;
    `,
  },
  {
    version: 9,
    name: "LLM tokens each repository spent per UTC day, commands each author gave per day",
    sql: `
      CREATE TABLE llm_spend (
        repo TEXT NOT NULL COLLATE NOCASE,
        day TEXT NOT NULL,
        tokens INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (repo, day)
      );
      CREATE TABLE command_uses (
        repo TEXT NOT NULL COLLATE NOCASE,
        author TEXT NOT NULL COLLATE NOCASE,
        day TEXT NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (repo, author, day)
      );
    `,
  },
  {
    version: 10,
    name: "fewer index writes per delivery",
    // Every index a delivery's insert touches is one more page in the WAL and in the next
    // checkpoint. events_queue starts with status too, so it serves every query events_status
    // did; a replay key is only looked up among jobs that run or ran, so only those are indexed.
    sql: `
      DROP INDEX events_status;
      DROP INDEX events_replay_key;
      CREATE INDEX events_replay_key ON events (replay_key) WHERE status IN ('queued', 'running', 'done');
    `,
  },
  {
    version: 11,
    name: "reviews by time",
    // The status page's newest reviews and tokens per day read a range of this, not every review.
    sql: `CREATE INDEX reviews_created ON reviews (created_at, id);`,
  },
  {
    version: 12,
    name: "the GitHub App's installations and their repositories, as its deliveries tell",
    sql: `
      ALTER TABLE events ADD COLUMN installation_id INTEGER;
      CREATE TABLE app_installations (
        id INTEGER PRIMARY KEY,
        account TEXT,
        state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'deleted')),
        updated_at TEXT NOT NULL
      );
      CREATE TABLE app_installation_repos (
        installation_id INTEGER NOT NULL,
        repo TEXT NOT NULL COLLATE NOCASE,
        removed INTEGER NOT NULL CHECK (removed IN (0, 1)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (installation_id, repo)
      );
    `,
  },
];
