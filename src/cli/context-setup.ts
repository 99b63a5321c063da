import { randomBytes } from "node:crypto";
import type { Settings } from "../config/load-settings.js";
import { createContextGatherer } from "../context/gather-context.js";
import type { Hotspot, KnowledgeGraph } from "../context/graph/knowledge-graph.js";
import { createSqliteGraph } from "../context/graph/sqlite-graph.js";
import { gatherMcpContext } from "../context/mcp/gather-mcp-context.js";
import type { McpConnections } from "../context/mcp/mcp-connections.js";
import { createMem0Memory } from "../context/memory/mem0-memory.js";
import type { ReviewMemory } from "../context/memory/review-memory.js";
import { createSqliteMemory } from "../context/memory/sqlite-memory.js";
import type { GitHubClient } from "../github/create-octokit.js";
import { formatRepoRef, type RepoRef } from "../github/refs.js";
import { fetchDefaultBranchFiles, fetchMergedPullRequests } from "../github/repo-history.js";
import { createOpenAiToolLlm } from "../llm/openai-tool-llm.js";
import { closingIssueRefs } from "../review/linked-issues.js";
import type { ChangeOutline, ChangeSource, LlmPort } from "../review/ports.js";
import { reviewBasis } from "../review/review-basis.js";
import type { ReviewContext } from "../review/review-context.js";
import type { SecretMask } from "../review/secret-masks.js";
import type { Review } from "../review/types.js";
import type { SpendBudget } from "../llm/spend-budget.js";
import type { OpenedStore, StoreBackend } from "../store/open-store.js";
import { version } from "../version.js";

/** Merged PRs indexed when a repository is connected. */
const INDEXED_PULL_REQUESTS = 100;
/** Tool calls the model may make to MCP servers per review. */
const MAX_MCP_TOOL_CALLS = 5;

export interface ContextSetup {
  memory(): Promise<ReviewMemory>;
  /** `budget`, when given, is charged for what the MCP gathering asks of the LLM. */
  gatherer(
    source: ChangeSource,
    repo: string | undefined,
    octokit: GitHubClient | undefined,
    budget?: SpendBudget,
  ): (change: ChangeOutline, masks: readonly SecretMask[]) => Promise<ReviewContext>;
  /** The default branch's files and the last 100 merged PRs, so context exists from the first review. */
  indexRepository(octokit: GitHubClient, ref: RepoRef): Promise<{ files: number; pullRequests: number }>;
  /** What the team dismissed becomes a memory of the repo, so later reviews know it too. */
  rememberDismissals(
    dismissed: readonly { path: string; title: string; rule: string }[],
    repo: string,
    prNumber: number,
  ): Promise<void>;
  /** Indexes the reviewed PR in the graph and keeps the review's learnings in memory. */
  learnFrom(review: Review, repo: string): Promise<void>;
  /** What a review of `repo` now would be based on besides the code (.nectr.yml, memory, model). */
  basisOf(repo: string, source: ChangeSource): Promise<string>;
  /** The files most PRs of `repo` touched, for the daemon's status page. */
  hotspots(repo: string, limit: number): Promise<Hotspot[]>;
  close(): Promise<void>;
}

/**
 * The context backends the settings choose: Neo4j when NEO4J_URI is set, else the graph in nectr's
 * database (SQLite, or PostgreSQL with NECTR_DATABASE_URL); Mem0 (platform with MEM0_API_KEY, or
 * its library with `mem0.oss`), else memory in nectr's database; MCP
 * servers from config, used only when there is an LLM to decide which tools to call. Each is
 * made when first used, so a local review, which has no repository to remember, opens none.
 */
