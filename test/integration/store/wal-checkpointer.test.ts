import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/store/open-database.js";
import { startWalCheckpointer } from "../../../src/store/wal-checkpointer.js";
import { walFramesPending } from "../../../src/store/wal-frames-pending.js";
import { removeTempDirs, repoRoot, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

// The thread is the bundle the CLI ships (test/global-setup.ts builds dist/ before the tests).
const workerUrl = pathToFileURL(path.join(repoRoot, "dist", "wal-checkpoint-worker.js"));

function insertDeliveries(db: ReturnType<typeof openDatabase>, count: number, from = 0): void {
  const insert = db.prepare(
    "INSERT INTO events (delivery_id, event, status, received_at, payload) VALUES (?, 'ping', 'recorded', '2026-12-03T00:00:00Z', ?)",
  );
  for (let index = from; index < from + count; index += 1) insert.run(`d-${index}`, "x".repeat(20_000));
}

describe("WAL checkpoints off the request thread", () => {
  it("leaves checkpoints to its thread, which folds the WAL back in once enough has built up", async () => {
    const file = path.join(tempDir(), "nectr.db");
    const db = openDatabase(file);
    const warnings: string[] = [];
    const checkpointer = startWalCheckpointer(db, { warn: (message) => warnings.push(message), workerUrl });
    checkpointer.wake();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const pending = walFramesPending(file);
    // Some 6 pages each: past the 1,000-frame batch, which the request connection no longer checkpoints.
    insertDeliveries(db, 400);
    const deadline = Date.now() + 5000;
    while ((pending.read()?.pending ?? Infinity) > 0 && Date.now() < deadline) await sleep(20);
    expect(pending.read()?.pending).toBe(0);
    await checkpointer.stop();
    pending.close();
    db.close();
    expect(warnings).toEqual([]);
    const reopened = openDatabase(file);
    expect(reopened.prepare("SELECT COUNT(*) AS n FROM events").get()).toEqual({ n: 400 });
    reopened.close();
  });

  it("checkpoints a little WAL too, once it has waited a second", async () => {
    const file = path.join(tempDir(), "nectr.db");
    const db = openDatabase(file);
    const checkpointer = startWalCheckpointer(db, { warn: () => {}, workerUrl });
    checkpointer.wake();
    const pending = walFramesPending(file);
    insertDeliveries(db, 3);
    expect(pending.read()?.pending).toBeGreaterThan(0);
    // A second after the thread is up; starting it takes a moment more on a busy machine.
    const deadline = Date.now() + 10_000;
    while (pending.read()?.pending !== 0 && Date.now() < deadline) await sleep(50);
    expect(pending.read()?.pending).toBe(0);
    await checkpointer.stop();
    pending.close();
    db.close();
  });

  it("says so, and checkpoints on the request connection again, when its thread dies", async () => {
    const dir = tempDir();
    const broken = path.join(dir, "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("the checkpoint thread broke");\n');
    const db = openDatabase(path.join(dir, "nectr.db"));
    const warnings: string[] = [];
    const checkpointer = startWalCheckpointer(db, {
      warn: (message) => warnings.push(message),
      workerUrl: pathToFileURL(broken),
    });
    checkpointer.wake();
    const deadline = Date.now() + 5000;
    while (warnings.length === 0 && Date.now() < deadline) await sleep(20);
    expect(warnings[0]).toMatch(/the checkpoint thread stopped \(the checkpoint thread broke\)/);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    checkpointer.wake();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    db.close();
  });

  it("starts its thread with the first write and ends it after a quiet spell, when SQLite checkpoints again", async () => {
    const file = path.join(tempDir(), "nectr.db");
    const db = openDatabase(file);
    const checkpointer = startWalCheckpointer(db, { warn: () => {}, workerUrl, idleMs: 300 });
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    checkpointer.wake();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const deadline = Date.now() + 5000;
    while (db.pragma("wal_autocheckpoint", { simple: true }) === 0 && Date.now() < deadline) await sleep(50);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    checkpointer.wake();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    await checkpointer.stop();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    db.close();
  });

  it("keeps the WAL file small under writes that never pause, though no checkpoint ever finds it idle", async () => {
    const file = path.join(tempDir(), "nectr.db");
    const db = openDatabase(file);
    const checkpointer = startWalCheckpointer(db, { warn: () => {}, workerUrl });
    checkpointer.wake();
    // A delivery every millisecond or so for 4 s, some 100 MB in all: each checkpoint is overtaken by
    // new commits, so the WAL is never all copied when a write begins, and SQLite never starts it over.
    let written = 0;
    for (const stop = Date.now() + 4000; Date.now() < stop; written += 1) {
      insertDeliveries(db, 1, written);
      await sleep(1);
    }
    const walMb = statSync(`${file}-wal`).size / 2 ** 20;
    await checkpointer.stop();
    db.close();
    expect(written).toBeGreaterThan(1000);
    expect(walMb).toBeLessThan(24);
  });

  it("hands checkpoints back to the request connection for a while, with a warning, when its thread falls behind", async () => {
    const file = path.join(tempDir(), "nectr.db");
    const db = openDatabase(file);
    const warnings: string[] = [];
    // Any frame still waiting after a checkpoint counts as behind here: writes that keep coming do that.
    const checkpointer = startWalCheckpointer(db, {
      warn: (message) => warnings.push(message),
      workerUrl,
      behindFrames: 1,
    });
    checkpointer.wake();
    for (let written = 0; warnings.length === 0 && written < 20_000; written += 1) {
      insertDeliveries(db, 1, written);
      await sleep(1);
    }
    expect(warnings).toEqual([
      expect.stringMatching(
        /^the checkpoint thread fell behind; the database checkpoints on the request thread for 30 s$/,
      ),
    ]);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    checkpointer.wake();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    await checkpointer.stop();
    db.close();
  });
});
