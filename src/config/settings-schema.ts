import { z } from "zod";

// The keys of config.json, validated once here. Each message completes the sentence
// "<key or variable> must be …", so every error names what is wrong and the expected form.

/** A good value of each URL setting, for its error message and `nectr config set`'s hint. */
const URL_EXAMPLES = {
  githubApiUrl: "https://api.github.com",
  githubUrl: "https://github.com",
  openaiBaseUrl: "http://localhost:11434/v1",
  publicUrl: "https://nectr.example.com",
  mcpServerUrl: "https://mcp.example.com/mcp",
  mem0Host: "https://api.mem0.ai",
} as const;

function httpUrl(example: string) {
  return z
    .url({ protocol: /^https?$/, error: `an http(s) URL, like ${example}` })
    .transform((url) => url.replace(/\/+$/, ""));
}

const nonEmptyText = z.string({ error: "a non-empty string" }).trim().min(1, { error: "a non-empty string" });

function wholeNumber(min: number, max: number) {
  const expected = `a whole number from ${min} to ${max}`;
  return z.int({ error: expected }).min(min, { error: expected }).max(max, { error: expected });
}

const stringMap = z.record(z.string(), z.string());

/**
 * The only tools nectr and the model may call on a server; without the list, only the tools the
 * server itself annotates `readOnlyHint: true`.
 */
const allowedTools = z.array(nonEmptyText).optional();

/** An MCP server in the shape MCP clients share: a command to spawn, or a URL. */
const mcpServer = z.union(
  [
    z.strictObject({
      command: nonEmptyText,
      args: z.array(z.string()).optional(),
      env: stringMap.optional(),
      tools: allowedTools,
    }),
    z.strictObject({ url: httpUrl(URL_EXAMPLES.mcpServerUrl), headers: stringMap.optional(), tools: allowedTools }),
  ],
  {
    error: 'an MCP server: {"command": "...", "args": [...]} or {"url": "https://..."}, with an optional "tools" list',
  },
);

export const configFileSchema = z.strictObject({
  githubApiUrl: httpUrl(`${URL_EXAMPLES.githubApiUrl} (Enterprise Server: https://HOST/api/v3)`).optional(),
  githubUrl: httpUrl(URL_EXAMPLES.githubUrl).optional(),
  githubClientId: nonEmptyText.optional(),
  model: nonEmptyText.optional(),
  openaiBaseUrl: httpUrl(URL_EXAMPLES.openaiBaseUrl).optional(),
  publicUrl: httpUrl(URL_EXAMPLES.publicUrl).optional(),
  host: nonEmptyText.optional(),
  port: wholeNumber(1, 65535).optional(),
  concurrency: wholeNumber(1, 64).optional(),
  mcpServers: z
    .record(z.string(), mcpServer, { error: 'an object of MCP servers by name: {"NAME": {"command": "..."}}' })
    .optional(),
  llmTimeoutSeconds: wholeNumber(1, 3600).optional(),
  llmContextTokens: wholeNumber(4096, 10_000_000).optional(),
  llmMaxCalls: wholeNumber(1, 100).optional(),
  reviewDrafts: z.boolean({ error: "true or false" }).optional(),
  mem0: z
    .strictObject(
      {
        host: httpUrl(URL_EXAMPLES.mem0Host).optional(),
        oss: z.boolean().optional(),
        embeddingModel: nonEmptyText.optional(),
        llmModel: nonEmptyText.optional(),
      },
      { error: 'an object: {"host": "https://..."} for the Mem0 platform, or {"oss": true}' },
    )
    .optional(),
  mcpTimeoutSeconds: wholeNumber(1, 120).optional(),
  llmPrice: z
    .strictObject(
      {
        inputPerMillion: z.number({ error: "dollars per million tokens" }).min(0),
        outputPerMillion: z.number({ error: "dollars per million tokens" }).min(0),
      },
      { error: '{"inputPerMillion": N, "outputPerMillion": N} in US dollars' },
    )
    .optional(),
  jobRetrySeconds: wholeNumber(1, 3600).optional(),
  jobLeaseSeconds: wholeNumber(2, 3600).optional(),
  githubTimeoutSeconds: wholeNumber(1, 600).optional(),
  githubRetryBaseMs: wholeNumber(1, 60_000).optional(),
  commandsPerAuthorPerDay: wholeNumber(0, 10_000).optional(),
  retentionDays: wholeNumber(1, 3650).optional(),
  analysisTimeoutSeconds: z
    .number({ error: "a number of seconds from 0.01 to 3600" })
    .min(0.01, { error: "a number of seconds from 0.01 to 3600" })
    .max(3600, { error: "a number of seconds from 0.01 to 3600" })
    .optional(),
});

export type ConfigFileValues = z.infer<typeof configFileSchema>;
export type ConfigKey = keyof ConfigFileValues;
export type McpServerConfig = z.infer<typeof mcpServer>;

export const configKeys = configFileSchema.keyof().options;

