import type { NectrStore } from "../nectr-store.js";
import { postgresJobQueue, type LeaseOptions } from "./job-queue.js";
import { POSTGRES_MIGRATIONS } from "./migrations.js";
import type { PostgresDatabase } from "./open-postgres.js";
import { postgresPullRequestStore, postgresSpendStore } from "./pull-request-store.js";
import { postgresRepoStore } from "./repo-store.js";
import { postgresReviewStore } from "./review-store.js";

/** The store in PostgreSQL (NECTR_DATABASE_URL), shared by every daemon pointed at it. */
export function postgresStore(db: PostgresDatabase, location: string, lease: LeaseOptions): NectrStore {
  const queue = postgresJobQueue(db, lease);
  return {
    location,
    queue,
    repos: postgresRepoStore(db),
    reviews: postgresReviewStore(db),
    pulls: postgresPullRequestStore(db),
    spend: postgresSpendStore(db),
    schema: async () => ({ current: await db.schemaVersion(), newest: POSTGRES_MIGRATIONS.at(-1)?.version ?? 0 }),
    async close() {
      queue.close();
      await db.close();
    },
  };
}