export function createContextSetup(
  settings: Settings,
  database: () => Promise<OpenedStore>,
  llm: LlmPort | undefined,
  warn: (message: string) => void,
): ContextSetup {
  let graphMade: Promise<KnowledgeGraph> | undefined;
  // Neo4j's driver and the MCP SDK take some 150 ms each to load: only when configured.
  const graph = () =>
    (graphMade ??= settings.neo4j
      ? import("../context/graph/neo4j-graph.js").then((neo4j) => neo4j.neo4jGraphFromSettings(settings.neo4j!))
      : database().then(({ backend }) => embeddedGraph(backend)));
  let memoryMade: Promise<ReviewMemory> | undefined;
  const memory = () => (memoryMade ??= chooseMemory(settings, database));
  let mcp: Promise<McpConnections> | undefined;
  const servers = settings.mcpServers;
  const toolLlm =
    llm && Object.keys(servers).length > 0
      ? createOpenAiToolLlm({
          baseUrl: settings.openaiBaseUrl,
          apiKey: settings.openaiApiKey,
          model: llm.model,
          timeoutMs: settings.llmTimeoutSeconds * 1000,
        })
      : undefined;
  const external = (budget: SpendBudget | undefined) =>
    toolLlm
      ? async (change: ChangeOutline, masks: readonly SecretMask[]) => {
          mcp ??= import("../context/mcp/mcp-connections.js").then(({ connectMcpServers }) =>
            connectMcpServers(servers, {
              timeoutMs: settings.mcpTimeoutSeconds * 1000,
              log: warn,
              clientName: "nectr",
              clientVersion: version,
            }),
          );
          const connections = await mcp;
          const pr = {
            title: change.info.title,
            body: change.info.body,
            branch: change.info.headRef,
            paths: change.paths,
          };
          return gatherMcpContext({
            connections,
            llm: budget ? budget.toolLlm(toolLlm) : toolLlm,
            pr,
            masks,
            maxToolCalls: MAX_MCP_TOOL_CALLS,
            boundary: randomBytes(8).toString("hex"),
          });
        }
      : undefined;

  return {
    memory,
    gatherer(source, repo, octokit, budget) {
      const sources = { source, repo, octokit, external: external(budget), warn };
      if (!repo) return createContextGatherer({ ...sources, graph: undefined, memory: undefined });
      return async (change, masks) =>
        createContextGatherer({ ...sources, graph: await graph(), memory: await memory() })(change, masks);
    },
    async indexRepository(octokit, ref) {
      const [files, pulls] = await Promise.all([
        fetchDefaultBranchFiles(octokit, ref),
        fetchMergedPullRequests(octokit, ref, INDEXED_PULL_REQUESTS),
      ]);
      await (await graph()).indexFiles(formatRepoRef(ref), files);
      await (await graph()).indexPullRequests(pulls);
      return { files: files.length, pullRequests: pulls.length };
    },
    async rememberDismissals(dismissed, repo, prNumber) {
      for (const entry of dismissed) {
        const text = `The team dismissed "${entry.title}" (${entry.rule}) in ${entry.path} on PR #${prNumber}: do not raise it again.`;
        await memory()
          .then((chosen) => chosen.add(repo, { kind: "decision", text, source: "learned" }))
          .catch((error: unknown) => warn(`remembering a dismissal failed: ${String(error)}`));
      }
    },
    async learnFrom(review, repo) {
      const pr = review.info.pr;
      if (!pr) return;
      const closes = closingIssueRefs(`${review.info.title}\n${review.info.body}`, pr).map(
        (issue) => `${issue.owner}/${issue.repo}#${issue.number}`,
      );
      const files = review.files.map((file) => file.path);
      await (
        await graph()
      )
        .indexPullRequests([
          {
            repo,
            number: pr.number,
            title: review.info.title,
            author: review.info.author,
            state: "open",
            createdAt: new Date().toISOString(),
            mergedAt: null,
            files,
            closes,
          },
        ])
        .catch((error: unknown) => warn(`indexing the PR in the graph failed: ${String(error)}`));
      try {
        for (const learning of review.learnings) await (await memory()).add(repo, { ...learning, source: "learned" });
      } catch (error) {
        warn(`keeping what the review learned failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    async basisOf(repo, source) {
      const [repoConfig, memories] = await Promise.all([
        source.readRepoConfig(),
        memory().then((chosen) => chosen.list(repo)),
      ]);
      return reviewBasis({ repoConfig, memories, model: llm?.model ?? null, version });
    },
    hotspots: async (repo, limit) => (await graph()).hotspots(repo, limit),
    async close() {
      await Promise.all([
        graphMade?.then((made) => made.close()),
        memoryMade?.then((made) => made.close()),
        mcp?.then((connections) => connections.close()),
      ]);
    },
  };
}

async function chooseMemory(settings: Settings, database: () => Promise<OpenedStore>): Promise<ReviewMemory> {
  if (settings.mem0ApiKey)
    return createMem0Memory({
      mode: "platform",
      apiKey: settings.mem0ApiKey,
      ...(settings.mem0?.host && { host: settings.mem0.host }),
    });
  if (settings.mem0?.oss && (settings.openaiBaseUrl || settings.openaiApiKey)) {
    return createMem0Memory({
      mode: "oss",
      dataDir: settings.paths.dataDir,
      baseURL: settings.openaiBaseUrl ?? "https://api.openai.com/v1",
      apiKey: settings.openaiApiKey ?? "not-needed",
      embeddingModel: settings.mem0.embeddingModel ?? "text-embedding-3-small",
      llmModel: settings.mem0.llmModel ?? settings.model,
    });
  }
  const { backend } = await database();
  if (backend.kind === "sqlite") return createSqliteMemory(backend.db);
  const { createPostgresMemory } = await import("../context/memory/postgres-memory.js");
  return createPostgresMemory(backend.db);
}

async function embeddedGraph(backend: StoreBackend): Promise<KnowledgeGraph> {
  if (backend.kind === "sqlite") return createSqliteGraph(backend.db);
  const { createPostgresGraph } = await import("../context/graph/postgres-graph.js");
  return createPostgresGraph(backend.db);
}
