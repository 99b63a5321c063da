import type { DiffFile, DiffSide } from "../diff/types.js";
import type { ClippedLine } from "./clip-long-lines.js";
import type { Learning } from "./learnings.js";
import type { ChangeInfo } from "./ports.js";
import type { ReviewContext } from "./review-context.js";

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
  /**
   * "file": the code is in the file's new text but on no line of the diff, so the finding is posted
   * as a comment on the file (GitHub's `subject_type: "file"`); `line` and `startLine` then number
   * the file's own lines. Absent for a finding on a diff line.
   */
  subjectType?: "file";
}

/** A finding placed on the diff, with its identity across pushes (see fingerprint.ts). */
export interface PlacedFinding extends Finding {
  fingerprint: string;
  /** The code it points at, normalised (see fingerprint.ts). */
  code: string;
}

/** A changed file as the review sees it: the diff, plus the new text when it was fetched. */
export interface ReviewFile extends DiffFile {
  /** Full text of the file at the head; undefined when not fetched (binary, skipped, removed). */
  headText: string | undefined;
}

/** A finding that could not be placed on a line of the diff; the summary lists it. */
export interface Note {
  path: string;
  severity: Severity;
  rule: string;
  title: string;
  body: string;
}

export interface Coverage {
  /** Files the LLM saw whole, or the rules alone when there is no LLM. */
  full: string[];
  /** Files the LLM saw in part (the token budget cut hunks). */
  clipped: string[];
  skipped: { path: string; reason: string }[];
  /** On an incremental pass: files not changed since the last reviewed head, so not sent again. */
  unchanged: string[];
  /** Files GitHub counts in the PR but does not list (its 3,000-file cap). */
  unlisted: number;
  /** Lines longer than the review reads whole (see clip-long-lines.ts). */
  longLines: ClippedLine[];
  /** Files the built-in checks did not reach within the review's time box. */
  unchecked: string[];
}

export interface LlmRun {
  /** "withheld": configured, but not asked for this review (a spent budget, too many secrets to mask). */
  status: "used" | "not-configured" | "failed" | "partial" | "withheld";
  model: string | null;
  promptTokens: number;
  completionTokens: number;
  calls: number;
  /** Why the LLM failed, or which parts it did not see: what the posted summary says. */
  problems: string[];
  /** The same problems for whoever runs nectr (the endpoint's URL, the fix): printed and logged, never posted. */
  problemDetails: string[];
  /** What the calls cost at the model's price, when the price is known. */
  costDollars: number | null;
}

/** One review of one change, before it is posted or printed. */
export interface Review {
  info: ChangeInfo;
  /** What the change does and how the review went, in prose (the summary comment adds the rest). */
  overview: string;
  keyChanges: string[];
  verdict: Verdict;
  /** Every finding placed on the diff. */
  findings: PlacedFinding[];
  /** The ones posted as inline comments: at or above .nectr.yml's threshold, at most its cap. */
  inline: PlacedFinding[];
  notes: Note[];
  context: ReviewContext;
  files: { path: string; status: string; additions: number; deletions: number }[];
  /** Each file's lines on the new side of the diff, normalised: where a finding's code can still be. */
  diffLines: ReadonlyMap<string, ReadonlySet<string>>;
  coverage: Coverage;
  /** An incremental pass: the commits it covered. Undefined for a full review. */
  pass: { from: string; to: string; commits: number } | undefined;
  llm: LlmRun;
  /** Durable lessons about the repository the model drew from this review, for review memory. */
  learnings: Learning[];
}
