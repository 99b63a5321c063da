import { fileKind } from "../diff/file-kind.js";
import { planTokenBudget, type BudgetPlan } from "../diff/token-budget.js";
import type { TokenPrice } from "../llm/model-prices.js";
import { keepPlaceable, llmRun, newSideLines, verdictOf } from "./assemble-review.js";
import { completeFiles } from "./complete-files.js";
import { reviewWithLlm, type LlmReviewResult } from "./llm-review.js";
import type { ChangeSet, ChangeSource, LlmPort } from "./ports.js";
import { EMPTY_CONTEXT, type ReviewContext } from "./review-context.js";
import { chooseInline, selectFiles } from "./review-selection.js";
import { fileHeading, renderHunk } from "./prompt.js";
import { runRules } from "./rules/built-in-rules.js";
import type { Rule } from "./rules/types.js";
import { overviewText } from "./overview-text.js";
import type { Review, ReviewFile } from "./types.js";

export interface ReviewDependencies {
  source: ChangeSource;
  llm: LlmPort | undefined;
  countTokens: (text: string) => number;
  rules?: readonly Rule[];
  /** What the review knows beyond the diff (graph, memory, issues, .nectr.yml); none when left out. */
  context?: (change: ChangeSet) => Promise<ReviewContext>;
  /** An incremental pass: the files changed since the last reviewed head; undefined for a full review. */
  focus?: (change: ChangeSet) => Promise<ReviewFocus | undefined>;
  progress?: (step: string) => void;
}

export interface ReviewLimits {
  /** Prompt tokens of diff per LLM call. */
  tokensPerCall: number;
  maxCalls: number;
  maxOutputTokens: number;
  /** A random word fencing untrusted text in the prompt (review/ has no randomness of its own). */
  boundary: string;
  /** The model's price, for the cost shown with the usage; none when unknown. */
  price?: TokenPrice;
}

export interface ReviewFocus {
  /** Files changed between the last reviewed head and this one. */
  paths: string[];
  fromSha: string;
  commits: number;
}

/** What a review reads, decided before any LLM call: shared by the review and `--estimate`. */
export interface PreparedReview {
  change: ChangeSet;
  files: ReviewFile[];
  context: ReviewContext;
  reviewable: ReviewFile[];
  skipped: { path: string; reason: string }[];
  /** The LLM's plan; undefined without an LLM. */
  plan: BudgetPlan | undefined;
  /** Set on an incremental pass: only these files go to the LLM. */
  focus: ReviewFocus | undefined;
}

export async function prepareReview(
  deps: ReviewDependencies,
  limits: ReviewLimits,
  planWithoutLlm = false,
): Promise<PreparedReview> {
  const progress = deps.progress ?? (() => {});
  progress("Fetching the change");
  const change = await deps.source.load();
  const { files, unreadable } = await completeFiles(deps.source, change.files);
  progress("Gathering context");
  const context = deps.context ? await deps.context(change) : EMPTY_CONTEXT;
  const { reviewable, skipped } = selectFiles(files, unreadable, context.repoConfig);
  const focus = deps.focus ? await deps.focus(change) : undefined;
  const focused = focus ? reviewable.filter((file) => focus.paths.includes(file.path)) : reviewable;
  const count = deps.countTokens;
  const plan =
    deps.llm || planWithoutLlm
      ? planTokenBudget(
          focused.map((file) => ({ path: file.path, kind: fileKind(file.path, file.binary), hunks: file.hunks })),
          {
            tokensPerCall: limits.tokensPerCall,
            maxCalls: limits.maxCalls,
            headerCost: (path) => count(fileHeading(path, "modified", null)),
            hunkCost: (hunk) => count(renderHunk(hunk)),
          },
        )
      : undefined;
  return { change, files, context, reviewable, skipped, plan, focus };
}

/** gather → analyse: one review of one change, as data. Posting is a separate step. */
export async function runReview(deps: ReviewDependencies, limits: ReviewLimits): Promise<Review> {
  const progress = deps.progress ?? (() => {});
  const { change, files, context, reviewable, skipped, plan, focus } = await prepareReview(deps, limits);

  progress("Running built-in checks");
  const ruleFindings = runRules(reviewable, deps.rules);

  let llmResult: LlmReviewResult | undefined;
  if (deps.llm && plan) {
    const model = deps.llm.model;
    llmResult = await reviewWithLlm({
      llm: deps.llm,
      info: change.info,
      context,
      plan,
      files: new Map(files.map((file) => [file.path, file])),
      boundary: limits.boundary,
      maxOutputTokens: limits.maxOutputTokens,
      onPart: (part, parts) => progress(parts > 1 ? `Asking ${model} (part ${part} of ${parts})` : `Asking ${model}`),
    });
  }

  const placed = keepPlaceable([...ruleFindings, ...(llmResult?.findings ?? [])], files);
  const llm = llmRun(deps.llm, llmResult, limits.price);
  const unchanged = focus ? reviewable.map((file) => file.path).filter((path) => !focus.paths.includes(path)) : [];
  const review: Review = {
    info: change.info,
    overview: "",
    keyChanges: llmResult?.keyChanges ?? [],
    verdict: verdictOf(placed.findings, llmResult?.verdict, llm.status),
    findings: placed.findings,
    inline: chooseInline(placed.findings, context.repoConfig),
    notes: [...placed.notes, ...(llmResult?.notes ?? [])],
    context,
    files: files.map((file) => ({
      path: file.path,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
    })),
    diffLines: new Map(files.map((file) => [file.path, newSideLines(file)])),
    coverage: {
      full: plan ? plan.full : reviewable.map((file) => file.path),
      clipped: plan?.clipped ?? [],
      skipped: [...skipped, ...(plan?.skipped ?? [])],
      unchanged,
      unlisted: Math.max(0, change.info.changedFiles - files.length),
    },
    pass: focus ? { from: focus.fromSha, to: change.info.headSha, commits: focus.commits } : undefined,
    llm,
  };
  return { ...review, overview: overviewText(review.llm, llmResult?.summaries ?? []) };
}
