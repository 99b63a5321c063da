import { costInDollars } from "./token-price.js";
import { fileHeading, SYSTEM_PROMPT, userPrompt } from "./prompt.js";
import { prepareReview, type ReviewDependencies, type ReviewLimits } from "./run-review.js";

export interface ReviewEstimate {
  calls: number;
  promptTokens: number;
  /** The answers' cap: no call can cost more output than this. */
  maxCompletionTokens: number;
  files: { full: number; clipped: number; skipped: number };
  /** What the calls cost at most, at the model's price; null when the price is unknown. */
  maxCostDollars: number | null;
}

/**
 * What a review would spend, before spending it: the same gathering, context and token plan as
 * the review, then the exact prompts counted. Nothing is sent to the LLM.
 */
export async function estimateReview(deps: ReviewDependencies, limits: ReviewLimits): Promise<ReviewEstimate> {
  const { change, maskedFiles, context, plan, skipped } = await prepareReview(deps, limits, true);
  const byPath = new Map(maskedFiles.map((file) => [file.path, file]));
  const chunks = plan?.chunks ?? [];
  let promptTokens = 0;
  chunks.forEach((chunk, index) => {
    const promptFiles = chunk.map((planned) => {
      const file = byPath.get(planned.path);
      return {
        path: planned.path,
        heading: fileHeading(planned.path, file?.status ?? "modified", file?.oldPath ?? null),
        hunks: planned.hunks,
      };
    });
    const user = userPrompt({
      info: change.info,
      context,
      files: promptFiles,
      part: index + 1,
      parts: chunks.length,
      boundary: limits.boundary,
    });
    promptTokens += deps.countTokens(SYSTEM_PROMPT) + deps.countTokens(user);
  });
  const maxCompletionTokens = chunks.length * limits.maxOutputTokens;
  return {
    calls: chunks.length,
    promptTokens,
    maxCompletionTokens,
    files: {
      full: plan?.full.length ?? 0,
      clipped: plan?.clipped.length ?? 0,
      skipped: skipped.length + (plan?.skipped.length ?? 0),
    },
    maxCostDollars: limits.price ? costInDollars(limits.price, promptTokens, maxCompletionTokens) : null,
  };
}
