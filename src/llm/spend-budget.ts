import type { ToolCallingLlm, ToolStep } from "../context/mcp/tool-calling-llm.js";
import { MAX_TOOL_STEP_TOKENS } from "../context/mcp/tool-calling-llm.js";
import { RemoteError } from "../errors.js";
import type { LlmPort } from "../review/ports.js";
import { LlmTimeoutError } from "./llm-errors.js";
import { REQUESTS_PER_COMPLETION } from "./openai-llm.js";

/** Where a repository's spend of the day is kept (llm-spend-table.ts). */
export interface SpendLedger {
  /** Adds `tokens` when the day's total stays within `limit`; false, adding nothing, when not. */
  reserve(tokens: number, limit: number): Promise<boolean>;
  add(delta: number): Promise<void>;
  spent(): Promise<number>;
}

export interface SpendBudget {
  /** Why the LLM must not be asked any more today (spent, or a call it refused), or undefined while budget is left. */
  spentReason(): Promise<string | undefined>;
  /** A repository's `.nectr.yml` may lower its day's limit, never raise it. */
  lowerTo(limit: number | undefined): void;
  llm(llm: LlmPort): LlmPort;
  toolLlm(llm: ToolCallingLlm): ToolCallingLlm;
}

/** Counted prompts are reserved with this margin: models other than OpenAI's tokenize differently. */
const PROMPT_MARGIN = 1.25;
/** What the chat format adds around the messages. */
const MESSAGE_OVERHEAD = 16;
/** A call whose answer could be no longer than this is not worth making. */
const MIN_ANSWER_TOKENS = 256;

/**
 * NECTR_LLM_DAILY_TOKENS for one repository. Before each call the most it can cost is reserved:
 * its prompt (as counted, with a margin, or its UTF-8 bytes, which no byte-level tokenizer
 * exceeds) and an answer capped to what the day has left, for every request the call may make.
 * Then it is settled at what the endpoint says it cost. So the day's spend never passes the limit,
 * whoever asks and however many calls run at once.
 */
export function createSpendBudget(options: { repo: string; limit: number; ledger: SpendLedger }): SpendBudget {
  let limit = options.limit;
  let refused = false;
  const refusal = () =>
    new RemoteError(
      `${options.repo} has spent its LLM budget for today (${limit.toLocaleString("en-US")} tokens, UTC day)`,
      { hint: "reviews are built-in checks only until midnight UTC; raise NECTR_LLM_DAILY_TOKENS to allow more" },
    );
  /** The answer length a call may ask for (at least `least`), with its reservation made; throws when none is left. */
  const grant = async (prompt: number, wanted: number, least: number, requests: number) => {
    const left = limit - (await options.ledger.spent());
    const answer = Math.min(wanted, Math.floor(left / requests) - prompt);
    const reserved = requests * (prompt + answer);
    if (answer < least || !(await options.ledger.reserve(reserved, limit))) {
      refused = true;
      throw refusal();
    }
    return { answer, reserved };
  };
  const settle = async <T>(reserved: number, call: () => Promise<T>, cost: (result: T) => number | undefined) => {
    let result: T;
    try {
      result = await call();
    } catch (error) {
      // A request that timed out may have been read and billed; one that never connected was not.
      if (!(error instanceof LlmTimeoutError)) await options.ledger.add(-reserved);
      throw error;
    }
    await options.ledger.add((cost(result) ?? reserved) - reserved);
    return result;
  };
  return {
    spentReason: async () => (refused || (await options.ledger.spent()) >= limit ? refusal().message : undefined),
    lowerTo(lower) {
      if (lower !== undefined) limit = Math.min(limit, lower);
    },
    llm: (llm) => ({
      model: llm.model,
      async complete(request) {
        const counted = request.promptTokens ?? bytes(request.system) + bytes(request.user);
        const prompt = Math.ceil(counted * PROMPT_MARGIN) + MESSAGE_OVERHEAD;
        const wanted = request.maxOutputTokens;
        const { answer, reserved } = await grant(
          prompt,
          wanted,
          Math.min(wanted, MIN_ANSWER_TOKENS),
          REQUESTS_PER_COMPLETION,
        );
        return settle(
          reserved,
          () => llm.complete({ ...request, maxOutputTokens: answer }),
          ({ usage }) => usage.promptTokens + usage.completionTokens,
        );
      },
    }),
    toolLlm: (llm) => ({
      async step(messages, tools) {
        const prompt = bytes(JSON.stringify(messages)) + bytes(JSON.stringify(tools)) + MESSAGE_OVERHEAD;
        // A step always asks for its full answer length, so all of it is reserved or none.
        const { reserved } = await grant(prompt, MAX_TOOL_STEP_TOKENS, MAX_TOOL_STEP_TOKENS, 1);
        return settle(
          reserved,
          () => llm.step(messages, tools),
          (step: ToolStep) => (step.usage ? step.usage.promptTokens + step.usage.completionTokens : undefined),
        );
      },
    }),
  };
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
