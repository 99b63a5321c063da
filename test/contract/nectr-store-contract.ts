import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_QUEUED_PER_REPO, type NewDelivery } from "../../src/store/events-table.js";
import type { NectrStore } from "../../src/store/nectr-store.js";

/** What every store (SQLite, PostgreSQL) must do the same, through the one interface the daemon and CLI use. */
export function describeNectrStoreContract(name: string, create: () => Promise<NectrStore>): void {
  describe(`the ${name} store`, () => {
    let store: NectrStore;
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      await store.close();
    });

    let deliveries = 0;
    const delivery = (changes: Partial<NewDelivery> = {}): NewDelivery => ({
      deliveryId: `delivery-${++deliveries}`,
      event: "pull_request",
      action: "opened",
      repo: "Octo/App",
      prNumber: 1,
      headSha: "a".repeat(40),
      replayKey: null,
      status: "queued",
      payload: Buffer.from(JSON.stringify({ pull_request: { title: "Add the thing" } })),
      receivedAt: "2026-12-04T10:00:00.000Z",
      ...changes,
    });
    const record = async (changes: Partial<NewDelivery> = {}) => (await store.queue.record([delivery(changes)]))[0]!;
    const now = "2026-12-04T10:00:01.000Z";

    describe("deliveries and the queue", () => {
      it("answers duplicate to a delivery id seen before, in the same batch or a later one", async () => {
        const [first, again] = await store.queue.record([delivery({ deliveryId: "x" }), delivery({ deliveryId: "x" })]);
        expect(first).toEqual({ id: expect.any(Number), status: "queued" });
        expect(again).toEqual({ id: first!.id, status: "duplicate" });
        expect(await record({ deliveryId: "x" })).toEqual({ id: first!.id, status: "duplicate" });
        expect(await store.queue.depth()).toBe(1);
      });

      it("runs a replayed body once, and one head of a PR once, whatever the case of the repository", async () => {
        expect((await record({ replayKey: "comment:1", prNumber: 9, headSha: null })).status).toBe("queued");
        expect((await record({ replayKey: "comment:1", prNumber: 9, headSha: null })).status).toBe("duplicate");
        expect((await record()).status).toBe("queued");
        expect((await record({ repo: "octo/app", action: "synchronize" })).status).toBe("duplicate");
      });

      it("supersedes a PR's older queued heads with a newer one, never another PR's", async () => {
        const old = await record();
        const other = await record({ prNumber: 2 });
        await record({ headSha: "b".repeat(40), action: "synchronize" });
        const statuses = new Map((await store.queue.recent(10)).map((event) => [event.id, event.status]));
        expect(statuses.get(old.id!)).toBe("superseded");
        expect(statuses.get(other.id!)).toBe("queued");
      });

      it("refuses a job past the repository's cap, stores nothing of it, and takes other repositories", async () => {
        await store.queue.record(
          Array.from({ length: MAX_QUEUED_PER_REPO }, (_, index) => delivery({ prNumber: index + 1 })),
        );
        expect(await record({ prNumber: 9999 })).toEqual({ id: undefined, status: "queue full" });
        expect((await record({ repo: "octo/other" })).status).toBe("queued");
        expect(await store.queue.depth()).toBe(MAX_QUEUED_PER_REPO + 1);
      });

      it("keeps a delivery that runs nothing as recorded, with its payload as text", async () => {
        const ping = await record({
          event: "ping",
          action: null,
          repo: null,
          prNumber: null,
          headSha: null,
          status: "recorded",
        });
        expect(ping.status).toBe("recorded");
        expect(await store.queue.depth()).toBe(0);
        expect(await store.queue.claim(now)).toBeUndefined();
        const [event] = await store.queue.recent(1);
        expect(event).toMatchObject({ event: "ping", status: "recorded", attempts: 0, processedAt: null });
      });

      it("claims the oldest due job, one per pull request at a time, and finishes it", async () => {
        const first = await record({ receivedAt: "2026-12-04T09:00:00.000Z" });
        const command = await record({ event: "issue_comment", replayKey: "comment:7", headSha: null });
        const second = await record({ prNumber: 2 });
        const claimed = await store.queue.claim(now);
        expect(claimed).toMatchObject({ id: first.id, status: "running", attempts: 1, repo: "Octo/App", prNumber: 1 });
        expect(JSON.parse(claimed!.payload)).toEqual({ pull_request: { title: "Add the thing" } });
        // PR 1's command waits: its PR has a job running.
        expect((await store.queue.claim(now))?.id).toBe(second.id);
        expect(await store.queue.claim(now)).toBeUndefined();
        await store.queue.finish(first.id!, "done", now);
        expect((await store.queue.claim(now))?.id).toBe(command.id);
        expect(await store.queue.depth()).toBe(2);
      });

      it("retries a job when it is due, and puts a released or abandoned one back", async () => {
        const job = await record();
        await store.queue.claim(now);
        await store.queue.retryLater(job.id!, "2026-12-04T11:00:00.000Z", "GitHub answered 502");
        expect(await store.queue.claim(now)).toBeUndefined();
        const retried = await store.queue.claim("2026-12-04T11:00:00.000Z");
        expect(retried).toMatchObject({ id: job.id, attempts: 2, error: "GitHub answered 502" });
        await store.queue.release(job.id!);
        expect((await store.queue.claim("2026-12-04T11:00:00.000Z"))?.attempts).toBe(3);
        await store.queue.finish(job.id!, "failed", now, "gave up");
        const [event] = await store.queue.recent(1);
        expect(event).toMatchObject({ status: "failed", error: "gave up", processedAt: now });
        expect(await store.queue.depth()).toBe(0);
      });

      it("keeps what is queued or running when pruning, and unlinks reviews of pruned deliveries", async () => {
        const old = await record({ event: "ping", status: "recorded", receivedAt: "2026-10-01T00:00:00.000Z" });
        const waiting = await record({ prNumber: 5, receivedAt: "2026-10-01T00:00:00.000Z" });
        await store.reviews.record(posted({ eventId: old.id!, prNumber: 5 }));
        expect(await store.queue.prune(new Date("2026-12-04T00:00:00.000Z"), 30)).toBe(1);
        expect((await store.queue.recent(10)).map((event) => event.id)).toEqual([waiting.id]);
        expect(await store.queue.stored()).toEqual({ count: 1, oldest: "2026-10-01T00:00:00.000Z" });
        expect((await store.reviews.recent(1))[0]?.title).toBeNull();
      });

      it("stores the installation an app's delivery came through, and skips deliveries of a removed one", async () => {
        const change = { installationId: 77, account: "octo", state: "deleted" as const, added: [], removed: [] };
        await record({ event: "installation", action: "deleted", status: "recorded", installationChange: change });
        const refused = await record({ installationId: 77 });
        expect(refused.status).toBe("ignored");
        const [event] = await store.queue.recent(1);
        expect(event).toMatchObject({ installationId: 77, status: "ignored" });
        expect(event?.error).toMatch(/uninstalled on octo \(installation 77\)/);
      });
    });

    describe("repositories", () => {
      const repo = {
        fullName: "Octo/App",
        hookId: 42,
        hookUrl: "https://nectr.example.com/api/v1/webhooks/github",
        sealedSecret: "v1:secret",
        sealedToken: null,
        connectedBy: "mona",
      };

      it("keeps one row per repository, found whatever the case, and its hook while active", async () => {
        await store.repos.save(repo, "2026-12-04T00:00:00.000Z");
        await store.repos.save({ ...repo, fullName: "octo/app", hookId: 43 }, "2026-12-04T01:00:00.000Z");
        expect(await store.repos.find("OCTO/APP")).toMatchObject({
          hookId: 43,
          active: true,
          updatedAt: "2026-12-04T01:00:00.000Z",
        });
        expect(await store.repos.byHookId(43)).toEqual({ fullName: "Octo/App", sealedSecret: "v1:secret" });
        await store.repos.markInactive("octo/app", "2026-12-04T02:00:00.000Z");
        expect(await store.repos.byHookId(43)).toBeUndefined();
        expect(await store.repos.find("octo/app")).toMatchObject({ active: false });
      });

      it("lists each with its last delivery and last review", async () => {
        await store.repos.save(repo, "2026-12-04T00:00:00.000Z");
        await store.repos.save({ ...repo, fullName: "acme/site", hookId: 7 }, "2026-12-04T00:00:00.000Z");
        await record();
        await store.reviews.record(posted({}));
        const listed = await store.repos.list();
        expect(listed.map((each) => each.fullName)).toEqual(["acme/site", "Octo/App"]);
        expect(listed[1]).toMatchObject({
          lastDeliveryAt: "2026-12-04T10:00:00.000Z",
          lastReviewAt: expect.any(String),
        });
        expect(listed[0]).toMatchObject({ lastDeliveryAt: null, lastReviewAt: null });
      });
    });

    describe("reviews and findings", () => {
      it("knows the last reviewed head, the bases at a head, and the newest reviews with their titles", async () => {
        const event = await record();
        await store.reviews.record(posted({ eventId: event.id!, headSha: "a".repeat(40), basis: "basis-1" }));
        await new Promise((resolve) => setTimeout(resolve, 5));
        await store.reviews.record(posted({ headSha: "b".repeat(40), basis: "basis-2" }));
        expect(await store.reviews.lastReviewedHead("octo/app", 1)).toBe("b".repeat(40));
        expect(await store.reviews.lastReviewedHead("octo/app", 2)).toBeUndefined();
        expect(await store.reviews.basesAt("OCTO/app", 1, "a".repeat(40))).toEqual(["basis-1"]);
        const recent = await store.reviews.recent(10);
        expect(recent.map((review) => review.title)).toEqual([null, "Add the thing"]);
        expect(recent[1]).toMatchObject({
          repo: "Octo/App",
          prNumber: 1,
          verdict: "comment",
          promptTokens: 100,
          completionTokens: 20,
        });
        const today = new Date().toISOString().slice(0, 10);
        expect(await store.reviews.tokensPerDay(today)).toEqual([
          { day: today, promptTokens: 200, completionTokens: 40 },
        ]);
      });

      it("keeps a PR's findings ledger, where a dismissed finding stays dismissed", async () => {
        const ledger = store.reviews.findings("Octo/App", 1);
        const finding = {
          fingerprint: "f1",
          path: "src/a.ts",
          line: 3,
          rule: "secret",
          title: "A secret",
          code: "const key = 'x'",
          status: "open" as const,
          commentId: 11,
        };
        await ledger.save([finding, { ...finding, fingerprint: "f2", commentId: null }], "sha-1");
        await ledger.save([{ ...finding, status: "dismissed" }], "sha-2");
        await store.reviews
          .findings("octo/app", 1)
          .save([{ ...finding, line: 9, status: "open", commentId: null }], "sha-3");
        const loaded = await store.reviews.findings("octo/app", 1).load();
        expect(loaded.get("f1")).toEqual({ ...finding, line: 9, status: "dismissed", commentId: 11 });
        expect(loaded.get("f2")?.status).toBe("open");
        expect((await store.reviews.findings("octo/app", 2).load()).size).toBe(0);
      });
    });

    describe("pull requests and spend", () => {
      it("ignores a PR until asked again, and counts each author's commands per day", async () => {
        await store.pulls.ignore("Octo/App", 1, "mona", now);
        await store.pulls.ignore("Octo/App", 1, "hubot", now);
        expect(await store.pulls.isIgnored("octo/app", 1)).toBe(true);
        expect(await store.pulls.isIgnored("octo/app", 2)).toBe(false);
        await store.pulls.unignore("octo/APP", 1);
        expect(await store.pulls.isIgnored("octo/app", 1)).toBe(false);
        expect(await store.pulls.countCommand("Octo/App", "Mona", "2026-12-04")).toBe(1);
        expect(await store.pulls.countCommand("octo/app", "mona", "2026-12-04")).toBe(2);
        expect(await store.pulls.countCommand("octo/app", "mona", "2026-12-05")).toBe(1);
      });

      it("reserves tokens within the day's limit only, settles, and never goes below zero", async () => {
        const ledger = store.spend.ledger("Octo/App", "2026-12-04");
        expect(await ledger.reserve(600, 1000)).toBe(true);
        expect(await ledger.reserve(500, 1000)).toBe(false);
        expect(await ledger.spent()).toBe(600);
        await ledger.add(-200);
        expect(await store.spend.ledger("octo/app", "2026-12-04").reserve(600, 1000)).toBe(true);
        await ledger.add(-5000);
        expect(await ledger.spent()).toBe(0);
        expect(await store.spend.ledger("o/other", "2026-12-04").reserve(1001, 1000)).toBe(false);
        await store.spend.ledger("o/other", "2026-12-04").add(50);
        await ledger.add(70);
        expect(await store.spend.ofDay("2026-12-04")).toEqual([
          { repo: "Octo/App", tokens: 70 },
          { repo: "o/other", tokens: 50 },
        ]);
      });

      it("never spends past the limit however many reserve at once", async () => {
        const ledger = store.spend.ledger("octo/app", "2026-12-04");
        const granted = await Promise.all(Array.from({ length: 20 }, () => ledger.reserve(100, 1000)));
        expect(granted.filter(Boolean)).toHaveLength(10);
        expect(await ledger.spent()).toBe(1000);
      });
    });

    it("says its schema is the newest it knows", async () => {
      const schema = await store.schema();
      expect(schema.current).toBe(schema.newest);
      expect(schema.newest).toBeGreaterThan(0);
    });
  });
}

function posted(changes: { eventId?: number; prNumber?: number; headSha?: string; basis?: string }) {
  return {
    repo: "Octo/App",
    prNumber: changes.prNumber ?? 1,
    headSha: changes.headSha ?? "a".repeat(40),
    eventId: changes.eventId ?? null,
    posted: { reviewId: 5, summaryCommentId: 6 },
    review: { verdict: "comment", llm: { model: "gpt-4o-mini", promptTokens: 100, completionTokens: 20 } },
    basis: changes.basis ?? "basis",
  };
}
