// The SQL of the knowledge graph in PostgreSQL (graph_* tables of migration 1). A batch travels as
// one array per column, read with unnest, so a write is three statements whatever its size.
// Repositories are cast to citext: a text parameter would compare with them case-sensitively.

export interface PullRequestRow {
  number: number;
  title: string;
  author: string;
  state: string;
  merged_at: string | null;
  shared_files: string[];
}

export interface ExpertRow {
  login: string;
  pull_requests: number;
  files: string[];
}

export interface HotspotRow {
  path: string;
  pull_requests: number;
}

/** $1..$7: repos, numbers, titles, authors, states, created ats, merged ats. An unchanged row is not rewritten. */
export const UPSERT_PULL_REQUESTS = `
  INSERT INTO graph_pull_requests AS pr (repo, number, title, author, state, created_at, merged_at)
  SELECT * FROM unnest($1::citext[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
  ON CONFLICT (repo, number) DO UPDATE SET title = excluded.title, author = excluded.author,
    state = excluded.state, created_at = excluded.created_at, merged_at = excluded.merged_at
  WHERE (pr.title, pr.author, pr.state, pr.created_at, pr.merged_at)
    IS DISTINCT FROM (excluded.title, excluded.author, excluded.state, excluded.created_at, excluded.merged_at)`;

/**
 * Makes the files of the pull requests $1/$2 (repos, numbers) exactly the touches $3..$5 (repos,
 * numbers, paths): the ones they no longer touch go, the new ones come, the rest stay as they are.
 */
export const REPLACE_TOUCHES = `
  WITH touch AS (SELECT * FROM unnest($3::citext[], $4::integer[], $5::text[]) AS touch (repo, number, path)),
  stale AS (
    DELETE FROM graph_touches AS old USING unnest($1::citext[], $2::integer[]) AS pull (repo, number)
    WHERE old.repo = pull.repo AND old.number = pull.number
      AND NOT EXISTS (
        SELECT FROM touch WHERE touch.repo = old.repo AND touch.number = old.number AND touch.path = old.path
      )
  )
  INSERT INTO graph_touches (repo, number, path) SELECT * FROM touch ON CONFLICT DO NOTHING`;

/** As REPLACE_TOUCHES, for the issues the pull requests close: $3..$6 are repos, numbers, issue repos, issue numbers. */
export const REPLACE_CLOSES = `
  WITH closed AS (
    SELECT * FROM unnest($3::citext[], $4::integer[], $5::citext[], $6::integer[])
      AS closed (repo, number, issue_repo, issue_number)
  ),
  stale AS (
    DELETE FROM graph_closes AS old USING unnest($1::citext[], $2::integer[]) AS pull (repo, number)
    WHERE old.repo = pull.repo AND old.number = pull.number
      AND NOT EXISTS (
        SELECT FROM closed WHERE closed.repo = old.repo AND closed.number = old.number
          AND closed.issue_repo = old.issue_repo AND closed.issue_number = old.issue_number
      )
  )
  INSERT INTO graph_closes (repo, number, issue_repo, issue_number) SELECT * FROM closed ON CONFLICT DO NOTHING`;

/** $1: repo, $2: paths. */
export const INSERT_FILES = `
  INSERT INTO graph_files (repo, path) SELECT $1::citext, path FROM unnest($2::text[]) AS path
  ON CONFLICT DO NOTHING`;

/** $1: repo, $2: paths, $3: the number to leave out, $4: limit. */
export const RELATED_PULL_REQUESTS = `
  SELECT pr.number, pr.title, pr.author, pr.state, pr.merged_at,
         array_agg(touch.path ORDER BY touch.path) AS shared_files
  FROM graph_touches AS touch
  JOIN graph_pull_requests AS pr ON pr.repo = touch.repo AND pr.number = touch.number
  WHERE touch.repo = $1::citext AND touch.number <> $3 AND touch.path = ANY ($2::text[])
  GROUP BY pr.repo, pr.number
  ORDER BY COUNT(*) DESC, pr.created_at DESC, pr.number DESC
  LIMIT $4`;

/** $1: repo, $2: paths, $3: limit. */
export const FILE_EXPERTS = `
  WITH authored AS (
    SELECT pr.author, touch.number, touch.path
    FROM graph_touches AS touch
    JOIN graph_pull_requests AS pr ON pr.repo = touch.repo AND pr.number = touch.number
    WHERE touch.repo = $1::citext AND touch.path = ANY ($2::text[])
  )
  SELECT author AS login, COUNT(DISTINCT number) AS pull_requests,
         array_agg(DISTINCT path ORDER BY path) AS files
  FROM authored
  GROUP BY author
  ORDER BY pull_requests DESC, login
  LIMIT $3`;

/** $1: repo, $2: limit. */
export const HOTSPOTS = `
  SELECT path, COUNT(*) AS pull_requests FROM graph_touches WHERE repo = $1::citext
  GROUP BY path ORDER BY pull_requests DESC, path LIMIT $2`;

/** $1: repo, $2: the changed paths, $3: least pull requests together, $4: least ratio, $5: limit. */
export const MISSING_CO_CHANGES = `
  WITH changed AS (SELECT DISTINCT path FROM unnest($2::text[]) AS path),
  touching_changed AS (
    SELECT touch.path AS changed, touch.number
    FROM changed JOIN graph_touches AS touch ON touch.repo = $1::citext AND touch.path = changed.path
  ),
  pull_requests_per_changed AS (
    SELECT changed, COUNT(*) AS total FROM touching_changed GROUP BY changed
  ),
  pairs AS (
    SELECT touching_changed.changed, other.path AS usually_with, COUNT(*) AS together
    FROM touching_changed
    JOIN graph_touches AS other ON other.repo = $1::citext AND other.number = touching_changed.number
    WHERE other.path NOT IN (SELECT path FROM changed)
    GROUP BY touching_changed.changed, other.path
  ),
  rated AS (
    SELECT pairs.*, pairs.together::float8 / pull_requests_per_changed.total AS ratio
    FROM pairs JOIN pull_requests_per_changed USING (changed)
  )
  SELECT changed, usually_with, together, ratio FROM rated
  WHERE together >= $3 AND ratio >= $4
  ORDER BY ratio DESC, together DESC, changed, usually_with
  LIMIT $5`;
