// The one thing gathering MCP context needs from an LLM: a chat step that may call tools.
// Messages use the OpenAI chat shape, so an adapter over any OpenAI-compatible endpoint passes
// them through unchanged.

/** A tool the model may call: an OpenAI function name, what it does, and its JSON-schema input. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** One tool call the model asked for; `arguments` is the JSON text the model wrote. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface AssistantToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type ToolMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: AssistantToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export interface ToolStep {
  content: string | null;
  toolCalls: ToolCall[];
  /** What the step cost, when the endpoint says. */
  usage?: { promptTokens: number; completionTokens: number };
}

export interface ToolCallingLlm {
  /** One chat completion. With `tools` empty the model is offered no tools and must answer in text. */
  step(messages: ToolMessage[], tools: ToolSpec[]): Promise<ToolStep>;
}

/** The longest answer one step may give: a few tool calls, or the summary. */
export const MAX_TOOL_STEP_TOKENS = 1500;
