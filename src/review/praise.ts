import type { LlmFinding } from "./llm-schema.js";

// Models asked for problems still hand back compliments as findings ("Nice use of early
// returns"). An inline comment that asks nothing of anyone is noise, so a light finding whose
// title is praise and whose text raises nothing is dropped. Anything with a suggestion, a
// severity above "suggestion", or a word that asks for a change is kept.

const PRAISE_TITLE =
  /^(?:nice|great|good|excellent|clean|solid|neat|well[- ]done|well[- ]structured|looks good|lgtm|kudos|thanks|love|👍)(?![\p{L}\p{N}])/iu;
const ASKS_FOR_CHANGE =
  /\b(?:but|however|consider|should|could|would|instead|missing|risk|bug|fail|break|error|leak|unsafe|todo)\b/i;

export function isPraiseOnly(finding: Pick<LlmFinding, "severity" | "title" | "body" | "suggestion">): boolean {
  if (finding.suggestion !== null) return false;
  if (finding.severity !== "nit" && finding.severity !== "suggestion") return false;
  return PRAISE_TITLE.test(finding.title.trim()) && !ASKS_FOR_CHANGE.test(`${finding.title}\n${finding.body}`);
}
