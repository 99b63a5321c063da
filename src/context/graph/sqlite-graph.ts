import type { NectrDatabase } from "../../store/open-database.js";
import { coChangeFromRow } from "./co-change-row.js";
import { issueKey, parseIssueReference } from "./issue-reference.js";
import type { IndexedPullRequest, KnowledgeGraph } from "./knowledge-graph.js";
import { graphStatements } from "./sqlite-graph-statements.js";

/**
 * The embedded knowledge graph: the tables of migration 4 in nectr's one database. Repository
 * names compare case-insensitively (the columns are NOCASE). `close()` leaves the database open:
 * it belongs to whoever opened it.
 */
export function createSqliteGraph(db: NectrDatabase): KnowledgeGraph {
  const statements = graphStatements(db);

  const writePullRequests = db.transaction((pulls: readonly IndexedPullRequest[]) => {
    for (const pull of pulls) {
      const key = { repo: pull.repo, number: pull.number };
      statements.upsertPullRequest.run({ ...key, ...pullRequestFields(pull) });
      statements.deleteStaleTouches.run({ ...key, paths: JSON.stringify(pull.files) });
      for (const path of pull.files) statements.insertTouch.run({ ...key, path });
      const closed = pull.closes.map(parseIssueReference);
      statements.deleteStaleCloses.run({ ...key, closes: JSON.stringify(closed.map(issueKey)) });
      for (const issue of closed) {
        statements.insertClose.run({ ...key, issueRepo: issue.repo, issueNumber: issue.number });
      }
    }
  });

  const writeFiles = db.transaction((repo: string, paths: readonly string[]) => {
    for (const path of paths) statements.insertFile.run({ repo, path });
  });

  return {
    async indexPullRequests(pulls) {
      writePullRequests(pulls);
    },

    async indexFiles(repo, paths) {
      writeFiles(repo, paths);
    },

    async relatedPullRequests(repo, paths, excludeNumber, limit) {
      const rows = statements.relatedPullRequests.all({ repo, paths: JSON.stringify(paths), excludeNumber, limit });
      return rows.map((row) => ({
        number: row.number,
        title: row.title,
        author: row.author,
        state: row.state,
        mergedAt: row.merged_at,
        sharedFiles: pathList(row.shared_files),
      }));
    },

    async fileExperts(repo, paths, limit) {
      const rows = statements.fileExperts.all({ repo, paths: JSON.stringify(paths), limit });
      return rows.map((row) => ({ login: row.login, pullRequests: row.pull_requests, files: pathList(row.files) }));
    },

    async hotspots(repo, limit) {
      return statements.hotspots
        .all({ repo, limit })
        .map((row) => ({ path: row.path, pullRequests: row.pull_requests }));
    },

    async missingCoChanges(repo, paths, { minTogether, minRatio, limit }) {
      const rows = statements.missingCoChanges.all({
        repo,
        paths: JSON.stringify(paths),
        minTogether,
        minRatio,
        limit,
      });
      return rows.map(coChangeFromRow);
    },

    async close() {},
  };
}

function pullRequestFields(pull: IndexedPullRequest) {
  return {
    title: pull.title,
    author: pull.author,
    state: pull.state,
    createdAt: pull.createdAt,
    mergedAt: pull.mergedAt,
  };
}

/** The JSON array of paths that json_group_array built. */
function pathList(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((path): path is string => typeof path === "string");
}
