import { DEFAULT_REPO_CONFIG, type RepoConfig } from "./repo-config.js";

// What a review knows beyond the diff, gathered at the edges (src/context) and passed in as data.
// The knowledge graph and review memory backends answer in these shapes.

export interface RelatedPullRequest {
  number: number;
  title: string;
  author: string;
  state: string;
  mergedAt: string | null;
  /** Which of the asked-about files it touched. */
  sharedFiles: string[];
}

export interface FileExpert {
  login: string;
  /** PRs of theirs that touched the asked-about files. */
  pullRequests: number;
  files: string[];
}

export interface MissingCoChange {
  /** A file this PR changes... */
  changed: string;
  /** ...that usually changes together with this one, which the PR leaves alone. */
  usuallyWith: string;
  /** How many past PRs changed both. */
  together: number;
  /** Share of the past PRs touching `changed` that also touched `usuallyWith` (0..1). */
  ratio: number;
}

export type MemoryKind = "pattern" | "decision" | "risk" | "habit" | "rule";

export interface NewMemory {
  kind: MemoryKind;
  text: string;
  source: "learned" | "user";
}

export interface MemoryItem extends NewMemory {
  id: string;
  repo: string;
  createdAt: string;
}

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
