/** NECTR_DEBUG: verbose logs and stack traces. Set and not 0/false/no/off means on. */
export function debugEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.NECTR_DEBUG?.trim();
  return value !== undefined && value !== "" && !["0", "false", "no", "off"].includes(value.toLowerCase());
}
