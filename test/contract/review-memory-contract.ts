import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReviewMemory } from "../../src/context/memory/review-memory.js";
import type { NewMemory } from "../../src/review/review-context.js";

const REPO = "acme/app";
const OTHER_REPO = "acme/other";

const learned = (text: string): NewMemory => ({ kind: "pattern", text, source: "learned" });
const userRule = (text: string): NewMemory => ({ kind: "rule", text, source: "user" });

/** What every ReviewMemory does, whichever backend keeps the memories. */
export function describeReviewMemoryContract(name: string, create: () => Promise<ReviewMemory>): void {
  describe(`${name}: the review memory contract`, () => {
    let memory: ReviewMemory;

    beforeEach(async () => {
      memory = await create();
    });
    afterEach(async () => {
      await memory.close();
    });

    it("adds a memory and lists it with its id, repo, kind, source and time", async () => {
      const added = await memory.add(REPO, {
        kind: "decision",
        text: "We chose Postgres over MySQL",
        source: "learned",
      });
      expect(added).toMatchObject({
        repo: REPO,
        kind: "decision",
        text: "We chose Postgres over MySQL",
        source: "learned",
      });
      expect(added.id).not.toBe("");
      expect(Date.parse(added.createdAt)).not.toBeNaN();
      expect(await memory.list(REPO)).toEqual([added]);
    });

    it("keeps one memory when the same text is added to the same repo twice", async () => {
      const first = await memory.add(REPO, learned("Handlers validate input with zod"));
      const second = await memory.add(REPO, learned("Handlers validate input with zod"));
      expect(second.id).toBe(first.id);
      expect(await memory.list(REPO)).toHaveLength(1);
    });

    it("keeps one memory when the same text is added twice at once", async () => {
      const [first, second] = await Promise.all([
        memory.add(REPO, learned("Errors carry a hint")),
        memory.add(REPO, learned("Errors carry a hint")),
      ]);
      expect(second.id).toBe(first.id);
      expect(await memory.list(REPO)).toHaveLength(1);
    });

    it("lists memories oldest first", async () => {
      const texts = ["Migrations are reversible", "Prefer async/await", "Payments need two reviewers"];
      for (const text of texts) await memory.add(REPO, learned(text));
      expect((await memory.list(REPO)).map((item) => item.text)).toEqual(texts);
    });

    it("deletes a memory of the repo once", async () => {
      const kept = await memory.add(REPO, learned("Use the shared logger"));
      const doomed = await memory.add(REPO, learned("Avoid default exports"));
      expect(await memory.delete(REPO, doomed.id)).toBe(true);
      expect(await memory.delete(REPO, doomed.id)).toBe(false);
      expect(await memory.list(REPO)).toEqual([kept]);
    });

    it("answers false to deleting an id that is no memory at all", async () => {
      await memory.add(REPO, learned("Use the shared logger"));
      expect(await memory.delete(REPO, "424242")).toBe(false);
      expect(await memory.delete(REPO, "not-an-id")).toBe(false);
      expect(await memory.list(REPO)).toHaveLength(1);
    });

    it("ranks the memory that shares the query's words first", async () => {
      await memory.add(REPO, learned("Prefer async/await over callbacks in request handlers"));
      await memory.add(REPO, learned("Database migrations must be reversible"));
      await memory.add(REPO, learned("The payments module needs two reviewers"));
      const found = await memory.search(REPO, "Add a database migration for invoices: migrations/0042.sql", 3);
      expect(found[0]?.text).toBe("Database migrations must be reversible");
    });

    it("always returns users' rules, ahead of learned memories, up to the limit", async () => {
      await memory.add(REPO, learned("Database migrations must be reversible"));
      const first = await memory.add(REPO, userRule("Every public function has a doc comment"));
      const second = await memory.add(REPO, userRule("No console.log in committed code"));
      const found = await memory.search(REPO, "database migrations", 3);
      expect(found.map((item) => item.text)).toEqual([
        first.text,
        second.text,
        "Database migrations must be reversible",
      ]);
      expect(await memory.search(REPO, "database migrations", 1)).toEqual([first]);
      expect(await memory.search(REPO, "words nothing shares", 5)).toEqual([first, second]);
    });

    it("searches a query of FTS and Lucene syntax, quotes and other scripts without throwing", async () => {
      await memory.add(REPO, learned("Use the NEAR operator sparingly"));
      const queries = ['"', "*", "NEAR(", "AND OR", "a:b", "^", "-", "(", "'", "日本語のテキスト", "ünïcödé", "🙂", ""];
      for (const query of queries) await expect(memory.search(REPO, query, 5)).resolves.toBeInstanceOf(Array);
    });

    describe("scoping to one repository", () => {
      it("never lists or finds another repo's memories", async () => {
        await memory.add(OTHER_REPO, learned("Database migrations run in CI"));
        await memory.add(OTHER_REPO, userRule("Other repo's rule"));
        const own = await memory.add(REPO, learned("Database migrations must be reversible"));
        expect(await memory.list(REPO)).toEqual([own]);
        expect(await memory.search(REPO, "database migrations run in CI", 10)).toEqual([own]);
      });

      it("keeps the same text in two repos as two memories", async () => {
        const ours = await memory.add(REPO, learned("Feature flags live in flags.ts"));
        const theirs = await memory.add(OTHER_REPO, learned("Feature flags live in flags.ts"));
        expect(theirs.id).not.toBe(ours.id);
        expect(await memory.list(OTHER_REPO)).toEqual([theirs]);
      });

      it("answers false to deleting another repo's memory and leaves it", async () => {
        const theirs = await memory.add(OTHER_REPO, learned("Releases are cut on Tuesdays"));
        expect(await memory.delete(REPO, theirs.id)).toBe(false);
        expect(await memory.list(OTHER_REPO)).toEqual([theirs]);
      });

      it("treats repository names case-insensitively, as GitHub does", async () => {
        const added = await memory.add("Acme/App", learned("Keep modules small"));
        expect((await memory.list("acme/app")).map((item) => item.id)).toEqual([added.id]);
        expect(await memory.delete("ACME/APP", added.id)).toBe(true);
      });
    });
  });
}
