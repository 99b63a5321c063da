import { statSync } from "node:fs";
import type { Settings } from "../../config/load-settings.js";
import { spendDay } from "../../store/llm-spend-table.js";
import type { NectrStore } from "../../store/nectr-store.js";
import type { OpenedStore } from "../../store/open-store.js";
import { fail, ok, skip, warn, type CheckResult } from "./check.js";

export function checkNode(version: string): CheckResult {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 22)
    ? ok("Node.js", version)
    : fail("Node.js", `${version} is too old`, "install Node.js 22.22 or newer");
}

/** The settings loaded (so config.json is valid), and the file not readable by others. */
export function checkConfigFile(settings: Settings): CheckResult {
  const file = settings.paths.configFile;
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return ok("config.json", `none at ${file}; defaults and the environment are used`);
  }
  if ((mode & 0o077) !== 0)
    return warn("config.json", `${file} is readable by others (mode ${mode.toString(8)})`, `chmod 600 ${file}`);
  return ok("config.json", `${file} is valid, mode 600`);
}

/** The store opens (the file, or the PostgreSQL server answers) and its schema is the one this nectr knows. */
export async function checkDatabase(settings: Settings, database: () => Promise<OpenedStore>): Promise<CheckResult> {
  try {
    const { store } = await database();
    const { current, newest } = await store.schema();
    return current === newest
      ? ok("Database", `${store.location}, schema ${current}`)
      : fail("Database", `${store.location}: schema ${current}, expected ${newest}`, "upgrade nectr");
  } catch (error) {
    return fail(
      "Database",
      error instanceof Error ? error.message : String(error),
      settings.databaseUrl
        ? "check NECTR_DATABASE_URL and that the PostgreSQL server is up"
        : "check the data folder's permissions (NECTR_HOME)",
    );
  }
}

/** The store, or undefined when it cannot be opened (checkDatabase says why). */
async function storeOf(database: () => Promise<OpenedStore>): Promise<NectrStore | undefined> {
  return (await database().catch(() => undefined))?.store;
}

/** Each connected repository's LLM spend today against NECTR_LLM_DAILY_TOKENS; a spent one is a warning. */
export async function checkLlmSpend(settings: Settings, database: () => Promise<OpenedStore>): Promise<CheckResult> {
  let spent: { repo: string; tokens: number }[];
  try {
    const store = await storeOf(database);
    if (!store) throw new Error("no store");
    spent = await store.spend.ofDay(spendDay(new Date()));
  } catch {
    return skip("LLM spend today", "the database cannot be read");
  }
  const limit = settings.llmDailyTokens;
  const detail = (entries: typeof spent) =>
    entries.map((entry) => `${entry.repo} ${entry.tokens.toLocaleString("en-US")}`).join(", ");
  const over = spent.filter((entry) => entry.tokens >= limit);
  const of = `(limit ${limit.toLocaleString("en-US")} tokens per repository per UTC day)`;
  if (spent.length === 0) return ok("LLM spend today", `no tokens spent yet ${of}`);
  if (over.length > 0)
    return warn(
      "LLM spend today",
      `${detail(spent)} ${of}: ${over.map((entry) => entry.repo).join(", ")} reviewed with built-in checks only until midnight UTC`,
      "raise NECTR_LLM_DAILY_TOKENS if that is too little",
    );
  return ok("LLM spend today", `${detail(spent)} ${of}`);
}

/** What the database keeps of deliveries, and for how long. */
export async function checkRetention(settings: Settings, database: () => Promise<OpenedStore>): Promise<CheckResult> {
  try {
    const store = await storeOf(database);
    if (!store) throw new Error("no store");
    const { count, oldest } = await store.queue.stored();
    const since = oldest ? `, the oldest from ${oldest.slice(0, 10)}` : "";
    return ok(
      "Deliveries kept",
      `${count.toLocaleString("en-US")}${since}; the daemon prunes finished ones after ${settings.retentionDays} days (retentionDays)`,
    );
  } catch {
    return skip("Deliveries kept", "the database cannot be read");
  }
}
