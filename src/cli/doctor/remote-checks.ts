import { resolveToken } from "../../auth/resolve-token.js";
import type { TokenStore } from "../../auth/token-store.js";
import type { Settings } from "../../config/load-settings.js";
import { createOctokit, type GitHubClient } from "../../github/create-octokit.js";
import { missingScopes, whoAmI } from "../../github/who-am-i.js";
import { llmError, shownLlmUrl } from "../../llm/llm-errors.js";
import { createOpenAiClient } from "../../llm/openai-client.js";
import type { OpenedStore } from "../../store/open-store.js";
import { fail, ok, skip, timeBoxed, warn, type CheckResult } from "./check.js";

const TIME_BOX_MS = 10_000;

/** The token: present, accepted by GitHub, with the scopes nectr needs. Returns a client for later checks. */
export async function checkToken(
  settings: Settings,
  store: TokenStore,
): Promise<{ result: CheckResult; octokit: GitHubClient | undefined }> {
  const token = await resolveToken(settings, store);
  if (!token)
    return { result: fail("GitHub token", "not logged in", "run nectr login (or set GH_TOKEN)"), octokit: undefined };
  const octokit = createOctokit({ baseUrl: settings.githubApiUrl, token: token.value, retryUnitMs: 100 });
  const result = await timeBoxed(
    "GitHub token",
    TIME_BOX_MS,
    "check your network and NECTR_GITHUB_API_URL",
    async () => {
      const identity = await whoAmI(octokit);
      const missing = identity.scopes ? missingScopes(identity.scopes) : [];
      if (missing.length > 0)
        return fail(
          "GitHub token",
          `@${identity.login} (from ${token.source}) lacks ${missing.join(", ")}`,
          "run nectr login",
        );
      return ok(
        "GitHub token",
        `@${identity.login}, from ${token.source}${identity.scopes ? `, scopes ${identity.scopes.join(", ")}` : ""}`,
      );
    },
  );
  return { result, octokit: result.status === "ok" ? octokit : undefined };
}

/** The LLM endpoint answers, and knows the model. */
export async function checkLlm(settings: Settings): Promise<CheckResult> {
  if (!settings.openaiBaseUrl && !settings.openaiApiKey) {
    return warn(
      "LLM",
      "none configured: reviews are the built-in checks alone",
      "set OPENAI_BASE_URL (and OPENAI_API_KEY)",
    );
  }
  const client = createOpenAiClient({
    baseUrl: settings.openaiBaseUrl,
    apiKey: settings.openaiApiKey,
    timeoutMs: TIME_BOX_MS,
    maxRetries: 0,
  });
  const url = shownLlmUrl(settings.openaiBaseUrl);
  return timeBoxed("LLM", TIME_BOX_MS, `check that ${url} answers, and OPENAI_BASE_URL`, async () => {
    let known: string[];
    try {
      known = (await (await client()).models.list()).data.map((model) => model.id);
    } catch (error) {
      const problem = await llmError(error, { baseUrl: settings.openaiBaseUrl, model: undefined });
      return fail("LLM", problem.message, problem.hint ?? "check OPENAI_BASE_URL");
    }
    return known.includes(settings.model)
      ? ok("LLM", `${url} answers and serves ${settings.model}`)
      : fail(
          "LLM",
          `the endpoint ${url} does not serve "${settings.model}" (it has ${known.slice(0, 5).join(", ") || "none"})`,
          "set NECTR_MODEL to one it serves",
        );
  });
}

/** A `nectr serve` answering on the configured port (optional: the CLI works without one). */
export async function checkDaemon(settings: Settings): Promise<CheckResult> {
  const url = `http://${settings.host.includes(":") ? `[${settings.host}]` : settings.host}:${settings.port}/healthz`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return response.ok
      ? ok("Daemon", `nectr serve answers at ${url}`)
      : warn("Daemon", `${url} answered ${response.status}`);
  } catch {
    return warn("Daemon", `nothing answers at ${url}`, "start nectr serve to review pull requests as they change");
  }
}

/** Each connected repo's hook still exists on GitHub, and how its last delivery went. */
export async function checkRepoHooks(
  database: () => Promise<OpenedStore>,
  octokit: GitHubClient | undefined,
): Promise<CheckResult[]> {
  const opened = await database().catch(() => undefined);
  if (!opened) return [skip("Repositories", "the database cannot be read")];
  const repos = (await opened.store.repos.list()).filter((repo) => repo.active && repo.hookId !== null);
  if (repos.length === 0) return [skip("Repositories", "none connected")];
  if (!octokit) return [skip("Repositories", `${repos.length} connected, not checked without a working token`)];
  return Promise.all(
    repos.map((repo) => {
      const [owner = "", name = ""] = repo.fullName.split("/");
      const hookId = repo.hookId ?? 0;
      const label = `Hook of ${repo.fullName}`;
      return timeBoxed(label, TIME_BOX_MS, `run nectr connect ${repo.fullName}`, async () => {
        const hook = await octokit.rest.repos.getWebhook({ owner, repo: name, hook_id: hookId }).catch(() => undefined);
        if (!hook) return fail(label, `webhook ${hookId} is gone from GitHub`, `run nectr connect ${repo.fullName}`);
        const [last] = (
          await octokit.rest.repos.listWebhookDeliveries({ owner, repo: name, hook_id: hookId, per_page: 1 })
        ).data;
        if (!last) return ok(label, `webhook ${hookId} exists; no delivery yet`);
        const when = new Date(last.delivered_at).toISOString();
        return last.status_code >= 200 && last.status_code < 300
          ? ok(label, `last delivery ${last.event} at ${when}: ${last.status_code}`)
          : warn(
              label,
              `last delivery ${last.event} at ${when} failed: ${last.status}`,
              "check that nectr serve is reachable at the hook's URL",
            );
      });
    }),
  );
}
