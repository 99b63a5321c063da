import type { z } from "zod";
import { UsageError } from "../errors.js";
import { debugEnabled } from "./debug-flag.js";
import { readConfigFile, type ConfigFileSystem } from "./config-file.js";
import { resolvePaths, type NectrPaths } from "./paths.js";
import {
  configDefaults,
  configFileSchema,
  configKeyExamples,
  configKeys,
  envVariableForKey,
  isConfigKey,
  type ConfigFileValues,
  type ConfigKey,
  type McpServerConfig,
} from "./settings-schema.js";

type Env = Readonly<Record<string, string | undefined>>;

export type SettingSource = "env" | "file" | "default";

/** What one repository may spend on the LLM per UTC day unless NECTR_LLM_DAILY_TOKENS says otherwise. */
const DEFAULT_LLM_DAILY_TOKENS = 2_000_000;

/** Tokens from the environment win over stored ones, in this order (SPEC). */
const TOKEN_VARIABLES = ["GH_TOKEN", "GITHUB_TOKEN", "GITHUB_PAT"] as const;

export interface Settings {
  paths: NectrPaths;
  githubApiUrl: string;
  githubUrl: string;
  githubClientId: string | undefined;
  envToken: { variable: (typeof TOKEN_VARIABLES)[number]; value: string } | undefined;
  model: string;
  openaiBaseUrl: string | undefined;
  openaiApiKey: string | undefined;
  publicUrl: string | undefined;
  host: string;
  port: number;
  concurrency: number;
  mcpServers: Record<string, McpServerConfig>;
  llmTimeoutSeconds: number;
  llmContextTokens: number | undefined;
  llmMaxCalls: number;
  reviewDrafts: boolean;
  jobRetrySeconds: number;
  jobLeaseSeconds: number;
  githubTimeoutSeconds: number;
  githubRetryBaseMs: number;
  mem0: ConfigFileValues["mem0"];
  mcpTimeoutSeconds: number;
  analysisTimeoutSeconds: number;
  commandsPerAuthorPerDay: number;
  retentionDays: number;
  /** LLM tokens one repository may spend per UTC day (NECTR_LLM_DAILY_TOKENS). */
  llmDailyTokens: number;
  llmPrice: ConfigFileValues["llmPrice"];
  webhookSecret: string | undefined;
  /** A GitHub App from NECTR_APP_ID and NECTR_APP_PRIVATE_KEY (PEM text or a file's path); wins over app.json. */
  app: { id: number; privateKey: string } | undefined;
  /** Guards the status page and /metrics when the daemon listens beyond loopback. */
  adminToken: string | undefined;
  secretKey: string | undefined;
  /** NECTR_DATABASE_URL: the store in PostgreSQL instead of the embedded SQLite file. */
  databaseUrl: string | undefined;
  neo4j: { uri: string; user: string | undefined; password: string | undefined } | undefined;
  mem0ApiKey: string | undefined;
  debug: boolean;
  /** Where each config key's value came from, for `nectr config list`; absent means default. */
  sources: Partial<Record<ConfigKey, Exclude<SettingSource, "default">>>;
}

export interface LoadSettingsInput {
  env: Env;
  homeDir: string;
  fs: ConfigFileSystem;
}

/** Settings from the environment, then config.json, then defaults; all validated. */
export function loadSettings({ env, homeDir, fs }: LoadSettingsInput): Settings {
  const paths = resolvePaths(env, homeDir);
  const fromFile = parseConfigFileValues(readConfigFile(fs, paths.configFile), paths.configFile);
  const fromEnv = parseEnvOverrides(env);
  const merged = { ...configDefaults, ...fromFile, ...fromEnv };
  if (fromFile.githubUrl === undefined && fromEnv.githubUrl === undefined)
    merged.githubUrl = webUrlFor(merged.githubApiUrl);
  const neo4jUri = envValue(env, "NEO4J_URI");
  return {
    paths,
    ...merged,
    githubClientId: merged.githubClientId,
    openaiBaseUrl: merged.openaiBaseUrl,
    llmContextTokens: merged.llmContextTokens,
    publicUrl: merged.publicUrl,
    mem0: merged.mem0,
    llmPrice: merged.llmPrice,
    envToken: envToken(env),
    openaiApiKey: envValue(env, "OPENAI_API_KEY"),
    webhookSecret: envValue(env, "NECTR_WEBHOOK_SECRET"),
    app: appFromEnv(env, fs),
    adminToken: envValue(env, "NECTR_ADMIN_TOKEN"),
    llmDailyTokens: wholeNumberFromEnv(env, "NECTR_LLM_DAILY_TOKENS") ?? DEFAULT_LLM_DAILY_TOKENS,
    secretKey: envValue(env, "NECTR_SECRET_KEY"),
    neo4j: neo4jUri
      ? { uri: neo4jUri, user: envValue(env, "NEO4J_USER"), password: envValue(env, "NEO4J_PASSWORD") }
      : undefined,
    mem0ApiKey: envValue(env, "MEM0_API_KEY"),
    databaseUrl: databaseUrlFromEnv(env),
    debug: debugEnabled(env),
    sources: sourcesOf(fromFile, fromEnv),
  };
}

