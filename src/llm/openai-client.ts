import OpenAI from "openai";

export interface OpenAiEndpoint {
  baseUrl: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
  /** HTTP retries the SDK makes on 429, 5xx and connection errors. */
  maxRetries?: number;
}

/** The one way nectr builds an OpenAI-compatible client (OpenAI, Ollama, vLLM, llama.cpp server). */
export function createOpenAiClient(endpoint: OpenAiEndpoint): OpenAI {
  return new OpenAI({
    baseURL: endpoint.baseUrl,
    // Local servers (Ollama, llama.cpp) take any key; the SDK insists on one.
    apiKey: endpoint.apiKey ?? "not-needed",
    timeout: endpoint.timeoutMs,
    maxRetries: endpoint.maxRetries ?? 2,
  });
}
