import type { LlmPort } from "./ports.js";
import { maskText, type SecretMask } from "./secret-masks.js";

/** The LLM, with every secret of `masks` masked in each prompt before it leaves the process. */
export function maskingLlm(llm: LlmPort, masks: readonly SecretMask[]): LlmPort {
  if (masks.length === 0) return llm;
  return {
    model: llm.model,
    complete: (request) =>
      llm.complete({ ...request, system: maskText(request.system, masks), user: maskText(request.user, masks) }),
  };
}
