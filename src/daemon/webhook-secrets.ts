import { openSecret } from "../auth/seal.js";
import type { NectrDatabase } from "../store/open-database.js";
import { prepared } from "../store/prepared.js";

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
export function webhookSecretForHook(
  db: NectrDatabase,
  key: Buffer,
  hookId: string | undefined,
  globalSecret: string | undefined,
  app?: { secret: string | undefined; fromApp: boolean },
): WebhookSecret | undefined {
  if (hookId && /^\d{1,18}$/.test(hookId)) {
    const row = prepared<[number], { full_name: string; sealed_secret: string | null }>(
      db,
      "SELECT full_name, sealed_secret FROM repos WHERE hook_id = ? AND active = 1",
    ).get(Number(hookId));
    if (row?.sealed_secret) return { secret: openSecret(row.sealed_secret, key), repo: row.full_name };
  }
  if (app?.fromApp && app.secret) return { secret: app.secret, repo: undefined };
  return globalSecret ? { secret: globalSecret, repo: undefined } : undefined;
}
