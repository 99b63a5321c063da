// PostgreSQL's numbered schema changes, numbered like SQLite's (src/store/migrations.ts) but
// their own list: the first one builds what SQLite reached in twelve. `nectr_schema` holds the
// last one applied. Never edit a migration that has shipped: add the next one.
//
// Repository and author names compare case-insensitively, as GitHub's do (citext, a trusted
// extension a database owner may create). Times the daemons write are ISO-8601 UTC text, as in
// SQLite, so both backends return the same records; a job's lease is the one time the database
// keeps itself (timestamptz, `now()`), so every daemon reads one clock.
import type { Migration } from "../migrations.js";

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "every table of the embedded database, and leases for running jobs",
    sql: `
      CREATE EXTENSION IF NOT EXISTS citext;
      CREATE TABLE repos (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        full_name CITEXT NOT NULL UNIQUE,
        hook_id BIGINT,
        hook_url TEXT,
        sealed_secret TEXT,
        sealed_token TEXT,
        active BOOLEAN NOT NULL DEFAULT TRUE,
        connected_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX repos_hook_id ON repos (hook_id);
      CREATE TABLE events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id TEXT NOT NULL UNIQUE,
        event TEXT NOT NULL,
        action TEXT,
        repo CITEXT,
        pr_number INTEGER,
        head_sha TEXT,
        installation_id BIGINT,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        received_at TEXT NOT NULL,
        processed_at TEXT,
        next_attempt_at TEXT,
        replay_key TEXT,
        leased_by TEXT,
        lease_until TIMESTAMPTZ,
        payload TEXT NOT NULL
      );
      -- Payloads are kept as they came, uncompressed, as in SQLite: compressing 20 KB bodies
      -- cost PostgreSQL more CPU per delivery than everything else it does for one.
      ALTER TABLE events ALTER COLUMN payload SET STORAGE EXTERNAL;
      CREATE INDEX events_queue ON events (status, next_attempt_at, received_at);
      CREATE INDEX events_pull ON events (repo, pr_number, received_at);
      CREATE INDEX events_replay_key ON events (replay_key) WHERE status IN ('queued', 'running', 'done');
      CREATE INDEX events_received ON events (received_at);
      -- One running job per pull request, whichever daemon runs it: the database says no to a second.
      CREATE UNIQUE INDEX events_one_running_per_pull ON events (repo, pr_number) WHERE status = 'running' AND pr_number IS NOT NULL;
      CREATE TABLE reviews (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        repo CITEXT NOT NULL,
        pr_number INTEGER NOT NULL,
        head_sha TEXT NOT NULL,
        event_id BIGINT REFERENCES events (id),
        review_id BIGINT,
        summary_comment_id BIGINT,
        verdict TEXT NOT NULL,
        model TEXT,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        basis TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX reviews_pull ON reviews (repo, pr_number, created_at);
      CREATE INDEX reviews_head ON reviews (repo, pr_number, head_sha);
      CREATE INDEX reviews_created ON reviews (created_at, id);
      CREATE TABLE findings (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        repo CITEXT NOT NULL,
        pr_number INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        path TEXT NOT NULL,
        line INTEGER NOT NULL,
        rule TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        code TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        comment_id BIGINT,
        first_seen_sha TEXT NOT NULL,
        last_seen_sha TEXT NOT NULL,
        UNIQUE (repo, pr_number, fingerprint)
      );
      CREATE TABLE ignored_pulls (
        repo CITEXT NOT NULL,
        pr_number INTEGER NOT NULL,
        ignored_by TEXT NOT NULL,
        ignored_at TEXT NOT NULL,
        PRIMARY KEY (repo, pr_number)
      );
      CREATE TABLE llm_spend (
        repo CITEXT NOT NULL,
        day TEXT NOT NULL,
        tokens BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (repo, day)
      );
      CREATE TABLE command_uses (
        repo CITEXT NOT NULL,
        author CITEXT NOT NULL,
        day TEXT NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (repo, author, day)
      );
      CREATE TABLE app_installations (
        id BIGINT PRIMARY KEY,
        account TEXT,
        state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'deleted')),
        updated_at TEXT NOT NULL
      );
      CREATE TABLE app_installation_repos (
        installation_id BIGINT NOT NULL,
        repo CITEXT NOT NULL,
        removed BOOLEAN NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (installation_id, repo)
      );
      -- The graph orders by paths, logins and times bytewise (COLLATE "C"), as SQLite's text
      -- compares, whatever collation the database was created with.
      CREATE TABLE graph_pull_requests (
        repo CITEXT NOT NULL,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        author TEXT COLLATE "C" NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        merged_at TEXT,
        PRIMARY KEY (repo, number)
      );
      CREATE TABLE graph_files (
        repo CITEXT NOT NULL,
        path TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (repo, path)
      );
      CREATE TABLE graph_touches (
        repo CITEXT NOT NULL,
        number INTEGER NOT NULL,
        path TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (repo, number, path)
      );
      CREATE INDEX graph_touches_path ON graph_touches (repo, path);
      CREATE TABLE graph_closes (
        repo CITEXT NOT NULL,
        number INTEGER NOT NULL,
        issue_repo CITEXT NOT NULL,
        issue_number INTEGER NOT NULL,
        PRIMARY KEY (repo, number, issue_repo, issue_number)
      );
      -- A memory's search words are nectr's (src/context/memory/search-words.ts), written with
      -- it: the split its queries get, whatever the server's locale. PostgreSQL's parser would
      -- keep "src/db/schema.sql" one word, and a database of C ctype folds no accented capital.
      CREATE TABLE memories (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        repo CITEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        search TSVECTOR NOT NULL
      );
      -- Unique through md5: a btree entry holds about 2.7 kB at most, and a memory's text is unbounded.
      CREATE UNIQUE INDEX memories_repo_text ON memories (repo, md5(text));
      CREATE INDEX memories_search ON memories USING GIN (search);
    `,
  },
];
