import { SEVERITIES, type Severity } from "./types.js";

// `.nectr.yml` at the root of the repository's default branch: what the maintainers want of the
// review. Read from the default branch, never from the PR, so a PR cannot loosen its own review.

// Made on first parse: the review thread imports this file for the types and defaults alone.
const schemaOfRepoConfig = async () => {
  const { z } = await import("zod");
  return z.strictObject({
    instructions: z.string().max(8000).optional(),
    include: z.array(z.string().min(1)).optional(),
    exclude: z.array(z.string().min(1)).optional(),
    severityThreshold: z.enum(["critical", "warning", "suggestion", "nit"]).optional(),
    maxInlineComments: z.int().min(0).max(200).optional(),
    reviewDrafts: z.boolean().optional(),
    language: z.string().min(2).max(40).optional(),
    llmDailyTokens: z.int().min(0).optional(),
  });
};
let repoConfigSchema: ReturnType<typeof schemaOfRepoConfig> | undefined;

export interface RepoConfig {
  instructions: string;
  include: string[];
  exclude: string[];
  /** Findings below this go to the summary, not inline. */
  severityThreshold: Severity;
  maxInlineComments: number;
  reviewDrafts: boolean;
  /** The language the review is written in. */
  language: string;
  /** A lower daily LLM budget than the daemon's (NECTR_LLM_DAILY_TOKENS); never a higher one. */
  llmDailyTokens: number | undefined;
}

export const DEFAULT_REPO_CONFIG: RepoConfig = {
  instructions: "",
  include: [],
  exclude: [],
  severityThreshold: "nit",
  maxInlineComments: 30,
  reviewDrafts: false,
  language: "English",
  llmDailyTokens: undefined,
};

export interface ParsedRepoConfig {
  config: RepoConfig;
  /** Why the file was not used, for the summary; undefined when it was fine or absent. */
  problem: string | undefined;
}

/**
 * The repo's settings; a bad file never stops the review: defaults, and a note naming the key.
 * The YAML parser and the schema load only for a repo that has the file.
 */
export async function parseRepoConfig(text: string | undefined): Promise<ParsedRepoConfig> {
  if (text === undefined || text.trim() === "") return { config: DEFAULT_REPO_CONFIG, problem: undefined };
  const { parse } = await import("yaml");
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 10 });
  } catch (error) {
    return { config: DEFAULT_REPO_CONFIG, problem: `.nectr.yml is not valid YAML (${firstLine(error)})` };
  }
  const result = (await (repoConfigSchema ??= schemaOfRepoConfig())).safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.code === "unrecognized_keys" ? issue.keys.join(", ") : issue?.path.join(".") || "the file";
    return {
      config: DEFAULT_REPO_CONFIG,
      problem: `.nectr.yml: \`${key}\` is not valid (${issue?.message ?? "invalid"}), so the defaults were used`,
    };
  }
  return { config: { ...DEFAULT_REPO_CONFIG, ...result.data }, problem: undefined };
}

export function atOrAbove(severityOf: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severityOf) <= SEVERITIES.indexOf(threshold);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
