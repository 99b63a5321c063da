import { fetchLinkedIssues } from "../github/linked-issues.js";
import { fetchOpenPullConflicts } from "../github/repo-history.js";
import type { GitHubClient } from "../github/create-octokit.js";
import { closingIssueRefs } from "../review/linked-issues.js";
import type { ChangeOutline, ChangeSource } from "../review/ports.js";
import { parseRepoConfig } from "../review/repo-config.js";
import type { ReviewContext } from "../review/review-context.js";
import type { SecretMask } from "../review/secret-masks.js";
import type { KnowledgeGraph } from "./graph/knowledge-graph.js";
import type { ReviewMemory } from "./memory/review-memory.js";

export interface ContextSources {
  source: ChangeSource;
  /** The repository as "owner/name"; undefined for a local change with no GitHub repo. */
  repo: string | undefined;
  graph: KnowledgeGraph | undefined;
  memory: ReviewMemory | undefined;
  octokit: GitHubClient | undefined;
  /** What MCP servers add, given the change and its secrets to mask (empty when none are configured). */
  external?: (change: ChangeOutline, masks: readonly SecretMask[]) => Promise<string>;
  warn: (message: string) => void;
}

const RELATED_LIMIT = 5;
const MEMORY_LIMIT = 10;

/**
 * Everything the review knows beyond the diff. Each part is optional and fails soft: a context
 * source that errors is logged and left out, never failing the review.
 */
export function createContextGatherer(sources: ContextSources) {
  return async (change: ChangeOutline, masks: readonly SecretMask[]): Promise<ReviewContext> => {
    const paths = change.paths;
    const repo = sources.repo;
    const soft = async <T>(what: string, fallback: T, work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        sources.warn(
          `${what} failed, so the review goes on without it: ${error instanceof Error ? error.message : String(error)}`,
        );
        return fallback;
      }
    };
    const { config, problem } = await parseRepoConfig(
      await soft("reading .nectr.yml", undefined, () => sources.source.readRepoConfig()),
    );
    const { graph, memory, octokit, external } = sources;
    const number = change.info.pr?.number ?? 0;
    const [relatedPullRequests, experts, missingCoChanges] =
      repo && graph
        ? await Promise.all([
            soft("finding related PRs", [], () => graph.relatedPullRequests(repo, paths, number, RELATED_LIMIT)),
            soft("finding file experts", [], () => graph.fileExperts(repo, paths, 3)),
            soft("finding co-changed files", [], () =>
              graph.missingCoChanges(repo, paths, { minTogether: 3, minRatio: 0.6, limit: 5 }),
            ),
          ])
        : [[], [], []];
    const query = `${change.info.title}\n${change.info.body}\n${paths.join("\n")}`;
    const memories =
      repo && memory ? await soft("reading review memory", [], () => memory.search(repo, query, MEMORY_LIMIT)) : [];
    const pr = change.info.pr;
    const issueRefs = pr ? closingIssueRefs(`${change.info.title}\n${change.info.body}`, pr) : [];
    const linkedIssues =
      octokit && pr && issueRefs.length > 0
        ? await soft("reading linked issues", [], () => fetchLinkedIssues(octokit, pr, issueRefs))
        : [];
    const conflicts =
      octokit && pr
        ? await soft("finding open PRs on the same files", [], () =>
            fetchOpenPullConflicts(octokit, pr, paths, pr.number),
          )
        : [];
    const fromTools = external ? await soft("asking MCP servers", "", () => external(change, masks)) : "";
    return {
      repoConfig: config,
      configProblem: problem,
      relatedPullRequests,
      experts,
      missingCoChanges,
      memories,
      linkedIssues,
      conflicts,
      external: fromTools,
    };
  };
}
