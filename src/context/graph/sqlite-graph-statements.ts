import type { NectrDatabase } from "../../store/open-database.js";
import type { CoChangeRow } from "./co-change-row.js";

// The SQL of the embedded knowledge graph (tables of migration 4). Lists of paths travel as one
// JSON array read with json_each, so each statement is prepared once and works for any length.

interface PullRequestRow {
  number: number;
  title: string;
  author: string;
  state: string;
  merged_at: string | null;
  /** JSON array of paths. */
  shared_files: string;
}

interface ExpertRow {
  login: string;
  pull_requests: number;
  /** JSON array of paths. */
  files: string;
}

interface HotspotRow {
  path: string;
  pull_requests: number;
}

interface PullRequestKey {
  repo: string;
  number: number;
}

type PullRequestFields = PullRequestKey & {
  title: string;
  author: string;
  state: string;
  createdAt: string;
  mergedAt: string | null;
};

type GraphStatements = ReturnType<typeof prepareGraphStatements>;

const prepared = new WeakMap<NectrDatabase, GraphStatements>();

/** The graph's statements for `db`, prepared on first use and kept as long as the handle lives. */
export function graphStatements(db: NectrDatabase): GraphStatements {
  const existing = prepared.get(db);
  if (existing) return existing;
  const statements = prepareGraphStatements(db);
  prepared.set(db, statements);
  return statements;
}

function prepareGraphStatements(db: NectrDatabase) {
  return {
    upsertPullRequest: db.prepare<PullRequestFields>(
      `INSERT INTO graph_pull_requests (repo, number, title, author, state, created_at, merged_at)
       VALUES (@repo, @number, @title, @author, @state, @createdAt, @mergedAt)
       ON CONFLICT (repo, number) DO UPDATE SET title = excluded.title, author = excluded.author,
         state = excluded.state, created_at = excluded.created_at, merged_at = excluded.merged_at`,
    ),
    insertTouch: db.prepare<PullRequestKey & { path: string }>(
      "INSERT INTO graph_touches (repo, number, path) VALUES (@repo, @number, @path) ON CONFLICT DO NOTHING",
    ),
    /** Removes the files a PR no longer touches; `paths` is a JSON array. */
    deleteStaleTouches: db.prepare<PullRequestKey & { paths: string }>(
      `DELETE FROM graph_touches WHERE repo = @repo AND number = @number
         AND path NOT IN (SELECT value FROM json_each(@paths))`,
    ),
    insertClose: db.prepare<PullRequestKey & { issueRepo: string; issueNumber: number }>(
      `INSERT INTO graph_closes (repo, number, issue_repo, issue_number)
       VALUES (@repo, @number, @issueRepo, @issueNumber) ON CONFLICT DO NOTHING`,
    ),
    /** Removes the issues a PR no longer closes; `closes` is a JSON array of lower-case "owner/name#N". */
    deleteStaleCloses: db.prepare<PullRequestKey & { closes: string }>(
      `DELETE FROM graph_closes WHERE repo = @repo AND number = @number
         AND lower(issue_repo) || '#' || issue_number NOT IN (SELECT value FROM json_each(@closes))`,
    ),
    insertFile: db.prepare<{ repo: string; path: string }>(
      "INSERT INTO graph_files (repo, path) VALUES (@repo, @path) ON CONFLICT DO NOTHING",
    ),
    relatedPullRequests: db.prepare<
      { repo: string; paths: string; excludeNumber: number; limit: number },
      PullRequestRow
    >(
      `SELECT pr.number, pr.title, pr.author, pr.state, pr.merged_at,
              json_group_array(touch.path ORDER BY touch.path) AS shared_files
       FROM graph_touches AS touch
       JOIN graph_pull_requests AS pr ON pr.repo = touch.repo AND pr.number = touch.number
       WHERE touch.repo = @repo AND touch.number <> @excludeNumber
         AND touch.path IN (SELECT value FROM json_each(@paths))
       GROUP BY pr.number
       ORDER BY COUNT(*) DESC, pr.created_at DESC, pr.number DESC
       LIMIT @limit`,
    ),
    fileExperts: db.prepare<{ repo: string; paths: string; limit: number }, ExpertRow>(
      `WITH authored AS (
         SELECT pr.author, touch.number, touch.path
         FROM graph_touches AS touch
         JOIN graph_pull_requests AS pr ON pr.repo = touch.repo AND pr.number = touch.number
         WHERE touch.repo = @repo AND touch.path IN (SELECT value FROM json_each(@paths))
       )
       SELECT author AS login, COUNT(DISTINCT number) AS pull_requests,
              json_group_array(DISTINCT path ORDER BY path) AS files
       FROM authored
       GROUP BY author
       ORDER BY pull_requests DESC, login
       LIMIT @limit`,
    ),
    hotspots: db.prepare<{ repo: string; limit: number }, HotspotRow>(
      `SELECT path, COUNT(*) AS pull_requests FROM graph_touches WHERE repo = @repo
       GROUP BY path ORDER BY pull_requests DESC, path LIMIT @limit`,
    ),
    missingCoChanges: db.prepare<
      { repo: string; paths: string; minTogether: number; minRatio: number; limit: number },
      CoChangeRow
    >(
      `WITH changed AS (SELECT DISTINCT value AS path FROM json_each(@paths)),
       touching_changed AS (
         SELECT changed.path AS changed, touch.number
         FROM changed JOIN graph_touches AS touch ON touch.repo = @repo AND touch.path = changed.path
       ),
       pull_requests_per_changed AS (
         SELECT changed, COUNT(*) AS total FROM touching_changed GROUP BY changed
       ),
       pairs AS (
         SELECT touching_changed.changed, other.path AS usually_with, COUNT(*) AS together
         FROM touching_changed
         JOIN graph_touches AS other ON other.repo = @repo AND other.number = touching_changed.number
         WHERE other.path NOT IN (SELECT path FROM changed)
         GROUP BY touching_changed.changed, other.path
       )
       SELECT pairs.changed, pairs.usually_with, pairs.together,
              CAST(pairs.together AS REAL) / pull_requests_per_changed.total AS ratio
       FROM pairs JOIN pull_requests_per_changed USING (changed)
       WHERE pairs.together >= @minTogether AND ratio >= @minRatio
       ORDER BY ratio DESC, pairs.together DESC, pairs.changed, pairs.usually_with
       LIMIT @limit`,
    ),
  };
}
