import type { LlmRun } from "./types.js";

const CONFIGURE_HINT = "Set `OPENAI_BASE_URL` (and `OPENAI_API_KEY` if the endpoint needs one) to add an LLM review.";

/** The review's opening prose: the model's summary, or one line saying why there is none. */
export function overviewText(llm: LlmRun, summaries: readonly string[]): string {
  const fromModel = summaries.filter(Boolean).join("\n\n");
  switch (llm.status) {
    case "not-configured":
      return `No LLM is configured, so this review is nectr's built-in checks alone. ${CONFIGURE_HINT}`;
    case "withheld":
      return `The LLM was not asked: ${llm.problems[0] ?? "it is withheld"}. This review is nectr's built-in checks alone.`;
    case "failed":
      return `The LLM review failed (${llm.problems[0] ?? "no answer"}), so this review is nectr's built-in checks alone.`;
    case "partial":
      return `${fromModel}\n\nThe LLM could not review part of the change: ${llm.problems.join("; ")}.`;
    case "used": {
      const note = llm.problems.length > 0 ? `\n\nNote: ${llm.problems.join("; ")}.` : "";
      return `${fromModel || "The LLM found nothing to say about this change."}${note}`;
    }
  }
}
