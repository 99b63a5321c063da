// The knowledge graph's one interface (DESIGN: "optional backends share one interface with their
// embedded SQLite twin"). Model: Repository, File, PullRequest, Developer, Issue; edges
// CONTAINS (repo→file), TOUCHES (PR→file), AUTHORED_BY (PR→developer), CLOSES (PR→issue), and
// co-change between files derived from TOUCHES.

import type { FileExpert, MissingCoChange, RelatedPullRequest } from "../../review/review-context.js";

export interface IndexedPullRequest {
  /** "owner/name". */
  repo: string;
  number: number;
  title: string;
  author: string;
  state: "open" | "closed" | "merged";
  createdAt: string;
  mergedAt: string | null;
  files: string[];
  /** Issues the PR closes, as "owner/name#N". */
  closes: string[];
}

export interface Hotspot {
  path: string;
  pullRequests: number;
}

export interface KnowledgeGraph {
  /** Idempotent: indexing the same PR again changes nothing. Writes are batched. */
  indexPullRequests(pulls: readonly IndexedPullRequest[]): Promise<void>;
  /** The default branch's file tree (CONTAINS), idempotent. */
  indexFiles(repo: string, paths: readonly string[]): Promise<void>;
  /** Past PRs touching any of `paths`, most shared files first, then newest; never `excludeNumber`. */
  relatedPullRequests(
    repo: string,
    paths: readonly string[],
    excludeNumber: number,
    limit: number,
  ): Promise<RelatedPullRequest[]>;
  fileExperts(repo: string, paths: readonly string[], limit: number): Promise<FileExpert[]>;
  hotspots(repo: string, limit: number): Promise<Hotspot[]>;
  /** "You changed A, which usually changes with B": at least `minTogether` past PRs, ratio ≥ `minRatio`. */
  missingCoChanges(
    repo: string,
    paths: readonly string[],
    options: { minTogether: number; minRatio: number; limit: number },
  ): Promise<MissingCoChange[]>;
  close(): Promise<void>;
}
