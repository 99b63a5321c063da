import type { FileExpert, MissingCoChange, RelatedPullRequest } from "../context/graph/knowledge-graph.js";
import type { MemoryItem } from "../context/memory/review-memory.js";
import { DEFAULT_REPO_CONFIG, type RepoConfig } from "./repo-config.js";

// What a review knows beyond the diff, gathered at the edges (src/context) and passed in as data.

export interface LinkedIssue {
  ref: string;
  title: string;
  state: string;
  body: string;
}

export interface OpenPullConflict {
  number: number;
  title: string;
  author: string;
  sharedFiles: string[];
}

export interface ReviewContext {
  repoConfig: RepoConfig;
  /** Why .nectr.yml was not used, for the summary. */
  configProblem: string | undefined;
  relatedPullRequests: RelatedPullRequest[];
  experts: FileExpert[];
  missingCoChanges: MissingCoChange[];
  memories: MemoryItem[];
  linkedIssues: LinkedIssue[];
  conflicts: OpenPullConflict[];
  /** What MCP servers contributed, summarised; "" for nothing. */
  external: string;
}

export const EMPTY_CONTEXT: ReviewContext = {
  repoConfig: DEFAULT_REPO_CONFIG,
  configProblem: undefined,
  relatedPullRequests: [],
  experts: [],
  missingCoChanges: [],
  memories: [],
  linkedIssues: [],
  conflicts: [],
  external: "",
};
