import type { z } from "zod";
import type { DiffFile, FileStatus } from "../diff/types.js";

// What the review pipeline needs from the outside, as interfaces. The CLI and the daemon wire
// GitHub, git and an LLM behind them; review/ itself does no I/O.

export interface ChangeInfo {
  /** The pull request, or undefined for a local change. */
  pr: { owner: string; repo: string; number: number } | undefined;
  title: string;
  body: string;
  author: string;
  headSha: string;
  baseSha: string;
  baseRef: string;
  headRef: string;
  draft: boolean;
  /** How many files the change touches by GitHub's count; more than `files` when GitHub lists only 3,000. */
  changedFiles: number;
}

export interface ChangedFile extends DiffFile {
  /** GitHub left the patch out (a very large diff); the pipeline rebuilds it from both texts. */
  patchMissing: boolean;
}

export interface ChangeSet {
  info: ChangeInfo;
  files: ChangedFile[];
}

/** A file as GitHub lists it, its patch not parsed yet: parsing is CPU work on the PR's content. */
export interface ListedFile {
  path: string;
  /** The path before a rename, or null. */
  previousPath: string | null;
  status: FileStatus;
  additions: number;
  deletions: number;
  /** The file's hunks as text, or null where GitHub left them out (binary, or too large). */
  patch: string | null;
}

/** A change as its source reads it, before any of its content is parsed (see parse-change.ts). */
export interface RawChange {
  info: ChangeInfo;
  diff: { kind: "patches"; files: ListedFile[] } | { kind: "unified"; text: string };
}

/** What context gathering needs to know of a change: its description and its paths, not its content. */
export interface ChangeOutline {
  info: ChangeInfo;
  paths: string[];
}

export interface TextRequest {
  path: string;
  at: "head" | "base";
}

export type FileText = { text: string; truncated: boolean } | null;

export interface ChangeSource {
  load(): Promise<RawChange>;
  /** `.nectr.yml` from the default branch (the base, locally), or undefined when there is none. */
  readRepoConfig(): Promise<string | undefined>;
  /** Texts in one round trip where the source allows; null for a missing or binary file. */
  readTexts(requests: readonly TextRequest[]): Promise<Map<string, FileText>>;
}

export function textKey(request: TextRequest): string {
  return `${request.at}:${request.path}`;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LlmRequest<T> {
  system: string;
  user: string;
  schema: z.ZodType<T>;
  schemaName: string;
  maxOutputTokens: number;
  /** The prompt's tokens as counted where it was written, for a budget to reserve; bytes when unknown. */
  promptTokens?: number;
}

/**
 * How much of a review's analysis time is left. The pipeline checks it between files and stops its
 * CPU work on PR content when none is, so a hostile change ends with what was found so far.
 */
export interface TimeBox {
  remainingMs(): number;
}

export const UNLIMITED_TIME: TimeBox = { remainingMs: () => Number.POSITIVE_INFINITY };

export interface LlmPort {
  model: string;
  /** One structured completion, validated against `schema`; throws after its own retries. */
  complete<T>(request: LlmRequest<T>): Promise<{ value: T; usage: LlmUsage }>;
}
