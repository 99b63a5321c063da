import { fileKind } from "../diff/file-kind.js";
import { addContext, planTokenBudget, type BudgetPlan } from "../diff/token-budget.js";
import type { TokenPrice } from "./token-price.js";
import { keepPlaceable, llmRun, newSideLines, verdictOf } from "./assemble-review.js";
import { clipLongLines, type ClippedLine } from "./clip-long-lines.js";
import { completeFiles } from "./complete-files.js";
import { extractLearnings, type Learning } from "./learnings.js";
import { reviewWithLlm, type LlmReviewResult } from "./llm-review.js";
import { withHeadTexts } from "./read-head-texts.js";
import { maskingLlm } from "./masking-llm.js";
import { outlineOf, parseChange } from "./parse-change.js";
import {
  UNLIMITED_TIME,
  type ChangeOutline,
  type ChangeSet,
  type ChangeSource,
  type LlmPort,
  type TimeBox,
} from "./ports.js";
import { EMPTY_CONTEXT, type ReviewContext } from "./review-context.js";
import { chooseInline, selectFiles } from "./review-selection.js";
import { contextAroundHunks, type HunkContext } from "./hunk-context.js";
import { fileHeading, renderedContext, renderHunk } from "./prompt.js";
import { runRules } from "./rules/built-in-rules.js";
import type { Rule } from "./rules/types.js";
import { overviewText } from "./overview-text.js";
import { maskChangeSecrets, MAX_MASKED_SECRETS, type SecretMask } from "./secret-masks.js";
import type { Review, ReviewFile } from "./types.js";

export interface ReviewDependencies {
  source: ChangeSource;
  llm: LlmPort | undefined;
  /** Why the LLM must not be asked for this review (a spent budget), though one is configured. */
  llmWithheld?: string;
  countTokens: (text: string) => number;
  rules?: readonly Rule[];
  /**
   * What the review knows beyond the diff (graph, memory, issues, .nectr.yml); none when left out.
   * `masks` are the secrets found in the change, for any prompt the gathering sends.
   */
  context?: (change: ChangeOutline, masks: readonly SecretMask[]) => Promise<ReviewContext>;
  /** An incremental pass: the files changed since the last reviewed head; undefined for a full review. */
  focus?: (change: ChangeOutline) => Promise<ReviewFocus | undefined>;
  /** The analysis time left; unlimited when left out. */
  time?: TimeBox;
  /** Ask the model for durable learnings about the repository once it reviewed the whole change. */
  learn?: boolean;
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
  /** The change's files as the checks read them. */
  files: ReviewFile[];
  /** The same files with every secret masked: what prompts show and quotes are placed on. */
  maskedFiles: ReviewFile[];
  masks: SecretMask[];
  /** Why the LLM is not asked, when it is configured but must not be. */
  llmWithheld: string | undefined;
  longLines: ClippedLine[];
  context: ReviewContext;
  reviewable: ReviewFile[];
  skipped: { path: string; reason: string }[];
  /** The LLM's plan over the masked files; undefined without an LLM. */
  plan: BudgetPlan | undefined;
  /** The unchanged code around the hunks of each planned file that has room for it, by path. */
  hunkContexts: ReadonlyMap<string, HunkContext>;
  /** Set on an incremental pass: only these files go to the LLM. */
  focus: ReviewFocus | undefined;
}

export async function prepareReview(
  deps: ReviewDependencies,
  limits: ReviewLimits,
  planWithoutLlm = false,
): Promise<PreparedReview> {
  const progress = deps.progress ?? (() => {});
  const time = deps.time ?? UNLIMITED_TIME;
  progress("Fetching the change");
  const change = parseChange(await deps.source.load());
  const completed = await completeFiles(deps.source, change.files, time);
  // Secrets are found on whole lines, so one that a clip would cut in two is still masked.
  const { files: unclippedMasked, masks, tooMany } = maskChangeSecrets(completed.files, change.info);
  const { files, clipped: longLines } = clipLongLines(completed.files);
  const maskedFiles = clipLongLines(unclippedMasked).files;
  progress("Gathering context");
  const outline = outlineOf(change);
  const context = deps.context ? await deps.context(outline, masks) : EMPTY_CONTEXT;
  const { reviewable, skipped } = selectFiles(files, completed.unreadable, context.repoConfig);
  const focus = deps.focus ? await deps.focus(outline) : undefined;
  const llmWithheld =
    deps.llmWithheld ??
    (tooMany
      ? `the change holds more than ${MAX_MASKED_SECRETS} secrets, more than nectr masks in a prompt`
      : undefined);

  const masked = new Map(maskedFiles.map((file) => [file.path, file]));
  const focused = reviewable
    .filter((file) => !focus || focus.paths.includes(file.path))
    .map((file) => masked.get(file.path) ?? file);
  const asked = deps.llm !== undefined && llmWithheld === undefined;
  const count = deps.countTokens;
  const plan =
    asked || planWithoutLlm
      ? planTokenBudget(
          focused.map((file) => ({ path: file.path, kind: fileKind(file.path, file.binary), hunks: file.hunks })),
          {
            tokensPerCall: limits.tokensPerCall,
            maxCalls: limits.maxCalls,
            headerCost: (path) => count(fileHeading(path, "modified", null)),
            hunkCost: (hunk) => count(renderHunk(hunk)),
            outOfTime: () => time.remainingMs() <= 0,
          },
        )
      : undefined;
  const hunkContexts =
    plan && asked ? await planContext(deps, plan, masked, masks, limits.tokensPerCall) : new Map<string, HunkContext>();
  return {
    change,
    files,
    maskedFiles: maskedFiles.map((file) => masked.get(file.path) ?? file),
    masks,
    llmWithheld,
    longLines,
    context,
    reviewable,
    skipped,
    plan,
    hunkContexts,
    focus,
  };
}

