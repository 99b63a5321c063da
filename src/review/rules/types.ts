import type { Finding, ReviewFile } from "../types.js";

/** A built-in check: pure, runs with or without an LLM. */
export interface Rule {
  /** Prefix of the ids of the findings it raises, e.g. "secret" for "secret/aws-key". */
  id: string;
  description: string;
  /** Reads the files together (a lock file and its manifest); otherwise it is given one file at a time. */
  acrossFiles?: true;
  check(files: readonly ReviewFile[]): Finding[];
}
