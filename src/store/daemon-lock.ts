import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BusyError } from "../errors.js";

// One `nectr serve` owns a data folder. It holds a write transaction open on a small lock file for
// as long as it runs: SQLite's own file locking, which the operating system releases when the
// process dies however it dies, so there is no stale lock to clean up. Its pid goes next to it,
// so a second daemon can say whose the folder is.

const LOCK_FILE = "daemon.lock";
const PID_FILE = "daemon.pid";

export interface DaemonLock {
  release(): void;
}

/** Takes the data folder for this process; a BusyError naming the owner's pid when another has it. */
export function lockDataFolder(dataDir: string): DaemonLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, LOCK_FILE);
  const lock = new Database(file);
  chmodSync(file, 0o600);
  lock.pragma("busy_timeout = 0");
  try {
    lock.exec("BEGIN IMMEDIATE");
  } catch (error) {
    lock.close();
    if (!(error instanceof Database.SqliteError) || error.code !== "SQLITE_BUSY") throw error;
    const owner = ownerPid(dataDir);
    throw new BusyError(`another nectr serve${owner ? ` (pid ${owner})` : ""} owns the data folder ${dataDir}`, {
      hint: owner
        ? `stop it first (kill ${owner}), or give this one its own NECTR_HOME`
        : "stop it first, or give this one its own NECTR_HOME",
    });
  }
  const pidFile = path.join(dataDir, PID_FILE);
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  return {
    release() {
      rmSync(pidFile, { force: true });
      lock.close();
    },
  };
}

function ownerPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, PID_FILE), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