export function isConfigKey(key: PropertyKey | undefined): key is ConfigKey {
  return configKeys.some((known) => known === key);
}

/** The environment variable that wins over each config.json key, where there is one. */
export const envVariableForKey: Readonly<Partial<Record<ConfigKey, string>>> = {
  githubApiUrl: "NECTR_GITHUB_API_URL",
  githubUrl: "NECTR_GITHUB_URL",
  githubClientId: "NECTR_GITHUB_CLIENT_ID",
  model: "NECTR_MODEL",
  openaiBaseUrl: "OPENAI_BASE_URL",
};

export const configDefaults = {
  githubApiUrl: "https://api.github.com",
  githubUrl: "https://github.com",
  model: "gpt-4o-mini",
  host: "127.0.0.1",
  port: 8000,
  concurrency: 2,
  mcpServers: {},
  llmTimeoutSeconds: 120,
  llmMaxCalls: 8,
  reviewDrafts: false,
  jobRetrySeconds: 30,
  jobLeaseSeconds: 60,
  githubTimeoutSeconds: 30,
  githubRetryBaseMs: 1000,
  mcpTimeoutSeconds: 10,
  analysisTimeoutSeconds: 60,
  commandsPerAuthorPerDay: 20,
  retentionDays: 30,
} satisfies ConfigFileValues;

export const configKeyDescriptions: Readonly<Record<ConfigKey, string>> = {
  githubApiUrl: "GitHub REST base URL (Enterprise Server: https://HOST/api/v3)",
  githubUrl: "GitHub web base URL, used by the login device flow",
  githubClientId: "OAuth app client id for nectr login",
  model: "LLM model name",
  openaiBaseUrl: "OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp)",
  publicUrl: "the URL where GitHub reaches nectr serve (nectr connect points webhooks at it)",
  host: "address nectr serve listens on",
  port: "port nectr serve listens on",
  concurrency: "reviews nectr serve runs at once",
  mcpServers: "MCP servers that add review context (edit config.json by hand)",
  llmTimeoutSeconds: "seconds to wait for one LLM answer",
  llmContextTokens: "the model's context window in tokens (default: known per model, else 32768)",
  llmMaxCalls: "most LLM calls one review may make; what does not fit is listed as skipped",
  reviewDrafts: "whether nectr serve reviews draft pull requests",
  jobRetrySeconds: "seconds before nectr serve retries a failed review (doubling each time, 3 attempts)",
  jobLeaseSeconds:
    "with NECTR_DATABASE_URL: seconds a running job stays its daemon's without a renewal; a job of a daemon that died runs again after this",
  mem0: 'review memory in Mem0: {"host": ...} for the platform with MEM0_API_KEY, or {"oss": true} for its library on the LLM endpoint',
  mcpTimeoutSeconds: "time box of each MCP server's start and each tool call",
  githubTimeoutSeconds: "longest wait for one answer from GitHub before it is retried",
  githubRetryBaseMs: "milliseconds per second of GitHub's retry waits (1000; tests shorten it)",
  retentionDays: "days the daemon keeps deliveries whose job is over (their payloads with them)",
  commandsPerAuthorPerDay:
    "@nectr ask and @nectr review one person may give in one repository per UTC day; past it, answers and reviews are built-in only",
  analysisTimeoutSeconds:
    "CPU seconds one review may spend reading the change (checks, token counting, prompts); past it the review ends with what it found",
  llmPrice: 'the model\'s price for cost estimates: {"inputPerMillion": 0.15, "outputPerMillion": 0.6} (US dollars)',
};

/** A good value of each key, as `nectr config set KEY VALUE` takes it (JSON quoted for the shell). */
export const configKeyExamples: Readonly<Record<ConfigKey, string>> = {
  githubApiUrl: URL_EXAMPLES.githubApiUrl,
  githubUrl: URL_EXAMPLES.githubUrl,
  githubClientId: "Ov23liAbCdEfGhIjKlMn",
  model: "llama3.1",
  openaiBaseUrl: URL_EXAMPLES.openaiBaseUrl,
  publicUrl: URL_EXAMPLES.publicUrl,
  host: "0.0.0.0",
  port: "8000",
  concurrency: "4",
  mcpServers: `'{"linear": {"command": "npx", "args": ["-y", "linear-mcp-server"]}}'`,
  llmTimeoutSeconds: "120",
  llmContextTokens: "128000",
  llmMaxCalls: "8",
  reviewDrafts: "true",
  jobRetrySeconds: "30",
  jobLeaseSeconds: "60",
  mem0: `'{"host": "${URL_EXAMPLES.mem0Host}"}'`,
  mcpTimeoutSeconds: "10",
  githubTimeoutSeconds: "30",
  githubRetryBaseMs: "1000",
  retentionDays: "30",
  commandsPerAuthorPerDay: "20",
  analysisTimeoutSeconds: "60",
  llmPrice: `'{"inputPerMillion": 0.15, "outputPerMillion": 0.6}'`,
};