/**
 * The unchanged code around the planned files' hunks, where the calls have room: their new texts
 * are read (the planned files only, in one round trip) and kept on the masked files, where
 * findings about code outside the hunks are placed too.
 */
async function planContext(
  deps: ReviewDependencies,
  plan: BudgetPlan,
  masked: Map<string, ReviewFile>,
  masks: readonly SecretMask[],
  tokensPerCall: number,
): Promise<Map<string, HunkContext>> {
  const planned = plan.chunks.flat().flatMap((entry) => masked.get(entry.path) ?? []);
  for (const file of await withHeadTexts(deps.source, planned, masks)) masked.set(file.path, file);
  const contexts = new Map<string, HunkContext>();
  addContext(plan, tokensPerCall, (entry) => {
    const text = masked.get(entry.path)?.headText;
    if (text === undefined) return 0;
    const context = contextAroundHunks(text, entry.hunks);
    contexts.set(entry.path, context);
    return deps.countTokens(renderedContext(context, entry.hunks));
  });
  const kept = new Set(plan.chunks.flat().flatMap((entry) => (entry.withContext ? [entry.path] : [])));
  for (const path of contexts.keys()) if (!kept.has(path)) contexts.delete(path);
  return contexts;
}

/** gather → analyse: one review of one change, as data. Posting is a separate step. */
export async function runReview(deps: ReviewDependencies, limits: ReviewLimits): Promise<Review> {
  const progress = deps.progress ?? (() => {});
  const prepared = await prepareReview(deps, limits);
  const { change, files, maskedFiles, context, reviewable, skipped, plan, focus } = prepared;

  progress("Running built-in checks");
  const rules = runRules(reviewable, deps.rules, deps.time);

  const llm = deps.llm && !prepared.llmWithheld ? maskingLlm(deps.llm, prepared.masks) : undefined;
  let llmResult: LlmReviewResult | undefined;
  if (llm && plan) {
    llmResult = await reviewWithLlm({
      llm,
      info: change.info,
      context,
      plan,
      hunkContexts: prepared.hunkContexts,
      files: new Map(maskedFiles.map((file) => [file.path, file])),
      boundary: limits.boundary,
      maxOutputTokens: limits.maxOutputTokens,
      onPart: (part, parts) =>
        progress(parts > 1 ? `Asking ${llm.model} (part ${part} of ${parts})` : `Asking ${llm.model}`),
    });
  }

  const placed = keepPlaceable([...rules.findings, ...(llmResult?.findings ?? [])], maskedFiles, prepared.longLines);
  const run = llmRun(deps.llm, llmResult, limits.price, prepared.llmWithheld);
  const unchanged = focus ? reviewable.map((file) => file.path).filter((path) => !focus.paths.includes(path)) : [];
  const review: Review = {
    info: change.info,
    overview: "",
    keyChanges: llmResult?.keyChanges ?? [],
    verdict: verdictOf(placed.findings, llmResult?.verdict, run.status),
    findings: placed.findings,
    inline: chooseInline(placed.findings, context.repoConfig),
    notes: placed.notes,
    context,
    files: files.map((file) => ({
      path: file.path,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
    })),
    diffLines: new Map(maskedFiles.map((file) => [file.path, newSideLines(file)])),
    coverage: {
      full: plan ? plan.full : reviewable.map((file) => file.path),
      clipped: plan?.clipped ?? [],
      skipped: [...skipped, ...(plan?.skipped ?? [])],
      unchanged,
      unlisted: Math.max(0, change.info.changedFiles - files.length),
      longLines: prepared.longLines,
      unchecked: rules.unchecked,
    },
    pass: focus ? { from: focus.fromSha, to: change.info.headSha, commits: focus.commits } : undefined,
    llm: run,
    learnings: [],
  };
  const finished = { ...review, overview: overviewText(review.llm, llmResult?.summaries ?? []) };
  return {
    ...finished,
    learnings: llm && deps.learn && run.status === "used" ? await learn(llm, finished, limits) : [],
  };
}

/** Learnings are extra: a failed call leaves them out, never failing the review. */
async function learn(llm: LlmPort, review: Review, limits: ReviewLimits): Promise<Learning[]> {
  try {
    return await extractLearnings(llm, review, limits.boundary);
  } catch {
    return [];
  }
}
