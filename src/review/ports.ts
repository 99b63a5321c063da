import type { z } from "zod";
import type { DiffFile } from "../diff/types.js";

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

export interface TextRequest {
  path: string;
  at: "head" | "base";
}

export type FileText = { text: string; truncated: boolean } | null;

export interface ChangeSource {
  load(): Promise<ChangeSet>;
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
}

export interface LlmPort {
  model: string;
  /** One structured completion, validated against `schema`; throws after its own retries. */
  complete<T>(request: LlmRequest<T>): Promise<{ value: T; usage: LlmUsage }>;
}
