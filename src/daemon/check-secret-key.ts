import { openSecret } from "../auth/seal.js";
import { UsageError } from "../errors.js";
import type { NectrStore } from "../store/nectr-store.js";

/**
 * Refuses to start with a secret key that cannot open the webhook secrets the store holds: on a
 * database several daemons share, one started with another key would answer 401 to every
 * delivery of the repos others connected. Checked on one active repository's secret.
 */
export async function checkSecretKey(store: NectrStore, key: Buffer): Promise<void> {
  const sealed = (await store.repos.list()).find((repo) => repo.active && repo.sealedSecret)?.sealedSecret;
  if (!sealed) return;
  try {
    openSecret(sealed, key);
  } catch {
    throw new UsageError(`the secret key cannot open the secrets stored in ${store.location}`, {
      hint: "every nectr serve on one database needs the same NECTR_SECRET_KEY (the one in use when the repos were connected)",
    });
  }
}
