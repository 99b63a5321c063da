import type { GitHubClient } from "./create-octokit.js";
import { githubError, isNotFound } from "./github-errors.js";
import { formatRepoRef, type RepoRef } from "./refs.js";

/** What nectr listens to (SPEC: `nectr connect`). */
export const HOOK_EVENTS = ["pull_request", "issues", "issue_comment"];

export interface InstalledHook {
  id: number;
  created: boolean;
}

/**
 * Creates nectr's hook on a repo, or updates the one it already has — found by the stored id,
 * else by its URL among the repo's hooks — so running connect again (even after a crash that
 * lost the stored id) never adds a second hook.
 */
export async function installHook(
  octokit: GitHubClient,
  ref: RepoRef,
  options: { url: string; secret: string; knownHookId: number | null },
): Promise<InstalledHook> {
  const fail = (what: string) => (error: unknown) => {
    throw githubError(error, `${what} on ${formatRepoRef(ref)}`);
  };
  const existing = (await hookById(octokit, ref, options.knownHookId)) ?? (await hookByUrl(octokit, ref, options.url));
  const config = { url: options.url, content_type: "json", secret: options.secret, insecure_ssl: "0" };
  if (existing !== undefined) {
    await octokit.rest.repos
      .updateWebhook({ ...ref, hook_id: existing, config, events: HOOK_EVENTS, active: true })
      .catch(fail("update the webhook"));
    return { id: existing, created: false };
  }
  const created = await octokit.rest.repos
    .createWebhook({ ...ref, name: "web", config, events: HOOK_EVENTS, active: true })
    .catch(fail("create a webhook"));
  return { id: created.data.id, created: true };
}

/** Deletes nectr's hook; a hook already gone on GitHub is fine. */
export async function removeHook(
  octokit: GitHubClient,
  ref: RepoRef,
  options: { hookId: number | null; url: string | null },
): Promise<"deleted" | "already gone"> {
  const id =
    (await hookById(octokit, ref, options.hookId)) ??
    (options.url ? await hookByUrl(octokit, ref, options.url) : undefined);
  if (id === undefined) return "already gone";
  try {
    await octokit.rest.repos.deleteWebhook({ ...ref, hook_id: id });
    return "deleted";
  } catch (error) {
    if (isNotFound(error)) return "already gone";
    throw githubError(error, `delete the webhook on ${formatRepoRef(ref)}`);
  }
}

/** Asks GitHub to send the hook a ping, then waits for GitHub to record the answer it got. */
export async function pingHook(
  octokit: GitHubClient,
  ref: RepoRef,
  hookId: number,
  sleep: (ms: number) => Promise<void>,
): Promise<{ code: number | null; message: string | null }> {
  await octokit.rest.repos.pingWebhook({ ...ref, hook_id: hookId }).catch((error: unknown) => {
    throw githubError(error, `ping the webhook on ${formatRepoRef(ref)}`);
  });
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await sleep(500);
    const hook = await octokit.rest.repos.getWebhook({ ...ref, hook_id: hookId }).catch(() => undefined);
    const last = hook?.data.last_response;
    if (last && (last.code !== null || last.status !== "unused")) return { code: last.code, message: last.message };
  }
  return { code: null, message: null };
}

async function hookById(octokit: GitHubClient, ref: RepoRef, id: number | null): Promise<number | undefined> {
  if (id === null) return undefined;
  try {
    return (await octokit.rest.repos.getWebhook({ ...ref, hook_id: id })).data.id;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw githubError(error, `read the webhook on ${formatRepoRef(ref)}`);
  }
}

async function hookByUrl(octokit: GitHubClient, ref: RepoRef, url: string): Promise<number | undefined> {
  const hooks = await octokit
    .paginate(octokit.rest.repos.listWebhooks, { ...ref, per_page: 100 })
    .catch((error: unknown) => {
      throw githubError(error, `list the webhooks of ${formatRepoRef(ref)}`);
    });
  return hooks.find((hook) => hook.config.url === url)?.id;
}
