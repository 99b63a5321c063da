import { RemoteError } from "../errors.js";
import type { LlmPort, LlmRequest, LlmUsage } from "../review/ports.js";
import { llmError } from "./llm-errors.js";
import { createOpenAiClient, type OpenAiEndpoint } from "./openai-client.js";
import { parseModelJson } from "./parse-model-json.js";

export interface OpenAiLlmOptions extends OpenAiEndpoint {
  model: string;
}

/** Answers that are not valid JSON for the schema are asked for again this many times. */
const INVALID_OUTPUT_RETRIES = 1;
/** The most requests one `complete` sends: what a spend budget must reserve for. */
export const REQUESTS_PER_COMPLETION = INVALID_OUTPUT_RETRIES + 1;

/**
 * Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp server) through the openai
 * SDK, asking for structured output and checking it against the schema ourselves, so a model
 * that wraps its JSON in prose or fences still works and one that breaks the schema is refused.
 */
export function createOpenAiLlm(options: OpenAiLlmOptions): LlmPort {
  const clientOf = createOpenAiClient(options);
  return {
    model: options.model,
    async complete<T>(request: LlmRequest<T>): Promise<{ value: T; usage: LlmUsage }> {
      const [client, { zodResponseFormat }] = await Promise.all([clientOf(), import("openai/helpers/zod")]);
      const usage: LlmUsage = { promptTokens: 0, completionTokens: 0 };
      let problem = "";
      for (let attempt = 0; attempt <= INVALID_OUTPUT_RETRIES; attempt += 1) {
        const completion = await client.chat.completions
          .create({
            model: options.model,
            messages: [
              { role: "system", content: request.system },
              { role: "user", content: request.user },
            ],
            response_format: zodResponseFormat(request.schema, request.schemaName),
            max_completion_tokens: request.maxOutputTokens,
            temperature: 0,
          })
          .catch(async (error: unknown) => {
            throw await llmError(error, { baseUrl: options.baseUrl, model: options.model });
          });
        usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
        usage.completionTokens += completion.usage?.completion_tokens ?? 0;
        const choice = completion.choices[0];
        const parsed = parseModelJson(choice?.message.content ?? "", request.schema);
        if (parsed.ok) return { value: parsed.value, usage };
        problem = choice?.finish_reason === "length" ? "its answer was cut off at the token limit" : parsed.problem;
      }
      throw new RemoteError(`the LLM (${options.model}) gave no usable review: ${problem}`, {
        hint: "try again, or another model with --model",
      });
    },
  };
}
