import { REPLY_MARKER, RESOLVED_MARKER, SUMMARY_MARKER } from "./render/markers.js";

export type PrCommand = { kind: "review" } | { kind: "ignore" } | { kind: "ask"; question: string };

const COMMAND = /(?:^|\s)@nectr\s+(review|ask|ignore)\b[ \t]*([\s\S]*)$/i;
const MAX_QUESTION = 2000;

/**
 * A command in a PR comment: `@nectr review`, `@nectr ask <question>`, `@nectr ignore`. nectr's
 * own comments (they carry its markers) are never commands, so it never answers itself.
 */
export function parsePrCommand(body: string): PrCommand | undefined {
  if (
    [SUMMARY_MARKER, REPLY_MARKER, RESOLVED_MARKER].some((marker) => body.includes(marker)) ||
    body.includes("<!-- nectr:finding:")
  )
    return undefined;
  const match = COMMAND.exec(body);
  if (!match?.[1]) return undefined;
  const kind = match[1].toLowerCase();
  if (kind === "ask") {
    const question = (match[2] ?? "").trim().slice(0, MAX_QUESTION);
    return question ? { kind: "ask", question } : undefined;
  }
  return kind === "review" ? { kind: "review" } : { kind: "ignore" };
}
