import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { groupCommit } from "../../../src/daemon/group-commit.js";
import { recentEvents, type NewDelivery } from "../../../src/store/events-table.js";
import { openDatabase } from "../../../src/store/open-database.js";
import { sqliteStore } from "../../../src/store/sqlite-store.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

const delivery = (id: string, payload: NewDelivery["payload"] = Buffer.from('{"zen":"hi"}')): NewDelivery => ({
  deliveryId: id,
  event: "ping",
  action: null,
  repo: null,
  prNumber: null,
  headSha: null,
  replayKey: null,
  status: "recorded",
  payload,
  receivedAt: "2026-12-03T00:00:00.000Z",
});

describe("group commit", () => {
  it("stores the deliveries of one turn in order, each seeing those before it, the bytes as text", async () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    const store = groupCommit(sqliteStore(db, "nectr.db").queue);
    const answers = await Promise.all([store(delivery("a")), store(delivery("b")), store(delivery("a"))]);
    expect(answers.map((answer) => answer.status)).toEqual(["recorded", "recorded", "duplicate"]);
    expect(answers[2]?.id).toBe(answers[0]?.id);
    expect(recentEvents(db, 10).map((event) => event.deliveryId)).toEqual(["b", "a"]);
    expect(db.prepare("SELECT typeof(payload) AS type, payload FROM events WHERE delivery_id = 'a'").get()).toEqual({
      type: "text",
      payload: '{"zen":"hi"}',
    });
    db.close();
  });

  it("stores none of a turn whose transaction fails, tells each of them, and goes on with the next turn", async () => {
    const db = openDatabase(path.join(tempDir(), "nectr.db"));
    const store = groupCommit(sqliteStore(db, "nectr.db").queue);
    // A value SQLite cannot bind fails the transaction, as a full disk would.
    const unbindable = { not: "bytes" } as unknown as Buffer;
    const outcomes = await Promise.allSettled([store(delivery("a")), store(delivery("b", unbindable))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(recentEvents(db, 10)).toEqual([]);
    expect((await store(delivery("c"))).status).toBe("recorded");
    expect(recentEvents(db, 10).map((event) => event.deliveryId)).toEqual(["c"]);
    db.close();
  });
});
