import type { DiffFile, DiffSide } from "../diff/types.js";

// The review's data, in the SPEC's JSON shape ("A review"). One place knows it.

export type Severity = "critical" | "warning" | "suggestion" | "nit";

export const SEVERITIES: readonly Severity[] = ["critical", "warning", "suggestion", "nit"];

export type Verdict = "approve" | "comment" | "request_changes";

export interface Finding {
  path: string;
  /** Always a line the diff shows on `side`, so GitHub accepts an inline comment there. */
  line: number;
  startLine: number | null;
  side: DiffSide;
  severity: Severity;
  /** The check that raised it: "secret/aws-key", "debug/console-log", "llm", ... */
  rule: string;
  title: string;
  body: string;
  /** Replacement text for the line range (a ```suggestion block), or null. */
  suggestion: string | null;
}

/** A changed file as the review sees it: the diff, plus the new text when it was fetched. */
export interface ReviewFile extends DiffFile {
  /** Full text of the file at the head; undefined when not fetched (binary, skipped, removed). */
  headText: string | undefined;
}
