import { formatDollars } from "../token-price.js";
import { OUT_OF_TIME_REASON } from "../../diff/token-budget.js";
import { MAX_LINE_CHARS } from "../clip-long-lines.js";
import type { Review } from "../types.js";

/** What the review covered, in one line: the coverage complaint users have is "nobody told me". */
export function coverageLine(review: Review): string {
  const { full, clipped, skipped, unlisted, unchanged, longLines, unchecked } = review.coverage;
  const parts = [`${full.length} file${full.length === 1 ? "" : "s"} reviewed in full`];
  if (unchanged.length > 0) parts.push(`${unchanged.length} unchanged since the last review, not sent again`);
  if (clipped.length > 0) parts.push(`${clipped.length} clipped to fit the token budget`);
  if (skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const entry of skipped) reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1);
    parts.push(`${skipped.length} skipped (${[...reasons].map(([reason, count]) => `${count} ${reason}`).join(", ")})`);
  }
  if (unlisted > 0) parts.push(`${unlisted} not listed by GitHub's API, which stops at 3,000 files`);
  if (unchecked.length > 0)
    parts.push(
      `${unchecked.length} not reached by the built-in checks within the review's time box (${listed(unchecked)})`,
    );
  if (longLines.length > 0)
    parts.push(
      `${longLines.length} line${longLines.length === 1 ? "" : "s"} over ${MAX_LINE_CHARS.toLocaleString("en-US")} characters read only in part (${listed(longLines.map((entry) => `${entry.path}:${entry.line}`))})`,
    );
  const rest =
    unlisted > 0 ||
    unchecked.length > 0 ||
    skipped.some((entry) => entry.reason === "over the token budget" || entry.reason === OUT_OF_TIME_REASON) ||
    clipped.length > 0;
  const pass = review.pass
    ? `This pass covered ${review.pass.commits} commit${review.pass.commits === 1 ? "" : "s"} (${review.pass.from.slice(0, 7)}..${review.pass.to.slice(0, 7)}). `
    : "";
  return `${pass}${parts.join(" · ")}.${rest ? " To review the rest, run `nectr review --local` in a checkout of the branch." : ""}`;
}

export function usageLine(review: Review): string {
  const { llm } = review;
  if (llm.model === null) return "built-in checks only";
  const tokens = `${llm.promptTokens.toLocaleString("en-US")} prompt + ${llm.completionTokens.toLocaleString("en-US")} completion tokens`;
  const cost = llm.costDollars === null ? "" : ` ≈ ${formatDollars(llm.costDollars)}`;
  return `${llm.model} · ${tokens} in ${llm.calls} call${llm.calls === 1 ? "" : "s"}${cost}`;
}

/** The first few of a list, and how many more. */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, 3).map((item) => `\`${item}\``);
  return items.length > 3 ? `${shown.join(", ")} and ${items.length - 3} more` : shown.join(", ");
}
