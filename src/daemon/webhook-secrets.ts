import { openSecret } from "../auth/seal.js";
import type { RepoStore } from "../store/nectr-store.js";

export interface WebhookSecret {
  secret: string;
  /** The repo the hook belongs to; deliveries must be about it. Undefined for the global secret. */
  repo: string | undefined;
}

/**
 * The secret a delivery must be signed with: its hook's own (found by X-GitHub-Hook-ID among
 * the active connected repos), the GitHub App's for a delivery of the app's own webhook (when
 * `nectr app` stored one), else NECTR_WEBHOOK_SECRET. Undefined means "reject": there is no "no secret, so skip the check".
 */
export async function webhookSecretForHook(
  repos: RepoStore,
  key: Buffer,
  hookId: string | undefined,
  globalSecret: string | undefined,
  app?: { secret: string | undefined; fromApp: boolean },
): Promise<WebhookSecret | undefined> {
  if (hookId && /^\d{1,18}$/.test(hookId)) {
    const repo = await repos.byHookId(Number(hookId));
    if (repo?.sealedSecret) return { secret: openSecret(repo.sealedSecret, key), repo: repo.fullName };
  }
  if (app?.fromApp && app.secret) return { secret: app.secret, repo: undefined };
  return globalSecret ? { secret: globalSecret, repo: undefined } : undefined;
}
