import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { walFramesPending } from "./wal-frames-pending.js";
import type { CheckpointerStart, FromCheckpointer } from "./wal-checkpointer.js";

// The checkpointer thread: its own connection to nectr.db, copying the WAL back into the database
// when enough of it has built up (or it has waited long enough), so the fsyncs a checkpoint needs
// never happen on the thread that answers webhooks.

const start = workerData as CheckpointerStart;
const db = new Database(start.file);
db.pragma(`busy_timeout = ${start.pollMs}`);
const pending = walFramesPending(start.file);
let lastCheckpoint = Date.now();

const post = (message: FromCheckpointer) => parentPort?.postMessage(message);

function checkpoint(): void {
  try {
    // PASSIVE: copies what it can without waiting for, or blocking, any reader or writer.
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    post({ type: "warning", message: `checkpointing the database failed: ${reason}` });
  }
  lastCheckpoint = Date.now();
}

const timer = setInterval(() => {
  const frames = pending.read();
  const waited = Date.now() - lastCheckpoint >= start.maxWaitMs;
  if (frames === undefined ? waited : frames >= start.batchFrames || (frames > 0 && waited)) checkpoint();
}, start.pollMs);

// The one message is "stop": a last checkpoint, then the thread ends.
parentPort?.once("message", () => {
  clearInterval(timer);
  checkpoint();
  pending.close();
  db.close();
  parentPort?.close();
});
