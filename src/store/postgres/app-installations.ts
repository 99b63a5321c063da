import {
  installationRefusalOf,
  removedFromInstallation,
  type InstallationChange,
  type InstallationState,
} from "../app-installations-table.js";
import type { Queryable } from "./open-postgres.js";

interface InstallationRow {
  account: string | null;
  state: InstallationState;
}

/** app-installations-table.ts's applyInstallationChange, in the caller's PostgreSQL transaction. */
export async function applyInstallationChange(tx: Queryable, change: InstallationChange, at: string): Promise<void> {
  const known = await installation(tx, change.installationId);
  const state = known?.state === "deleted" ? "deleted" : (change.state ?? known?.state ?? "active");
  const account = change.account ?? known?.account ?? null;
  await tx.query(
    `INSERT INTO app_installations (id, account, state, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET account = excluded.account, state = excluded.state, updated_at = excluded.updated_at`,
    [change.installationId, account, state, at],
  );
  const repos = [
    ...change.added.map((repo) => [repo, false] as const),
    ...change.removed.map((repo) => [repo, true] as const),
  ];
  if (repos.length > 0)
    await tx.query(
      `INSERT INTO app_installation_repos (installation_id, repo, removed, updated_at)
       SELECT $1, repo, removed, $4 FROM unnest($2::text[], $3::boolean[]) AS given (repo, removed)
       ON CONFLICT (installation_id, repo) DO UPDATE SET removed = excluded.removed, updated_at = excluded.updated_at`,
      [change.installationId, repos.map(([repo]) => repo), repos.map(([, removed]) => removed), at],
    );
  const skip = (reason: string, repo: string | null) =>
    tx.query(
      `UPDATE events SET status = 'skipped', error = $1, processed_at = $2
       WHERE status = 'queued' AND installation_id = $3 AND ($4::citext IS NULL OR repo = $4::citext)`,
      [reason, at, change.installationId, repo],
    );
  if (state !== "active") {
    await skip(installationRefusalOf({ account, state }, change.installationId), null);
    return;
  }
  for (const repo of change.removed) await skip(removedFromInstallation(repo, change.installationId), repo);
}

/** app-installations-table.ts's installationRefusal, read in PostgreSQL. */
export async function installationRefusal(
  tx: Queryable,
  installationId: number,
  repo: string | null,
): Promise<string | undefined> {
  const known = await installation(tx, installationId);
  if (known && known.state !== "active") return installationRefusalOf(known, installationId);
  if (repo === null) return undefined;
  const [row] = await tx.query<{ removed: boolean }>(
    "SELECT removed FROM app_installation_repos WHERE installation_id = $1 AND repo = $2",
    [installationId, repo],
  );
  return row?.removed ? removedFromInstallation(repo, installationId) : undefined;
}

async function installation(tx: Queryable, id: number): Promise<InstallationRow | undefined> {
  const [row] = await tx.query<InstallationRow>("SELECT account, state FROM app_installations WHERE id = $1", [id]);
  return row;
}
