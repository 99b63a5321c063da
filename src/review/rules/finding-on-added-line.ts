import type { Finding } from "../types.js";

export interface LineFindingText {
  severity: Finding["severity"];
  rule: string;
  title: string;
  body: string;
  /** Exact replacement for the line; "" deletes it (GitHub's way to suggest a deletion). */
  suggestion?: string | null;
}

/** A finding on one added line, on the RIGHT side where GitHub accepts it. */
export function findingOnAddedLine(path: string, line: number, text: LineFindingText): Finding {
  return {
    path,
    line,
    startLine: null,
    side: "RIGHT",
    severity: text.severity,
    rule: text.rule,
    title: text.title,
    body: text.body,
    suggestion: text.suggestion ?? null,
  };
}
