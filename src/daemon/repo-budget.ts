import { createSpendBudget, type SpendBudget } from "../llm/spend-budget.js";
import type { ChangeSource } from "../review/ports.js";
import { parseRepoConfig } from "../review/repo-config.js";
import { spendDay } from "../store/llm-spend-table.js";
import type { NectrStore } from "../store/nectr-store.js";

/**
 * Today's LLM budget of one repository: NECTR_LLM_DAILY_TOKENS, lowered by its `.nectr.yml` when
 * that asks for less. A `.nectr.yml` that cannot be read leaves the daemon's limit.
 */
export async function repoBudget(
  store: NectrStore,
  repo: string,
  dailyTokens: number,
  source: ChangeSource,
): Promise<SpendBudget> {
  const budget = createSpendBudget({
    repo,
    limit: dailyTokens,
    ledger: store.spend.ledger(repo, spendDay(new Date())),
  });
  const text = await source.readRepoConfig().catch(() => undefined);
  budget.lowerTo((await parseRepoConfig(text)).config.llmDailyTokens);
  return budget;
}
