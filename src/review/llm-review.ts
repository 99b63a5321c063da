import type { BudgetPlan } from "../diff/token-budget.js";
import { NectrError } from "../errors.js";
import { anchorQuote, anchorQuoteInText } from "./anchor-quote.js";
import type { HunkContext } from "./hunk-context.js";
import type { LlmFinding, LlmReview } from "./llm-schema.js";
import type { ChangeInfo, LlmPort, LlmUsage } from "./ports.js";
import type { ReviewContext } from "./review-context.js";
import { isPraiseOnly } from "./praise.js";
import { fileHeading, SYSTEM_PROMPT, userPrompt } from "./prompt.js";
import { SEVERITIES, type Finding, type ReviewFile, type Verdict } from "./types.js";

/** A model can answer with thousands of findings; beyond this many per call the rest are dropped (and counted). */
export const MAX_FINDINGS_PER_CALL = 50;
const MAX_TITLE = 200;
const MAX_BODY = 4000;

export interface LlmReviewResult {
  findings: Finding[];
  /** Findings whose quote is in none of the files: left out, and counted in the review. */
  unplaced: number;
  summaries: string[];
  keyChanges: string[];
  verdict: Verdict | undefined;
  usage: LlmUsage;
  calls: number;
  /** Why calls failed, as a posted summary may say it: the review says which parts the LLM did not see. */
  failures: string[];
  /** The same, for whoever runs nectr: the endpoint's URL and what to do. */
  failureDetails: string[];
  dropped: number;
}

export interface LlmReviewInput {
  llm: LlmPort;
  info: ChangeInfo;
  context: ReviewContext;
  plan: BudgetPlan;
  /** The unchanged code around each planned file's hunks, for the files whose call has room for it. */
  hunkContexts: ReadonlyMap<string, HunkContext>;
  files: ReadonlyMap<string, ReviewFile>;
  boundary: string;
  maxOutputTokens: number;
  onPart?: (part: number, parts: number) => void;
}

/** Sends each planned chunk to the model, then places every finding by its quote. */
export async function reviewWithLlm(input: LlmReviewInput): Promise<LlmReviewResult> {
  const result: LlmReviewResult = {
    findings: [],
    unplaced: 0,
    summaries: [],
    keyChanges: [],
    verdict: undefined,
    usage: { promptTokens: 0, completionTokens: 0 },
    calls: 0,
    failures: [],
    failureDetails: [],
    dropped: 0,
  };
  const parts = input.plan.chunks.length;
  for (const [index, chunk] of input.plan.chunks.entries()) {
    input.onPart?.(index + 1, parts);
    const promptFiles = chunk.map((planned) => {
      const file = input.files.get(planned.path);
      return {
        path: planned.path,
        heading: fileHeading(planned.path, file?.status ?? "modified", file?.oldPath ?? null),
        hunks: planned.hunks,
        context: input.hunkContexts.get(planned.path),
      };
    });
    const user = userPrompt({
      info: input.info,
      context: input.context,
      files: promptFiles,
      part: index + 1,
      parts,
      boundary: input.boundary,
    });
    result.calls += 1;
    let answer: LlmReview;
    try {
      const completion = await input.llm.complete({
        system: SYSTEM_PROMPT,
        user,
        schema: (await import("./llm-schema.js")).llmReviewSchema,
        schemaName: "review",
        maxOutputTokens: input.maxOutputTokens,
      });
      result.usage.promptTokens += completion.usage.promptTokens;
      result.usage.completionTokens += completion.usage.completionTokens;
      answer = completion.value;
    } catch (error) {
      const files = chunk.map((planned) => planned.path);
      const which = ` (${files.length} file${files.length === 1 ? "" : "s"}: ${files.slice(0, 3).join(", ")}${files.length > 3 ? ", …" : ""})`;
      const message = error instanceof Error ? error.message : String(error);
      result.failures.push(`${error instanceof NectrError ? error.shareable : message}${which}`);
      // Whoever runs nectr gets the endpoint's URL and the hint: what they need to fix it.
      const hint = error instanceof NectrError && error.hint ? `; ${error.hint}` : "";
      result.failureDetails.push(`${message}${which}${hint}`);
      continue;
    }
    result.summaries.push(answer.summary.trim());
    result.keyChanges.push(...answer.keyChanges.map((change) => change.trim()).filter(Boolean));
    result.verdict = severer(result.verdict, answer.verdict);
    const ranked = [...answer.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
    result.dropped += Math.max(0, ranked.length - MAX_FINDINGS_PER_CALL);
    for (const finding of ranked.slice(0, MAX_FINDINGS_PER_CALL)) {
      if (!isPraiseOnly(finding)) place(finding, input.files, result);
    }
  }
  return result;
}

/**
 * Places a finding by its quote: on the diff's lines when it is there, else on the file as a whole
 * when the quote is in the file's new text (code the change relies on); a quote found in neither
 * is the model's invention, counted and left out.
 */
function place(finding: LlmFinding, files: ReadonlyMap<string, ReviewFile>, result: LlmReviewResult): void {
  const file = files.get(finding.path);
  // A quote of the prompt's context lines may keep their "~N: " mark.
  const quote = finding.quote.replace(/^~\d+: ?/gm, "");
  const onDiff = file ? anchorQuote(file.hunks, quote) : undefined;
  const inFile = !onDiff && file?.headText !== undefined ? anchorQuoteInText(file.headText, quote) : undefined;
  const anchor = onDiff ?? inFile;
  if (!anchor) {
    result.unplaced += 1;
    return;
  }
  result.findings.push({
    path: finding.path,
    line: anchor.line,
    startLine: anchor.startLine,
    side: "RIGHT",
    severity: finding.severity,
    rule: "llm",
    title: clip(finding.title.split("\n")[0] ?? "", MAX_TITLE),
    body: clip(finding.body, MAX_BODY),
    // It replaces whole lines: one written for a part of a line would cut the rest of it off.
    suggestion: anchor.wholeLines ? finding.suggestion : null,
    ...(inFile && { subjectType: "file" as const }),
  });
}

const VERDICT_ORDER: readonly Verdict[] = ["approve", "comment", "request_changes"];

export function severer(a: Verdict | undefined, b: Verdict): Verdict {
  return a !== undefined && VERDICT_ORDER.indexOf(a) > VERDICT_ORDER.indexOf(b) ? a : b;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
