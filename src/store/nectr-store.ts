// The store's one interface (DESIGN: "one store interface per table group"): the embedded SQLite
// database (sqlite-store.ts) and PostgreSQL (postgres/postgres-store.ts) implement it, and the
// daemon and the CLI never ask which one they have. Every call is async: PostgreSQL answers over
// a socket, SQLite at once.
import type { FindingsLedgerPort } from "../github/publish-review.js";
import type { SpendLedger } from "../llm/spend-budget.js";
import type { EventRecord, EventStatus, NewDelivery, RecordedDelivery } from "./events-table.js";
import type { ConnectedRepo, RepoOverview, RepoRecord } from "./repos-table.js";
import type { PostedReview } from "./reviews-table.js";
import type { DailyTokens, ReviewSummary } from "./status-queries.js";

export type QueuedJob = EventRecord & { payload: string };
export type FinishedStatus = Extract<EventStatus, "done" | "failed" | "superseded" | "skipped">;

export interface JobQueue {
  /**
   * Stores deliveries in one transaction, in order, and says what became of each (a duplicate
   * delivery id or replayed job, a superseded older head, a full queue); if it fails, none is stored.
   */
  record(deliveries: readonly NewDelivery[]): Promise<RecordedDelivery[]>;
  /** The oldest due job whose PR has none running (one PR at a time, across every daemon), now running. */
  claim(now: string): Promise<QueuedJob | undefined>;
  finish(id: number, status: FinishedStatus, now: string, error?: string | null): Promise<void>;
  retryLater(id: number, nextAttemptAt: string, error: string): Promise<void>;
  /** Puts a job this daemon runs back in the queue (it is stopping). */
  release(id: number): Promise<void>;
  /** Jobs whose daemon died while running them, queued again (the review step is idempotent). */
  recoverAbandoned(): Promise<number>;
  /** Jobs queued or running. */
  depth(): Promise<number>;
  /** The newest deliveries, without payloads. */
  recent(limit: number): Promise<EventRecord[]>;
  /** How many deliveries are kept, and when the oldest came. */
  stored(): Promise<{ count: number; oldest: string | null }>;
  /** Deletes deliveries older than `retentionDays` whose job is over; says how many. */
  prune(now: Date, retentionDays: number): Promise<number>;
}

export interface RepoStore {
  save(repo: ConnectedRepo, now: string): Promise<void>;
  find(fullName: string): Promise<RepoRecord | undefined>;
  markInactive(fullName: string, now: string): Promise<void>;
  /** Every repo nectr knows, with its last delivery and last review. */
  list(): Promise<RepoOverview[]>;
  /** The active repo whose webhook has this id, with its sealed secret. */
  byHookId(hookId: number): Promise<{ fullName: string; sealedSecret: string | null } | undefined>;
}

export interface ReviewStore {
  record(review: PostedReview): Promise<void>;
  /** The head nectr last posted a review at, for an incremental pass. */
  lastReviewedHead(repo: string, prNumber: number): Promise<string | undefined>;
  /** The bases of the reviews nectr posted at this head, newest first. */
  basesAt(repo: string, prNumber: number, headSha: string): Promise<string[]>;
  /** Newest first, titled from the delivery that asked for each. */
  recent(limit: number): Promise<ReviewSummary[]>;
  tokensPerDay(sinceDay: string): Promise<DailyTokens[]>;
  /** The findings ledger of one PR, as the publishing step reads and writes it. */
  findings(repo: string, prNumber: number): FindingsLedgerPort;
}

export interface PullRequestStore {
  /** `@nectr ignore`: no more reviews of this PR until `@nectr review`. */
  ignore(repo: string, prNumber: number, by: string, at: string): Promise<void>;
  unignore(repo: string, prNumber: number): Promise<void>;
  isIgnored(repo: string, prNumber: number): Promise<boolean>;
  /** Counts one more `@nectr` command by `author` in `repo` on `day`; the day's count. */
  countCommand(repo: string, author: string, day: string): Promise<number>;
}

export interface SpendStore {
  /** One repository's LLM tokens of one UTC day. */
  ledger(repo: string, day: string): SpendLedger;
  /** Every repository's spend on `day`, most first. */
  ofDay(day: string): Promise<{ repo: string; tokens: number }[]>;
}

export interface NectrStore {
  /** Where it lives, for `nectr doctor` and the logs (never a password). */
  readonly location: string;
  readonly queue: JobQueue;
  readonly repos: RepoStore;
  readonly reviews: ReviewStore;
  readonly pulls: PullRequestStore;
  readonly spend: SpendStore;
  schema(): Promise<{ current: number; newest: number }>;
  close(): Promise<void>;
}
