import type { z } from "zod";
import { answerSchema } from "../review/answer-question.js";
import { learningsSchema } from "../review/learnings.js";
import { llmReviewSchema } from "../review/llm-schema.js";

/** Every schema a review thread asks the LLM for, by the name its requests carry. */
export const LLM_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  review: llmReviewSchema,
  answer: answerSchema,
  learnings: learningsSchema,
};
