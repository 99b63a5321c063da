import { MAX_TOOL_STEP_TOKENS, type ToolCallingLlm } from "../context/mcp/tool-calling-llm.js";
import { createOpenAiClient, type OpenAiEndpoint } from "./openai-client.js";
import { llmError } from "./llm-errors.js";

/** Chat steps with function tools (MCP tools) against any OpenAI-compatible endpoint. */
export function createOpenAiToolLlm(options: OpenAiEndpoint & { model: string }): ToolCallingLlm {
  const clientOf = createOpenAiClient(options);
  return {
    async step(messages, tools) {
      const client = await clientOf();
      const completion = await client.chat.completions
        .create({
          model: options.model,
          messages,
          temperature: 0,
          max_completion_tokens: MAX_TOOL_STEP_TOKENS,
          ...(tools.length > 0 && { tools: tools.map((tool) => ({ type: "function" as const, function: tool })) }),
        })
        .catch(async (error: unknown) => {
          throw await llmError(error, { baseUrl: options.baseUrl, model: options.model });
        });
      const message = completion.choices[0]?.message;
      const toolCalls = (message?.tool_calls ?? []).flatMap((call) =>
        call.type === "function" ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
      );
      const usage = completion.usage
        ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens }
        : undefined;
      return { content: message?.content ?? null, toolCalls, usage };
    },
  };
}
