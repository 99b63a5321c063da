import type { Client } from "@modelcontextprotocol/sdk/client/index.js";

type ToolResult = Awaited<ReturnType<Client["callTool"]>>;

/** The text a tool answered with, its text parts joined; a tool's own error reads "tool failed: …". */
export function toolResultText(result: ToolResult): string {
  // Servers on the 2024-10-07 protocol answer with `toolResult` instead of `content`.
  if ("toolResult" in result) return JSON.stringify(result.toolResult) ?? "";
  const text = result.content
    .flatMap((part) => (part.type === "text" ? [part.text] : []))
    .join("\n")
    .trim();
  if (result.isError === true) return `tool failed: ${text || "the tool reported an error"}`;
  return text || "(the tool answered with no text)";
}
