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
const wal = walFramesPending(start.file);
let lastCheckpoint = Date.now();
let behind = false;

const post = (message: FromCheckpointer) => parentPort?.postMessage(message);

function checkpoint(): void {
  try {
    // PASSIVE: copies what it can without waiting for, or blocking, any reader or writer.
    db.pragma("wal_checkpoint(PASSIVE)");
    const after = wal.read();
    if (after && after.pending >= start.behindFrames) fallBehind();
    // Under writes that never pause, each checkpoint is overtaken by new commits, so the WAL is
    // never all copied when a write begins and SQLite never starts it over: its file would grow
    // without end. The request thread, the one writer, can copy the last few frames between two
    // of its writes (one short checkpoint), and its next write starts the WAL over.
    else if (after && after.frames >= start.restartFrames && after.pending < start.batchFrames)
      post({ type: "restart" });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    post({ type: "warning", message: `checkpointing the database failed: ${reason}` });
  }
  lastCheckpoint = Date.now();
}

/** Checkpoints that cannot keep up (a core kept busy starves this thread): the request thread's own take over. */
function fallBehind(): void {
  behind = true;
  clearInterval(timer);
  post({ type: "behind" });
}

const timer = setInterval(() => {
  const frames = wal.read()?.pending;
  const waited = Date.now() - lastCheckpoint >= start.maxWaitMs;
  if (frames === undefined ? waited : frames >= start.batchFrames || (frames > 0 && waited)) checkpoint();
}, start.pollMs);

// The one message is "stop": a last checkpoint (unless the thread fell behind), then the thread ends.
parentPort?.once("message", () => {
  clearInterval(timer);
  if (!behind) checkpoint();
  wal.close();
  db.close();
  parentPort?.close();
});
