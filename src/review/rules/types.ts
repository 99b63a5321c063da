import type { Finding, ReviewFile } from "../types.js";

/** A built-in check: pure, runs with or without an LLM, over all changed files at once. */
export interface Rule {
  /** Prefix of the ids of the findings it raises, e.g. "secret" for "secret/aws-key". */
  id: string;
  description: string;
  check(files: readonly ReviewFile[]): Finding[];
}
