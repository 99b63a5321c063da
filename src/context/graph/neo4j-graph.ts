import neo4j, { type Driver, type Record as Neo4jRecord, type RoutingControl } from "neo4j-driver";
import { RemoteError, UsageError } from "../../errors.js";
import { issueKey, parseIssueReference } from "./issue-reference.js";
import type { IndexedPullRequest, KnowledgeGraph } from "./knowledge-graph.js";
import {
  FILE_EXPERTS,
  HOTSPOTS,
  INDEX_FILES,
  INDEX_PULL_REQUESTS,
  MISSING_CO_CHANGES,
  RELATED_PULL_REQUESTS,
  SCHEMA_STATEMENTS,
} from "./neo4j-cypher.js";
import { floatField, integerField, nullableStringField, stringField, stringListField } from "./neo4j-record-fields.js";

export interface Neo4jGraphOptions {
  /** The Neo4j database to use; the server's default database when left out. */
  database?: string;
}

export interface Neo4jSettings {
  uri: string;
  user: string | undefined;
  password: string | undefined;
}

/**
 * Without a server the driver retries a query for about 30 s by default; a review should fall
 * back or fail within seconds instead.
 */
const MAX_TRANSACTION_RETRY_TIME_MS = 2_000;

const NEO4J_HINT =
  "check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI to use the embedded SQLite graph";

/** The knowledge graph in Neo4j from nectr's settings; the graph owns its driver. */
export function neo4jGraphFromSettings(settings: Neo4jSettings): KnowledgeGraph {
  const auth = neo4j.auth.basic(settings.user ?? "neo4j", settings.password ?? "");
  try {
    return createNeo4jGraph(
      neo4j.driver(settings.uri, auth, { maxTransactionRetryTime: MAX_TRANSACTION_RETRY_TIME_MS }),
    );
  } catch (error) {
    throw new UsageError(`NEO4J_URI "${settings.uri}" cannot be used: ${messageOf(error)}`, {
      hint: "use a URI such as neo4j://localhost:7687 or bolt://localhost:7687",
      cause: error,
    });
  }
}

/**
 * The knowledge graph in Neo4j (same behaviour as the SQLite graph). Repository names are stored
 * lower-case, as GitHub compares them case-insensitively. `close()` closes the driver.
 */
export function createNeo4jGraph(driver: Driver, options: Neo4jGraphOptions = {}): KnowledgeGraph {
  let schemaCreated: Promise<void> | undefined;

  async function run(cypher: string, parameters: object, routing: RoutingControl): Promise<Neo4jRecord[]> {
    try {
      const { records } = await driver.executeQuery(cypher, parameters, { database: options.database, routing });
      return records;
    } catch (error) {
      throw new RemoteError(`the Neo4j knowledge graph failed: ${messageOf(error)}`, {
        hint: NEO4J_HINT,
        cause: error,
      });
    }
  }

  function createSchema(): Promise<void> {
    schemaCreated ??= (async () => {
      for (const statement of SCHEMA_STATEMENTS) await run(statement, {}, neo4j.routing.WRITE);
    })().catch((error: unknown) => {
      schemaCreated = undefined;
      throw error;
    });
    return schemaCreated;
  }

  async function write(cypher: string, parameters: object): Promise<void> {
    await createSchema();
    await run(cypher, parameters, neo4j.routing.WRITE);
  }

  async function read(cypher: string, parameters: object): Promise<Neo4jRecord[]> {
    await createSchema();
    return run(cypher, parameters, neo4j.routing.READ);
  }

  return {
    async indexPullRequests(pulls) {
      if (pulls.length === 0) return;
      await write(INDEX_PULL_REQUESTS, { pulls: pulls.map(pullRequestParameters) });
    },

    async indexFiles(repo, paths) {
      if (paths.length === 0) return;
      await write(INDEX_FILES, { repo: repo.toLowerCase(), files: fileParameters(repo, paths) });
    },

    async relatedPullRequests(repo, paths, excludeNumber, limit) {
      const records = await read(RELATED_PULL_REQUESTS, {
        fileKeys: fileKeys(repo, paths),
        excludeNumber: neo4j.int(excludeNumber),
        limit: neo4j.int(limit),
      });
      return records.map((record) => ({
        number: integerField(record, "number"),
        title: stringField(record, "title"),
        author: stringField(record, "author"),
        state: stringField(record, "state"),
        mergedAt: nullableStringField(record, "mergedAt"),
        sharedFiles: stringListField(record, "sharedFiles"),
      }));
    },

    async fileExperts(repo, paths, limit) {
      const records = await read(FILE_EXPERTS, { fileKeys: fileKeys(repo, paths), limit: neo4j.int(limit) });
      return records.map((record) => ({
        login: stringField(record, "login"),
        pullRequests: integerField(record, "pullRequests"),
        files: stringListField(record, "files"),
      }));
    },

    async hotspots(repo, limit) {
      const records = await read(HOTSPOTS, { repo: repo.toLowerCase(), limit: neo4j.int(limit) });
      return records.map((record) => ({
        path: stringField(record, "path"),
        pullRequests: integerField(record, "pullRequests"),
      }));
    },

    async missingCoChanges(repo, paths, { minTogether, minRatio, limit }) {
      const records = await read(MISSING_CO_CHANGES, {
        fileKeys: fileKeys(repo, paths),
        minTogether: neo4j.int(minTogether),
        minRatio,
        limit: neo4j.int(limit),
      });
      return records.map((record) => ({
        changed: stringField(record, "changed"),
        usuallyWith: stringField(record, "usuallyWith"),
        together: integerField(record, "together"),
        ratio: floatField(record, "ratio"),
      }));
    },

    async close() {
      await driver.close();
    },
  };
}

function pullRequestParameters(pull: IndexedPullRequest) {
  const repo = pull.repo.toLowerCase();
  const files = fileParameters(repo, pull.files);
  const closes = pull.closes.map(parseIssueReference).map((issue) => ({
    key: issueKey(issue),
    repo: issue.repo.toLowerCase(),
    number: neo4j.int(issue.number),
  }));
  return {
    key: `${repo}#${pull.number}`,
    repo,
    number: neo4j.int(pull.number),
    title: pull.title,
    author: pull.author,
    state: pull.state,
    createdAt: pull.createdAt,
    mergedAt: pull.mergedAt,
    files,
    closes,
    keptKeys: [...files, ...closes].map((node) => node.key),
  };
}

function fileParameters(repo: string, paths: readonly string[]) {
  return paths.map((path) => ({ key: fileKey(repo, path), path }));
}

function fileKeys(repo: string, paths: readonly string[]): string[] {
  return paths.map((path) => fileKey(repo, path));
}

function fileKey(repo: string, path: string): string {
  return `${repo.toLowerCase()}:${path}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
