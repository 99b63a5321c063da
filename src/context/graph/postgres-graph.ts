import type { PostgresDatabase } from "../../store/postgres/open-postgres.js";
import { issueKey, parseIssueReference } from "./issue-reference.js";
import type { IndexedPullRequest, KnowledgeGraph } from "./knowledge-graph.js";
import { coChangeFromRow, type CoChangeRow } from "./co-change-row.js";
import {
  type ExpertRow,
  type HotspotRow,
  type PullRequestRow,
  FILE_EXPERTS,
  HOTSPOTS,
  INSERT_FILES,
  MISSING_CO_CHANGES,
  RELATED_PULL_REQUESTS,
  REPLACE_CLOSES,
  REPLACE_TOUCHES,
  UPSERT_PULL_REQUESTS,
} from "./postgres-graph-statements.js";

/**
 * The knowledge graph in PostgreSQL (the graph_* tables of migration 1), with the SQLite graph's
 * behaviour: repository names compare case-insensitively (citext), a batch is written in one
 * transaction. `close()` leaves the pool open: it belongs to whoever opened it.
 *
 * A statement locks rows in the order it writes them, so every batch goes in sorted: two daemons
 * writing the same rows at once then wait for each other instead of deadlocking.
 */
export function createPostgresGraph(db: PostgresDatabase): KnowledgeGraph {
  return {
    async indexPullRequests(pulls) {
      const latest = latestListings(pulls);
      if (latest.length === 0) return;
      const touches = latest.flatMap((pull) => pull.files.map((path) => ({ pull, path })));
      const closes = latest.flatMap((pull) =>
        pull.closes.map((reference) => ({ pull, issue: parseIssueReference(reference) })),
      );
      const keys = [latest.map((pull) => pull.repo), latest.map((pull) => pull.number)];
      await db.transaction(async (tx) => {
        await tx.query(UPSERT_PULL_REQUESTS, [
          ...keys,
          latest.map((pull) => pull.title),
          latest.map((pull) => pull.author),
          latest.map((pull) => pull.state),
          latest.map((pull) => pull.createdAt),
          latest.map((pull) => pull.mergedAt),
        ]);
        await tx.query(REPLACE_TOUCHES, [
          ...keys,
          touches.map((touch) => touch.pull.repo),
          touches.map((touch) => touch.pull.number),
          touches.map((touch) => touch.path),
        ]);
        await tx.query(REPLACE_CLOSES, [
          ...keys,
          closes.map((close) => close.pull.repo),
          closes.map((close) => close.pull.number),
          closes.map((close) => close.issue.repo),
          closes.map((close) => close.issue.number),
        ]);
      });
    },

    async indexFiles(repo, paths) {
      if (paths.length > 0) await db.query(INSERT_FILES, [repo, [...paths].sort()]);
    },

    async relatedPullRequests(repo, paths, excludeNumber, limit) {
      const rows = await db.query<PullRequestRow>(RELATED_PULL_REQUESTS, [repo, paths, excludeNumber, limit]);
      return rows.map((row) => ({
        number: row.number,
        title: row.title,
        author: row.author,
        state: row.state,
        mergedAt: row.merged_at,
        sharedFiles: row.shared_files,
      }));
    },

    async fileExperts(repo, paths, limit) {
      const rows = await db.query<ExpertRow>(FILE_EXPERTS, [repo, paths, limit]);
      return rows.map((row) => ({ login: row.login, pullRequests: row.pull_requests, files: row.files }));
    },

    async hotspots(repo, limit) {
      const rows = await db.query<HotspotRow>(HOTSPOTS, [repo, limit]);
      return rows.map((row) => ({ path: row.path, pullRequests: row.pull_requests }));
    },

    async missingCoChanges(repo, paths, { minTogether, minRatio, limit }) {
      const rows = await db.query<CoChangeRow>(MISSING_CO_CHANGES, [repo, paths, minTogether, minRatio, limit]);
      return rows.map(coChangeFromRow);
    },

    async close() {},
  };
}

/**
 * Each pull request of the batch once, as its last listing (what indexing them one after the other
 * leaves: one statement may not upsert a row twice), sorted by key. Pull requests and issues share
 * GitHub's numbering, so an issue's key is a pull request's too.
 */
function latestListings(pulls: readonly IndexedPullRequest[]): IndexedPullRequest[] {
  const latest = new Map<string, IndexedPullRequest>();
  for (const pull of pulls) latest.set(issueKey(pull), pull);
  return [...latest.keys()].sort().flatMap((key) => latest.get(key) ?? []);
}
