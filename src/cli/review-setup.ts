import { randomBytes } from "node:crypto";
import type { Settings } from "../config/load-settings.js";
import { contextWindowFor } from "../llm/context-window.js";
import { priceFor } from "../llm/model-prices.js";
import { createOpenAiLlm } from "../llm/openai-llm.js";
import type { LlmPort } from "../review/ports.js";
import type { ReviewLimits } from "../review/run-review.js";

// What `nectr review` and `nectr serve` both build from the settings before reviewing.

/** Answer tokens per LLM call, and tokens kept back for the instructions and the PR description (clipped to fit, see prompt.ts). */
const MAX_OUTPUT_TOKENS = 4096;
const PROMPT_OVERHEAD_TOKENS = 3000;
/** Diff tokens per call, whatever the window: big calls cost much and review worse. */
const MAX_DIFF_TOKENS_PER_CALL = 48_000;

/** The configured OpenAI-compatible endpoint, or undefined for built-in checks only. */
export function createLlm(settings: Settings, model: string | undefined): LlmPort | undefined {
  if (!settings.openaiBaseUrl && !settings.openaiApiKey) return undefined;
  return createOpenAiLlm({
    baseUrl: settings.openaiBaseUrl,
    apiKey: settings.openaiApiKey,
    model: model ?? settings.model,
    timeoutMs: settings.llmTimeoutSeconds * 1000,
  });
}

/** Limits for one review; each review gets its own random prompt boundary. */
export function reviewLimits(settings: Settings, llm: LlmPort | undefined): ReviewLimits {
  const window = settings.llmContextTokens ?? contextWindowFor(llm?.model ?? settings.model);
  return {
    tokensPerCall: Math.max(
      1000,
      Math.min(MAX_DIFF_TOKENS_PER_CALL, window - MAX_OUTPUT_TOKENS - PROMPT_OVERHEAD_TOKENS),
    ),
    maxCalls: settings.llmMaxCalls,
    maxOutputTokens: MAX_OUTPUT_TOKENS,
    boundary: randomBytes(8).toString("hex"),
    price: priceFor(llm?.model ?? settings.model, settings.llmPrice),
  };
}
