import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewDelivery } from "../../../src/store/events-table.js";
import type { JobQueue, QueuedJob } from "../../../src/store/nectr-store.js";
import { postgresJobQueue } from "../../../src/store/postgres/job-queue.js";
import { openPostgres, type PostgresDatabase } from "../../../src/store/postgres/open-postgres.js";
import { createTestDatabase, runPostgresTests, type TestDatabase } from "../../harness/postgres.js";

// The queue several daemons share, each daemon a queue of its own (its own pool and lease owner)
// on one real database.
describe.runIf(runPostgresTests)("the PostgreSQL job queue, shared by several daemons", () => {
  let testDatabase: TestDatabase;
  const pools: PostgresDatabase[] = [];
  const queues: (JobQueue & { close(): void })[] = [];
  beforeEach(async () => {
    testDatabase = await createTestDatabase();
  });
  afterEach(async () => {
    for (const queue of queues.splice(0)) queue.close();
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
    await testDatabase.drop();
  });

  const daemon = async (owner: string, leaseSeconds = 60) => {
    const db = await openPostgres(testDatabase.url, { poolSize: 6 });
    pools.push(db);
    const queue = postgresJobQueue(db, { owner, leaseSeconds });
    queues.push(queue);
    return queue;
  };
  const job = (number: number, prNumber = number): NewDelivery => ({
    deliveryId: `d${number}`,
    event: "pull_request",
    action: "opened",
    repo: "octo/app",
    prNumber,
    headSha: String(number).padStart(40, "0"),
    replayKey: null,
    status: "queued",
    payload: "{}",
    receivedAt: new Date(Date.UTC(2026, 11, 4, 10, 0, number)).toISOString(),
  });
  const now = () => new Date().toISOString();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("gives each job to one daemon only, never two of one PR at once, however many claim together", async () => {
    const daemons = await Promise.all(["a", "b", "c", "d"].map((owner) => daemon(owner)));
    // 60 jobs of 3 pull requests (commands, as `@nectr ask` gives), each PR's in a row: a claim
    // that skips a row another daemon holds finds the same PR's next job behind it.
    await daemons[0]!.record(
      Array.from({ length: 60 }, (_, index) => ({ ...job(index + 1, Math.floor(index / 20) + 1), headSha: null })),
    );
    const claimed: QueuedJob[] = [];
    const running = new Map<number, number>();
    let overlaps = 0;
    await Promise.all(
      daemons.flatMap((queue) =>
        [1, 2, 3].map(async () => {
          for (let idle = 0; idle < 20;) {
            const next = await queue.claim(now());
            if (!next) {
              idle += 1;
              await sleep(5);
              continue;
            }
            claimed.push(next);
            if (running.has(next.prNumber!)) overlaps += 1;
            running.set(next.prNumber!, next.id);
            await sleep(2);
            running.delete(next.prNumber!);
            await queue.finish(next.id, "done", now());
          }
        }),
      ),
    );
    expect(overlaps).toBe(0);
    expect(claimed).toHaveLength(60);
    expect(new Set(claimed.map((each) => each.id)).size).toBe(60);
    expect(await daemons[1]!.depth()).toBe(0);
  });

  it("keeps a job its live daemon runs past the lease, and hands a dead daemon's to another once the lease ends", async () => {
    const alive = await daemon("alive", 2);
    const other = await daemon("other", 2);
    await alive.record([job(1), job(2)]);
    const first = await alive.claim(now());
    await sleep(3500);
    // Renewed every third of the lease: still alive's, so the other daemon gets the next job only.
    const second = await other.claim(now());
    expect(second?.id).not.toBe(first?.id);
    expect(await other.claim(now())).toBeUndefined();

    // The other daemon dies (no more renewals): its job is queued again once its lease ends.
    other.close();
    await sleep(2500);
    const retaken = await alive.claim(now());
    expect(retaken).toMatchObject({ id: second?.id, attempts: 2 });
    // What the dead daemon's process might still write is not taken: the job is alive's now.
    await other.finish(second!.id, "failed", now(), "too late");
    const [row] = await pools[0]!.query<{ status: string; leased_by: string }>(
      "SELECT status, leased_by FROM events WHERE id = $1",
      [second!.id],
    );
    expect(row).toEqual({ status: "running", leased_by: "alive" });
    await alive.finish(first!.id, "done", now());
    await alive.finish(second!.id, "done", now());
    expect(await alive.depth()).toBe(0);
  });

  it("at start, queues again only the jobs whose lease ran out, never a live daemon's", async () => {
    const live = await daemon("live", 60);
    const dead = await daemon("dead", 2);
    await live.record([job(1), job(2)]);
    await live.claim(now());
    await dead.claim(now());
    dead.close();
    await sleep(2500);
    const starting = await daemon("starting", 60);
    expect(await starting.recoverAbandoned()).toBe(1);
    const rows = await pools[0]!.query<{ delivery_id: string; status: string }>(
      "SELECT delivery_id, status FROM events ORDER BY delivery_id",
    );
    expect(rows).toEqual([
      { delivery_id: "d1", status: "running" },
      { delivery_id: "d2", status: "queued" },
    ]);
  });
});
