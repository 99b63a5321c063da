import {
  claimJob,
  finishJob,
  queueDepth,
  recentEvents,
  recordDeliveries,
  requeueJob,
  requeueRunningJobs,
  retryJobLater,
} from "./events-table.js";
import { ledgerOf, recordLedger } from "./findings-table.js";
import { ignorePull, isPullIgnored, unignorePull } from "./ignored-pulls-table.js";
import { countCommandUse } from "./command-uses-table.js";
import { addTokens, reserveTokens, spendOfDay, tokensSpent } from "./llm-spend-table.js";
import { MIGRATIONS } from "./migrations.js";
import { schemaVersion, type NectrDatabase } from "./open-database.js";
import { prepared } from "./prepared.js";
import { pruneEvents, storedEvents } from "./prune-events.js";
import { findRepo, listRepos, markRepoInactive, saveConnectedRepo } from "./repos-table.js";
import { lastReviewedHead, recordPostedReview, reviewBasesAt } from "./reviews-table.js";
import { recentReviews, tokensPerDay } from "./status-queries.js";
import type { NectrStore } from "./nectr-store.js";

/**
 * The embedded store: nectr.db, whose calls answer at once. One daemon holds its data folder
 * (daemon-lock.ts), so the jobs left running when it starts are its own dead predecessor's.
 */
export function sqliteStore(db: NectrDatabase, file: string): NectrStore & { db: NectrDatabase } {
  return {
    db,
    location: file,
    queue: {
      record: async (deliveries) => recordDeliveries(db, deliveries),
      claim: async (now) => claimJob(db, now),
      finish: async (id, status, now, error) => finishJob(db, id, status, now, error ?? null),
      retryLater: async (id, next, error) => retryJobLater(db, id, next, error),
      release: async (id) => requeueJob(db, id),
      recoverAbandoned: async () => requeueRunningJobs(db),
      depth: async () => queueDepth(db),
      recent: async (limit) => recentEvents(db, limit),
      stored: async () => storedEvents(db),
      prune: async (now, days) => pruneEvents(db, now, days),
    },
    repos: {
      save: async (repo, now) => saveConnectedRepo(db, repo, now),
      find: async (fullName) => findRepo(db, fullName),
      markInactive: async (fullName, now) => markRepoInactive(db, fullName, now),
      list: async () => listRepos(db),
      byHookId: async (hookId) => {
        const row = prepared<[number], { full_name: string; sealed_secret: string | null }>(
          db,
          "SELECT full_name, sealed_secret FROM repos WHERE hook_id = ? AND active = 1",
        ).get(hookId);
        return row ? { fullName: row.full_name, sealedSecret: row.sealed_secret } : undefined;
      },
    },
    reviews: {
      record: async (review) => recordPostedReview(db, review),
      lastReviewedHead: async (repo, prNumber) => lastReviewedHead(db, repo, prNumber),
      basesAt: async (repo, prNumber, head) => reviewBasesAt(db, repo, prNumber, head),
      recent: async (limit) => recentReviews(db, limit),
      tokensPerDay: async (since) => tokensPerDay(db, since),
      findings: (repo, prNumber) => ({
        load: async () => ledgerOf(db, repo, prNumber),
        save: async (entries, sha) => recordLedger(db, repo, prNumber, entries, sha),
      }),
    },
    pulls: {
      ignore: async (repo, prNumber, by, at) => ignorePull(db, repo, prNumber, by, at),
      unignore: async (repo, prNumber) => unignorePull(db, repo, prNumber),
      isIgnored: async (repo, prNumber) => isPullIgnored(db, repo, prNumber),
      countCommand: async (repo, author, day) => countCommandUse(db, repo, author, day),
    },
    spend: {
      ledger: (repo, day) => ({
        reserve: async (tokens, limit) => reserveTokens(db, repo, day, tokens, limit),
        add: async (delta) => addTokens(db, repo, day, delta),
        spent: async () => tokensSpent(db, repo, day),
      }),
      ofDay: async (day) => spendOfDay(db, day),
    },
    schema: async () => ({ current: schemaVersion(db), newest: MIGRATIONS.at(-1)?.version ?? 0 }),
    close: async () => {
      db.close();
    },
  };
}
