import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPostgresMemory } from "../../../src/context/memory/postgres-memory.js";
import type { ReviewMemory } from "../../../src/context/memory/review-memory.js";
import type { NewMemory } from "../../../src/review/review-context.js";
import { describeReviewMemoryContract } from "../../contract/review-memory-contract.js";
import { runPostgresTests, sharedTestDatabase } from "../../harness/postgres.js";

const learned = (text: string): NewMemory => ({ kind: "pattern", text, source: "learned" });

describe.runIf(runPostgresTests)("PostgreSQL review memory", () => {
  const db = sharedTestDatabase();

  /** Review memory holding nothing yet: the tests share one database, emptied for each. */
  async function freshMemory(): Promise<ReviewMemory> {
    await db().query("TRUNCATE memories");
    return createPostgresMemory(db());
  }

  describeReviewMemoryContract("PostgreSQL", freshMemory);

  it("matches tsquery and websearch operators in a query as plain words, never as syntax", async () => {
    const memory = await freshMemory();
    await memory.add("acme/app", learned("Reviewers ask for NEAR-duplicate code to be merged"));
    await memory.add("acme/app", learned("Commit messages say why"));
    await memory.add("acme/app", learned("Use OR in queries with care"));
    const queries = [
      'NEAR("duplicate" AND) OR* -code',
      "-code",
      '"near duplicate"',
      "near & !duplicate | code:* <-> (merged) <2> to",
      "'duplicate':A",
      "\\' code \\",
    ];
    for (const query of queries) {
      expect((await memory.search("acme/app", query, 5)).map((item) => item.text)).toContain(
        "Reviewers ask for NEAR-duplicate code to be merged",
      );
    }
    expect((await memory.search("acme/app", "OR", 5)).map((item) => item.text)).toEqual([
      "Use OR in queries with care",
    ]);
    expect(await memory.search("acme/app", "& | ! : * ( ) <-> ' \"", 5)).toEqual([]);
  });

  it("finds a memory by the words of a path in it, and by accented words in another case", async () => {
    const memory = await freshMemory();
    await memory.add("acme/app", learned("Changes to src/payments/charge.ts need two reviewers"));
    await memory.add("acme/app", learned("Die Übersetzungen liegen in locales"));
    expect((await memory.search("acme/app", "touches payments/refund.ts", 5)).map((item) => item.text)).toEqual([
      "Changes to src/payments/charge.ts need two reviewers",
    ]);
    expect((await memory.search("acme/app", "ÜBERSETZUNGEN", 5)).map((item) => item.text)).toEqual([
      "Die Übersetzungen liegen in locales",
    ]);
  });

  it("ranks a memory sharing more of the query's words higher, and a shorter one first among equals", async () => {
    const memory = await freshMemory();
    await memory.add("acme/app", learned("Database access goes through the repository layer in src/store"));
    await memory.add("acme/app", learned("Database migrations must be reversible"));
    await memory.add("acme/app", learned("Migrations of the database run in CI before every deploy to production"));
    await memory.add("acme/app", learned("Database"));
    const found = await memory.search("acme/app", "a reversible database migrations change", 10);
    expect(found.map((item) => item.text)).toEqual([
      "Database migrations must be reversible",
      "Migrations of the database run in CI before every deploy to production",
      "Database",
      "Database access goes through the repository layer in src/store",
    ]);
  });

  it("searches and keeps a word longer than PostgreSQL allows in a lexeme without failing", async () => {
    const memory = await freshMemory();
    const blob = "a".repeat(3_000);
    const added = await memory.add("acme/app", learned(`Generated fixtures such as ${blob} stay out of review`));
    expect(await memory.search("acme/app", `fixtures ${blob}`, 5)).toEqual([added]);
    expect(await memory.search("acme/app", blob, 5)).toEqual([]);
  });

  it("keeps one memory of a long text added twice, and finds it", async () => {
    const memory = await freshMemory();
    const words = Array.from({ length: 2_000 }, () => randomBytes(6).toString("base64url").replace(/[-_]/g, "x"));
    const text = `Vendored code is left alone: ${words.join(" ")}`;
    const first = await memory.add("acme/app", learned(text));
    const second = await memory.add("Acme/App", learned(text));
    expect(second.id).toBe(first.id);
    expect(await memory.list("acme/app")).toEqual([first]);
    expect(await memory.search("acme/app", `${words[1_500]} unrelated`, 5)).toEqual([first]);
  });

  it("answers false to deleting an id beyond any bigint and leaves the memories alone", async () => {
    const memory = await freshMemory();
    const kept = await memory.add("acme/app", learned("Use the shared logger"));
    expect(await memory.delete("acme/app", "99999999999999999999999")).toBe(false);
    expect(await memory.list("acme/app")).toEqual([kept]);
  });
});