/** Validates config.json's content; the error names the key and the expected form. */
export function parseConfigFileValues(raw: unknown, file: string): ConfigFileValues {
  const result = configFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = { container: file, nameOf: (key: string) => `"${key}" in ${file}` };
  const key = issue?.path[0];
  throw new UsageError(describeIssue(issue, where), {
    hint: isConfigKey(key) ? `run nectr config set ${key} ${configKeyExamples[key]}, or fix the file` : `fix ${file}`,
  });
}

/**
 * The web URL that goes with an API URL when only the API URL is set: github.com for
 * api.github.com, https://HOST for an Enterprise Server's https://HOST/api/v3, else the API's origin.
 */
function webUrlFor(apiUrl: string): string {
  if (apiUrl === configDefaults.githubApiUrl) return configDefaults.githubUrl;
  return new URL(apiUrl).origin;
}

function parseEnvOverrides(env: Env): ConfigFileValues {
  const variableByKey = new Map(Object.entries(envVariableForKey));
  const raw: Record<string, string> = {};
  for (const [key, variable] of variableByKey) {
    const value = envValue(env, variable);
    if (value !== undefined) raw[key] = value;
  }
  const result = configFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = { container: "the environment", nameOf: (key: string) => variableByKey.get(key) ?? key };
  const key = issue?.path[0];
  throw new UsageError(describeIssue(issue, where), {
    hint: isConfigKey(key)
      ? `e.g. ${envVariableForKey[key]}=${configKeyExamples[key]}, or unset it`
      : "fix or unset that environment variable",
  });
}

export interface IssueLocation {
  container: string;
  nameOf(key: string): string;
}

/** "<name> must be <the schema's message>", or which keys are unknown. */
export function describeIssue(issue: z.core.$ZodIssue | undefined, where: IssueLocation): string {
  if (issue?.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => `"${key}"`).join(", ");
    return `unknown setting ${keys} in ${where.container}`;
  }
  const key = issue?.path[0];
  if (key === undefined) return `${where.container} must hold a JSON object`;
  return `${where.nameOf(String(key))} must be ${issue?.message ?? "valid"}`;
}

function sourcesOf(fromFile: ConfigFileValues, fromEnv: ConfigFileValues): Settings["sources"] {
  const sources: Settings["sources"] = {};
  for (const key of configKeys) {
    if (key in fromEnv) sources[key] = "env";
    else if (key in fromFile) sources[key] = "file";
  }
  return sources;
}

function envToken(env: Env): Settings["envToken"] {
  for (const variable of TOKEN_VARIABLES) {
    const value = envValue(env, variable);
    if (value !== undefined) return { variable, value };
  }
  return undefined;
}

function appFromEnv(env: Env, fs: ConfigFileSystem): Settings["app"] {
  const id = wholeNumberFromEnv(env, "NECTR_APP_ID");
  const key = envValue(env, "NECTR_APP_PRIVATE_KEY");
  if (id === undefined && key === undefined) return undefined;
  if (id === undefined || key === undefined)
    throw new UsageError(`${id === undefined ? "NECTR_APP_PRIVATE_KEY" : "NECTR_APP_ID"} is set without the other`, {
      hint: "set both NECTR_APP_ID and NECTR_APP_PRIVATE_KEY, or neither",
    });
  if (key.includes("-----BEGIN")) return { id, privateKey: key };
  try {
    return { id, privateKey: fs.readFileSync(key, "utf8") };
  } catch (error) {
    throw new UsageError(`NECTR_APP_PRIVATE_KEY names a file that cannot be read: ${key}`, {
      hint: "set it to the app's .pem file, or to the PEM text itself",
      cause: error,
    });
  }
}

function wholeNumberFromEnv(env: Env, name: string): number | undefined {
  const value = envValue(env, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value.trim()))
    throw new UsageError(`${name} must be a whole number of tokens, like 2000000`, {
      hint: "fix or unset that environment variable",
    });
  return Number(value.trim());
}

/** An environment variable's value; set-but-empty counts as unset, like most CLIs. */
function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** NECTR_DATABASE_URL, checked: a postgres:// or postgresql:// URL, or unset. */
function databaseUrlFromEnv(env: Env): string | undefined {
  const value = envValue(env, "NECTR_DATABASE_URL");
  if (value === undefined) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:")
    throw new UsageError("NECTR_DATABASE_URL must be a postgres:// URL", {
      hint: "for example postgres://nectr:PASSWORD@db.internal:5432/nectr; unset it to use the embedded SQLite database",
    });
  return value;
}
