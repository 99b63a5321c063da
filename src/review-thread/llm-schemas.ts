import type { z } from "zod";
import { answerSchema, learningsSchema, llmReviewSchema } from "../review/llm-schema.js";

/** Every schema a review thread asks the LLM for, by the name its requests carry. */
export const LLM_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  review: llmReviewSchema,
  answer: answerSchema,
  learnings: learningsSchema,
};
