// Context windows of well-known models, by name prefix (longest prefix wins). Unknown models
// (a local llama, say) get a conservative default; `llmContextTokens` in config.json overrides.
const KNOWN: readonly [string, number][] = [
  ["gpt-4.1", 1_047_576],
  ["gpt-5", 400_000],
  ["gpt-4o", 128_000],
  ["gpt-4-turbo", 128_000],
  ["o1", 200_000],
  ["o3", 200_000],
  ["o4", 200_000],
  ["claude", 200_000],
  ["gemini", 1_000_000],
];

export const DEFAULT_CONTEXT_TOKENS = 32_768;

export function contextWindowFor(model: string): number {
  const name = model.toLowerCase().split("/").at(-1) ?? "";
  let best: [string, number] | undefined;
  for (const entry of KNOWN) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1] ?? DEFAULT_CONTEXT_TOKENS;
}
