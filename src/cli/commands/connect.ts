import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { requireToken } from "../../auth/resolve-token.js";
import { sealSecret } from "../../auth/seal.js";
import { AuthError, UsageError } from "../../errors.js";
import { createOctokit, type GitHubClient } from "../../github/create-octokit.js";
import { githubError, isNotFound } from "../../github/github-errors.js";
import { installHook, pingHook } from "../../github/hooks.js";
import { formatRepoRef, parseRepoRef, type RepoRef } from "../../github/refs.js";
import { whoAmI } from "../../github/who-am-i.js";
import { WEBHOOK_PATH } from "../../daemon/start-daemon.js";
import { createContextSetup } from "../context-setup.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { askRepo, askWebhookBase } from "../prompts.js";

interface ConnectOptions {
  url?: string;
  smee?: string;
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command("connect")
    .description(summaryOf("connect"))
    .argument("[repo]", "OWNER/REPO (on a terminal, leave it out to pick from your repositories)")
    .option("--url <url>", "where GitHub reaches nectr serve, e.g. https://nectr.example.com")
    .option("--smee <url>", "a smee.io channel that nectr serve --smee reads")
    .action((repo: string | undefined, options: ConnectOptions) => connect(deps, repo, options));
}

async function connect(deps: CliDeps, repoText: string | undefined, options: ConnectOptions): Promise<void> {
  // What the user typed is checked first: a malformed argument is exit 2 whether logged in or not.
  if (options.url && options.smee)
    throw new UsageError("give --url or --smee, not both", { hint: "run nectr connect --help" });
  const given = repoText === undefined ? undefined : parseRepoRef(repoText);
  const settings = deps.settings();
  const interactive = deps.io.stdin.isTTY === true && deps.io.stdout.isTTY === true;
  if (given === undefined && !interactive)
    throw new UsageError("which repository?", { hint: "run nectr connect OWNER/REPO --url URL" });
  const configuredUrl = webhookUrl(options, settings.publicUrl);
  if (!configuredUrl && !interactive) {
    throw new UsageError("where should GitHub send events?", {
      hint: "pass --url https://your-nectr-host, or --smee https://smee.io/CHANNEL, or nectr config set publicUrl URL",
    });
  }
  const token = await requireToken(settings, deps.tokenStore());
  const octokit = createOctokit({ baseUrl: settings.githubApiUrl, token: token.value });
  const ref = given ?? parseRepoRef(await askRepo(octokit));
  const name = formatRepoRef(ref);
  const url = configuredUrl ?? `${trimSlash(await askWebhookBase())}${WEBHOOK_PATH}`;
  const login = await checkAccess(octokit, ref);

  const { store } = await deps.database();
  const key = deps.secretKey();
  const secret = randomBytes(32).toString("hex");
  const hook = await installHook(octokit, ref, {
    url,
    secret,
    knownHookId: (await store.repos.find(name))?.hookId ?? null,
  });
  await store.repos.save(
    {
      fullName: name,
      hookId: hook.id,
      hookUrl: url,
      sealedSecret: sealSecret(secret, key),
      sealedToken: sealSecret(token.value, key),
      connectedBy: login,
    },
    new Date().toISOString(),
  );
  deps.out.line(
    `Connected ${name}: webhook ${hook.id} ${hook.created ? "created" : "updated"}, sending pull_request, issues and issue_comment to ${url}`,
  );

  const setup = createContextSetup(settings, deps.database, undefined, (message) => deps.note(`warning: ${message}`));
  try {
    const indexed = await setup.indexRepository(octokit, ref);
    deps.out.line(`Indexed ${indexed.files} files and ${indexed.pullRequests} merged pull requests for review context`);
  } catch (error) {
    deps.note(
      `warning: indexing ${name} for review context failed (${error instanceof Error ? error.message : String(error)}); reviews will build it up`,
    );
  } finally {
    await setup.close();
  }

  const answer = await pingHook(octokit, ref, hook.id, (ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  if (answer.code !== null && answer.code >= 200 && answer.code < 300)
    deps.out.line(`✓ ${options.smee ? "The smee channel" : "nectr serve"} answered GitHub's ping (${answer.code})`);
  else
    deps.note(
      `warning: nothing answered GitHub's ping at ${url}${answer.message ? ` (${answer.message})` : ""} — start nectr serve there`,
    );
}

function webhookUrl(options: ConnectOptions, publicUrl: string | undefined): string | undefined {
  if (options.smee) return checkedUrl(options.smee, "--smee", "--smee https://smee.io/CHANNEL");
  // publicUrl was checked with the other settings.
  const base =
    options.url === undefined ? publicUrl : checkedUrl(options.url, "--url", "--url https://nectr.example.com");
  if (!base) return undefined;
  const trimmed = trimSlash(base);
  return trimmed.endsWith(WEBHOOK_PATH) ? trimmed : `${trimmed}${WEBHOOK_PATH}`;
}

function checkedUrl(value: string, name: string, example: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !["http:", "https:"].includes(url.protocol))
    throw new UsageError(`${name} must be an http(s) URL, not "${value}"`, { hint: `e.g. ${example}` });
  return value;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Scopes first (a token without admin:repo_hook cannot touch hooks), then admin rights on the repo. */
async function checkAccess(octokit: GitHubClient, ref: RepoRef): Promise<string> {
  const name = formatRepoRef(ref);
  const identity = await whoAmI(octokit);
  if (identity.scopes && !identity.scopes.includes("admin:repo_hook")) {
    throw new AuthError("the token lacks the admin:repo_hook scope that installing a webhook needs", {
      hint: "run nectr login to get a token with it",
    });
  }
  const repo = await octokit.rest.repos.get({ owner: ref.owner, repo: ref.repo }).catch((error: unknown) => {
    if (isNotFound(error))
      throw new UsageError(`no repository ${name}, or your token cannot see it`, {
        hint: "check the name and your access",
      });
    throw githubError(error, `read ${name}`);
  });
  if (repo.data.permissions?.admin !== true) {
    throw new AuthError(`@${identity.login} is not an admin of ${name}, and only admins can install webhooks`, {
      hint: "ask an admin of the repository to run nectr connect",
    });
  }
  return identity.login;
}
