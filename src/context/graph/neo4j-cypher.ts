// Every Cypher statement the Neo4j knowledge graph sends, in one place. Node keys carry the
// lower-cased repository ("owner/name#12" for a pull request, "owner/name:path" for a file,
// "owner/name#7" for an issue), so MERGE on one unique property is enough and repositories never
// share a node. Each write is one UNWIND ... MERGE statement: one transaction per call.

/** Constraints and indexes, created once per graph before its first statement; all idempotent. */
export const SCHEMA_STATEMENTS: readonly string[] = [
  "CREATE CONSTRAINT repository_name IF NOT EXISTS FOR (repository:Repository) REQUIRE repository.name IS UNIQUE",
  "CREATE CONSTRAINT pull_request_key IF NOT EXISTS FOR (pr:PullRequest) REQUIRE pr.key IS UNIQUE",
  "CREATE CONSTRAINT file_key IF NOT EXISTS FOR (file:File) REQUIRE file.key IS UNIQUE",
  "CREATE CONSTRAINT developer_login IF NOT EXISTS FOR (developer:Developer) REQUIRE developer.login IS UNIQUE",
  "CREATE CONSTRAINT issue_key IF NOT EXISTS FOR (issue:Issue) REQUIRE issue.key IS UNIQUE",
  "CREATE INDEX file_repo IF NOT EXISTS FOR (file:File) ON (file.repo)",
];

/** Upserts each PR with its author, files and closed issues, then drops the edges it no longer has. */
export const INDEX_PULL_REQUESTS = `UNWIND $pulls AS pull
MERGE (pr:PullRequest {key: pull.key})
SET pr.repo = pull.repo, pr.number = pull.number, pr.title = pull.title, pr.author = pull.author,
    pr.state = pull.state, pr.createdAt = pull.createdAt, pr.mergedAt = pull.mergedAt
MERGE (author:Developer {login: pull.author})
MERGE (pr)-[:AUTHORED_BY]->(author)
FOREACH (file IN pull.files |
  MERGE (touched:File {key: file.key})
  ON CREATE SET touched.repo = pull.repo, touched.path = file.path
  MERGE (pr)-[:TOUCHES]->(touched))
FOREACH (issue IN pull.closes |
  MERGE (closed:Issue {key: issue.key})
  ON CREATE SET closed.repo = issue.repo, closed.number = issue.number
  MERGE (pr)-[:CLOSES]->(closed))
WITH pr, pull
MATCH (pr)-[stale:TOUCHES|CLOSES]->(target)
WHERE NOT target.key IN pull.keptKeys
DELETE stale`;

export const INDEX_FILES = `MERGE (repository:Repository {name: $repo})
WITH repository
UNWIND $files AS file
MERGE (contained:File {key: file.key})
ON CREATE SET contained.repo = $repo, contained.path = file.path
MERGE (repository)-[:CONTAINS]->(contained)`;

export const RELATED_PULL_REQUESTS = `MATCH (pr:PullRequest)-[:TOUCHES]->(file:File)
WHERE file.key IN $fileKeys AND pr.number <> $excludeNumber
WITH pr, file.path AS path
ORDER BY path
WITH pr, collect(path) AS sharedFiles
RETURN pr.number AS number, pr.title AS title, pr.author AS author, pr.state AS state,
       pr.mergedAt AS mergedAt, sharedFiles
ORDER BY size(sharedFiles) DESC, pr.createdAt DESC, number DESC
LIMIT $limit`;

export const FILE_EXPERTS = `MATCH (author:Developer)<-[:AUTHORED_BY]-(pr:PullRequest)-[:TOUCHES]->(file:File)
WHERE file.key IN $fileKeys
WITH author, pr, file.path AS path
ORDER BY path
WITH author, count(DISTINCT pr) AS pullRequests, collect(DISTINCT path) AS files
RETURN author.login AS login, pullRequests, files
ORDER BY pullRequests DESC, login
LIMIT $limit`;

export const HOTSPOTS = `MATCH (pr:PullRequest)-[:TOUCHES]->(file:File {repo: $repo})
RETURN file.path AS path, count(pr) AS pullRequests
ORDER BY pullRequests DESC, path
LIMIT $limit`;

export const MISSING_CO_CHANGES = `MATCH (pr:PullRequest)-[:TOUCHES]->(changedFile:File)
WHERE changedFile.key IN $fileKeys
WITH changedFile, collect(pr) AS pulls
UNWIND pulls AS pr
MATCH (pr)-[:TOUCHES]->(otherFile:File)
WHERE NOT otherFile.key IN $fileKeys
WITH changedFile.path AS changed, otherFile.path AS usuallyWith, count(pr) AS together, size(pulls) AS total
WITH changed, usuallyWith, together, toFloat(together) / total AS ratio
WHERE together >= $minTogether AND ratio >= $minRatio
RETURN changed, usuallyWith, together, ratio
ORDER BY ratio DESC, together DESC, changed, usuallyWith
LIMIT $limit`;
