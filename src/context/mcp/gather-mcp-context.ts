import { maskText, type SecretMask } from "../../review/secret-masks.js";
import type { McpConnections } from "./mcp-connections.js";
import { namedIssueKeys } from "./named-issue-keys.js";
import {
  BUDGET_SPENT_PROMPT,
  gatherSystemPrompt,
  gatherUserPrompt,
  type PullRequestText,
} from "./mcp-context-prompt.js";
import type { ToolCall, ToolCallingLlm, ToolMessage, ToolSpec } from "./tool-calling-llm.js";

export interface GatherMcpContextInput {
  connections: Pick<McpConnections, "tools" | "call" | "lookUp">;
  llm: ToolCallingLlm;
  pr: PullRequestText;
  /** Most tool calls the model may make; then it must summarise. */
  maxToolCalls: number;
  /** A random word that fences the PR's text in the prompt; it is removed from that text. */
  boundary: string;
  /** Secrets found in the change: masked in the PR's text and in tool results before the model sees them. */
  masks: readonly SecretMask[];
}

/** The review prompt has room for a summary, not for whole tickets. */
const MAX_CONTEXT = 4000;
/** Characters of one issue nectr looked up itself. */
const MAX_LOOKED_UP = 2000;
/** Characters of one tool result the model sees, so a few calls fit any context window. */
const MAX_TOOL_RESULT = 8000;

/**
 * What the MCP servers know of what the PR refers to, for the review prompt, or "" when nothing.
 * First nectr itself reads every issue key the PR names (ENG-42, #12) from each server that can,
 * whatever the model does; then the model may call the servers' permitted tools for more, and
 * its summary is added. Tool failures go back to the model as text; an LLM failure rejects.
 */
export async function gatherMcpContext(input: GatherMcpContextInput): Promise<string> {
  const lookedUp = maskText(await lookUpNamedIssues(input), input.masks);
  const fromModel = await askModel(input, lookedUp);
  return [lookedUp ? `Issues the PR names:\n${lookedUp}` : "", fromModel].filter(Boolean).join("\n\n");
}

async function lookUpNamedIssues(input: GatherMcpContextInput): Promise<string> {
  const keys = namedIssueKeys(input.pr);
  const answers = await Promise.all(
    keys.map(async (key) => (await input.connections.lookUp(key)).map((answer) => ({ key, ...answer }))),
  );
  const lines = answers
    .flat()
    .map(
      ({ key, server, text }) => `- ${key.text} (from ${server}): ${clip(text.replace(/\s+/g, " "), MAX_LOOKED_UP)}`,
    );
  return clip(lines.join("\n"), MAX_CONTEXT);
}

async function askModel(input: GatherMcpContextInput, alreadyKnown: string): Promise<string> {
  const tools: ToolSpec[] = input.connections
    .tools()
    .map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.inputSchema }));
  if (tools.length === 0 || input.maxToolCalls < 1) return "";
  const messages: ToolMessage[] = [
    { role: "system", content: gatherSystemPrompt(input.maxToolCalls) },
    { role: "user", content: maskText(gatherUserPrompt(input.pr, input.boundary, alreadyKnown), input.masks) },
  ];
  let callsLeft = input.maxToolCalls;
  while (callsLeft > 0) {
    const answer = await input.llm.step(messages, tools);
    if (answer.toolCalls.length === 0) return contextFrom(answer.content);
    messages.push({
      role: "assistant",
      content: answer.content,
      tool_calls: answer.toolCalls.map((call) => ({
        id: call.id,
        type: "function",
        function: { name: call.name, arguments: call.arguments },
      })),
    });
    const allowed = callsLeft;
    callsLeft = Math.max(0, callsLeft - answer.toolCalls.length);
    // Every tool call needs an answer, including those past the budget, or the next request is invalid.
    const results = await Promise.all(
      answer.toolCalls.map((call, index) =>
        index < allowed
          ? runToolCall(input.connections, call).then((text) => maskText(text, input.masks))
          : "not run: the tool call budget is spent",
      ),
    );
    answer.toolCalls.forEach((call, index) =>
      messages.push({ role: "tool", tool_call_id: call.id, content: results[index] ?? "" }),
    );
  }
  messages.push({ role: "user", content: BUDGET_SPENT_PROMPT });
  const last = await input.llm.step(messages, []);
  return contextFrom(last.content);
}

async function runToolCall(connections: GatherMcpContextInput["connections"], call: ToolCall): Promise<string> {
  const args = parseArguments(call.arguments);
  if (args === undefined) return `tool failed: the arguments are not a JSON object: ${call.arguments.slice(0, 200)}`;
  const text = await connections.call(call.name, args);
  return text.length > MAX_TOOL_RESULT ? `${text.slice(0, MAX_TOOL_RESULT)}\n(result clipped)` : text;
}

/** The model's argument text as an object; models send "" for a tool that takes nothing. */
function parseArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function contextFrom(content: string | null): string {
  const text = (content ?? "").trim();
  return /^nothing\W*$/i.test(text) ? "" : clip(text, MAX_CONTEXT);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
