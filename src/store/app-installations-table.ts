import type { NectrDatabase } from "./open-database.js";
import { prepared } from "./prepared.js";

export type InstallationState = "active" | "suspended" | "deleted";

/**
 * What an `installation` or `installation_repositories` delivery says about one of the app's
 * installations: its new state (none when the action leaves it as it was), and repositories
 * added to or removed from it.
 */
export interface InstallationChange {
  installationId: number;
  account: string | null;
  state: InstallationState | undefined;
  added: readonly string[];
  removed: readonly string[];
}

interface InstallationRow {
  account: string | null;
  state: InstallationState;
}

/**
 * Applies an installation change in the caller's transaction (the delivery that says it is
 * stored with it), and skips the queued jobs it makes moot: every one of a deleted or suspended
 * installation, and those of its removed repositories. A deleted installation stays deleted:
 * GitHub gives a reinstalled app a new installation id.
 */
export function applyInstallationChange(db: NectrDatabase, change: InstallationChange, at: string): void {
  const known = installation(db, change.installationId);
  const state = known?.state === "deleted" ? "deleted" : (change.state ?? known?.state ?? "active");
  const account = change.account ?? known?.account ?? null;
  prepared(
    db,
    `INSERT INTO app_installations (id, account, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET account = excluded.account, state = excluded.state, updated_at = excluded.updated_at`,
  ).run(change.installationId, account, state, at);
  const setRepo = prepared(
    db,
    `INSERT INTO app_installation_repos (installation_id, repo, removed, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (installation_id, repo) DO UPDATE SET removed = excluded.removed, updated_at = excluded.updated_at`,
  );
  for (const repo of change.added) setRepo.run(change.installationId, repo, 0, at);
  for (const repo of change.removed) setRepo.run(change.installationId, repo, 1, at);

  const skip = prepared(
    db,
    `UPDATE events SET status = 'skipped', error = ?, processed_at = ?
     WHERE status = 'queued' AND installation_id = ? AND (? IS NULL OR repo = ? COLLATE NOCASE)`,
  );
  if (state !== "active") {
    skip.run(installationRefusalOf({ account, state }, change.installationId), at, change.installationId, null, null);
    return;
  }
  for (const repo of change.removed)
    skip.run(removedFromInstallation(repo, change.installationId), at, change.installationId, repo, repo);
}

/**
 * Why a delivery that came through an installation must not be reviewed, from what the app's
 * deliveries said of it; undefined when nothing nectr was told stands in the way (an
 * installation it never heard of included: the token mint is the judge then).
 */
export function installationRefusal(
  db: NectrDatabase,
  installationId: number,
  repo: string | null,
): string | undefined {
  const known = installation(db, installationId);
  if (known && known.state !== "active") return installationRefusalOf(known, installationId);
  if (repo === null) return undefined;
  const removed = prepared<[number, string], { removed: number }>(
    db,
    "SELECT removed FROM app_installation_repos WHERE installation_id = ? AND repo = ?",
  ).get(installationId, repo);
  return removed?.removed ? removedFromInstallation(repo, installationId) : undefined;
}

function installation(db: NectrDatabase, id: number): InstallationRow | undefined {
  return prepared<[number], InstallationRow>(db, "SELECT account, state FROM app_installations WHERE id = ?").get(id);
}

export function installationRefusalOf(known: InstallationRow, id: number): string {
  const where = known.account ? ` on ${known.account}` : "";
  return known.state === "deleted"
    ? `the app was uninstalled${where} (installation ${id})`
    : `the app's installation ${id}${where} is suspended`;
}

export function removedFromInstallation(repo: string, id: number): string {
  return `${repo} was removed from the app's installation ${id}`;
}
