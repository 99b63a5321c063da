import type OpenAI from "openai";

export interface OpenAiEndpoint {
  baseUrl: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
  /** HTTP retries the SDK makes on 429, 5xx and connection errors. */
  maxRetries?: number;
}

/**
 * The one way nectr builds an OpenAI-compatible client (OpenAI, Ollama, vLLM, llama.cpp server).
 * The SDK (some 170 ms to load) is loaded on the first call, so a command that never asks the LLM
 * does not pay for it.
 */
export function createOpenAiClient(endpoint: OpenAiEndpoint): () => Promise<OpenAI> {
  let client: Promise<OpenAI> | undefined;
  return () =>
    (client ??= import("openai").then(
      ({ default: OpenAiClient }) =>
        new OpenAiClient({
          baseURL: endpoint.baseUrl,
          // Local servers (Ollama, llama.cpp) take any key; the SDK insists on one.
          apiKey: endpoint.apiKey ?? "not-needed",
          timeout: endpoint.timeoutMs,
          maxRetries: endpoint.maxRetries ?? 2,
        }),
    ));
}
