import { z } from "zod";

// The pipeline imports this file when it asks the LLM (await import), so a review thread with no
// LLM never loads zod.

// What nectr asks the model for. Every field is required (nullable where optional), as
// OpenAI's strict structured outputs demand. The verdict is read from `verdict` alone, never
// from prose, so text in a PR cannot talk nectr into approving.

export const llmFindingSchema = z.object({
  path: z.string().describe("the file's path exactly as in the diff heading"),
  quote: z
    .string()
    .describe(
      "the new code the finding is about, copied exactly from one or more consecutive lines of the diff that start with '+' or ' ', without that first character",
    ),
  severity: z.enum(["critical", "warning", "suggestion", "nit"]),
  title: z.string().describe("one line"),
  body: z.string().describe("why it matters and what to do, in markdown"),
  suggestion: z.string().nullable().describe("replacement text for exactly the quoted lines, or null"),
});

export const llmReviewSchema = z.object({
  summary: z.string().describe("what the change does and how risky it is, in 2-5 sentences of markdown"),
  keyChanges: z.array(z.string()).describe("the main changes, one short line each"),
  verdict: z.enum(["approve", "comment", "request_changes"]),
  findings: z.array(llmFindingSchema),
});

export type LlmFinding = z.infer<typeof llmFindingSchema>;
export type LlmReview = z.infer<typeof llmReviewSchema>;

/** The answer to `@nectr ask`. */
export const answerSchema = z.object({
  answer: z.string().describe("the answer, in markdown, a few paragraphs at most"),
});

/** Durable lessons about a repository, drawn from a finished review. */
export const learningsSchema = z.object({
  learnings: z
    .array(
      z.object({
        kind: z.enum(["pattern", "decision", "risk", "habit"]),
        text: z.string().describe("one sentence that will still be true for later pull requests"),
      }),
    )
    .max(4),
});
