import type { TokenPrice } from "../review/token-price.js";

// List prices of well-known models (OpenAI's pricing page, 2026), by name prefix; longest prefix
// wins. A model not here has no estimate unless `llmPrice` is set in config.json.
const KNOWN: readonly [string, TokenPrice][] = [
  ["gpt-4o-mini", { inputPerMillion: 0.15, outputPerMillion: 0.6 }],
  ["gpt-4o", { inputPerMillion: 2.5, outputPerMillion: 10 }],
  ["gpt-4.1-nano", { inputPerMillion: 0.1, outputPerMillion: 0.4 }],
  ["gpt-4.1-mini", { inputPerMillion: 0.4, outputPerMillion: 1.6 }],
  ["gpt-4.1", { inputPerMillion: 2, outputPerMillion: 8 }],
  ["o4-mini", { inputPerMillion: 1.1, outputPerMillion: 4.4 }],
  ["o3", { inputPerMillion: 2, outputPerMillion: 8 }],
];

export function priceFor(model: string, configured: TokenPrice | undefined): TokenPrice | undefined {
  if (configured) return configured;
  const name = model.toLowerCase().split("/").at(-1) ?? "";
  let best: [string, TokenPrice] | undefined;
  for (const entry of KNOWN) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}
