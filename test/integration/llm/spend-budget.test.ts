import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createOpenAiLlm } from "../../../src/llm/openai-llm.js";
import { createSpendBudget } from "../../../src/llm/spend-budget.js";
import { tokensSpent } from "../../../src/store/llm-spend-table.js";
import { sqliteStore } from "../../../src/store/sqlite-store.js";
import { openDatabase, type NectrDatabase } from "../../../src/store/open-database.js";
import { LlmFake } from "../../harness/llm-fake/server.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

let llm: LlmFake;
let db: NectrDatabase;
const DAY = "2026-12-03";

beforeEach(async () => {
  llm = await LlmFake.start();
  llm.fallback = () => ({ json: { answer: "ok" } });
  db = openDatabase(path.join(tempDir(), "nectr.db"));
});
afterEach(async () => {
  db.close();
  await llm.close();
});
afterAll(removeTempDirs);

const request = (user: string) => ({
  system: "Answer JSON.",
  user,
  schema: z.object({ answer: z.string() }),
  schemaName: "answer",
  maxOutputTokens: 4096,
});

function budgetOf(limit: number, repo = "o/r") {
  const model = createOpenAiLlm({ baseUrl: llm.url, apiKey: undefined, model: "gpt-4o-mini", timeoutMs: 5000 });
  const budget = createSpendBudget({ repo, limit, ledger: sqliteStore(db, "nectr.db").spend.ledger(repo, DAY) });
  return { budget, charged: budget.llm(model) };
}

describe("a repository's daily LLM budget", () => {
  it("caps each answer to what the day has left and records what the calls cost", async () => {
    const { charged } = budgetOf(3000);
    await charged.complete(request("one question"));
    const maxTokens = Number(llm.chats[0]?.body.max_completion_tokens);
    expect(maxTokens).toBeLessThan(1500);
    expect(maxTokens).toBeGreaterThanOrEqual(256);
    // Settled at what the endpoint said the call cost, not at the reservation.
    const prompt = llm.chats[0]?.promptTokens ?? 0;
    expect(tokensSpent(db, "o/r", DAY)).toBeGreaterThan(prompt);
    expect(tokensSpent(db, "o/r", DAY)).toBeLessThan(prompt + 20);
  });

  it("never spends past the limit, however many calls run at once, then refuses with the reason", async () => {
    const { budget, charged } = budgetOf(5000);
    const calls = Array.from({ length: 20 }, (_, index) =>
      charged.complete(request(`question ${index} ${"word ".repeat(100)}`)).then(
        () => "answered",
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
    );
    const outcomes = await Promise.all(calls);
    expect(outcomes).toContain("answered");
    expect(outcomes).toContain("o/r has spent its LLM budget for today (5,000 tokens, UTC day)");
    expect(tokensSpent(db, "o/r", DAY)).toBeLessThanOrEqual(5000);
    const sent = llm.chats.reduce((sum, chat) => sum + chat.promptTokens + Number(chat.body.max_completion_tokens), 0);
    expect(sent).toBeLessThanOrEqual(5000);
    expect(await budget.spentReason()).toBe("o/r has spent its LLM budget for today (5,000 tokens, UTC day)");
  });

  it("is lowered by a repository's own limit, never raised", async () => {
    const { budget } = budgetOf(10_000);
    budget.lowerTo(20_000);
    budget.lowerTo(0);
    expect(await budget.spentReason()).toBe("o/r has spent its LLM budget for today (0 tokens, UTC day)");
  });

  it("keeps each repository's budget apart", async () => {
    const spent = budgetOf(300, "o/spent");
    await expect(spent.charged.complete(request("x"))).rejects.toThrow(/o\/spent has spent its LLM budget/);
    const other = budgetOf(3000, "o/other");
    await other.charged.complete(request("x"));
    expect(llm.chats).toHaveLength(1);
  });
});
