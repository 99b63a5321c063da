// The "floor" contender's checkpointer: its own connection, a passive checkpoint on a timer.
import { workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { file, everyMs } = workerData as { file: string; everyMs: number };
const db = new Database(file);
setInterval(() => db.pragma("wal_checkpoint(PASSIVE)"), everyMs);
