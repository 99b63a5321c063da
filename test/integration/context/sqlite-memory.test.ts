import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createSqliteMemory } from "../../../src/context/memory/sqlite-memory.js";
import { openDatabase } from "../../../src/store/open-database.js";
import { describeReviewMemoryContract } from "../../contract/review-memory-contract.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

const openTempDatabase = () => openDatabase(path.join(tempDir(), "nectr.db"));

describeReviewMemoryContract("SQLite", async () => {
  const db = openTempDatabase();
  const memory = createSqliteMemory(db);
  return {
    ...memory,
    async close() {
      await memory.close();
      db.close();
    },
  };
});

describe("SQLite review memory", () => {
  it("matches FTS5 operators in a query as plain words", async () => {
    const db = openTempDatabase();
    const memory = createSqliteMemory(db);
    await memory.add("acme/app", {
      kind: "habit",
      text: "Reviewers ask for NEAR-duplicate code to be merged",
      source: "learned",
    });
    await memory.add("acme/app", { kind: "habit", text: "Commit messages say why", source: "learned" });
    const found = await memory.search("acme/app", 'NEAR("duplicate" AND) OR* -code', 5);
    expect(found.map((item) => item.text)).toEqual(["Reviewers ask for NEAR-duplicate code to be merged"]);
    db.close();
  });

  it("prepares its statements once per database", async () => {
    const db = openTempDatabase();
    const added = await createSqliteMemory(db).add("acme/app", {
      kind: "risk",
      text: "Auth is fragile",
      source: "user",
    });
    const prepare = vi.spyOn(db, "prepare");
    const again = createSqliteMemory(db);
    expect(await again.search("acme/app", "auth", 5)).toEqual([added]);
    expect(prepare).not.toHaveBeenCalled();
    db.close();
  });
});
