import { Worker } from "node:worker_threads";
import type { NectrDatabase } from "./open-database.js";

export interface CheckpointerStart {
  file: string;
  /** How often the thread looks at the WAL. */
  pollMs: number;
  /** WAL frames (pages) that make a checkpoint worth its fsyncs. */
  batchFrames: number;
  /** The longest anything waits in the WAL. */
  maxWaitMs: number;
  /** A WAL this long is started over by the request thread, though writes never pause (see the thread). */
  restartFrames: number;
  /** Frames left waiting after a checkpoint that say the thread is starved of CPU. */
  behindFrames: number;
}
export type FromCheckpointer = { type: "warning"; message: string } | { type: "behind" } | { type: "restart" };

/**
 * SQLite's default, 1,000 pages (4 MB): a checkpoint of a few hundred deliveries. A larger batch
 * saves little, since a delivery's payload pages are copied once however they are batched.
 */
const BATCH_FRAMES = 1000;
const POLL_MS = 20;
const MAX_WAIT_MS = 1000;
/** SQLite's own schedule, for whenever the thread is not running. */
const AUTO_CHECKPOINT_FRAMES = 1000;
/**
 * 8 MB of 4 KB pages: past this the WAL is started over, by one short checkpoint on the request
 * thread (the last frames and two fsyncs). Measured at a steady 1,000 deliveries a second on this
 * project's 2-core test machine, a smaller WAL kept the latency tail shorter than 32 or 64 MB did.
 */
const RESTART_FRAMES = 2000;
/** 256 MB waiting after a checkpoint: the thread cannot keep up (something else keeps the core busy). */
const BEHIND_FRAMES = 65_536;
/** How long the request connection checkpoints by itself once the thread fell behind. */
const BEHIND_PAUSE_MS = 30_000;
/** A thread not woken for this long ends; a quiet daemon does not keep its memory. */
const IDLE_MS = 5 * 60 * 1000;
/** A WAL that grew (a checkpoint held off by a long read) is cut back to this when it restarts. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** A last checkpoint gets this long on stop before the thread is ended. */
const STOP_GRACE_MS = 5000;

export interface WalCheckpointerOptions {
  warn: (message: string) => void;
  workerUrl?: URL;
  idleMs?: number;
  behindFrames?: number;
}

export interface WalCheckpointer {
  /** A write is coming or came: start the thread if it is not running. Cheap enough for every delivery. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Moves the daemon's WAL checkpoints off its request thread while deliveries come in: the
 * connection that answers webhooks stops checkpointing (`wal_autocheckpoint = 0`), and a thread
 * with a connection of its own checkpoints by how much the WAL holds. The
 * thread starts with the first delivery and ends after a quiet spell, when SQLite's own
 * checkpoints take over again. They also take over, with a warning, for a while when the thread
 * falls behind, and for good should it fail: the WAL never grows
 * without bound.
 */
export function startWalCheckpointer(db: NectrDatabase, options: WalCheckpointerOptions): WalCheckpointer {
  const workerUrl = options.workerUrl ?? new URL("./wal-checkpoint-worker.js", import.meta.url);
  const idleMs = options.idleMs ?? IDLE_MS;
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  let worker: Worker | undefined;
  let ending: Promise<void> | undefined;
  let failed = false;
  let closed = false;
  let lastWake = 0;
  let wokenWhileEnding = false;
  let pausedUntil = 0;
  const mayStart = () => !failed && !closed && Date.now() >= pausedUntil;

  const autoCheckpoint = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_FRAMES}`);
  };
  const start = () => {
    const started = new Worker(workerUrl, {
      workerData: {
        file: db.name,
        pollMs: POLL_MS,
        batchFrames: BATCH_FRAMES,
        maxWaitMs: MAX_WAIT_MS,
        restartFrames: RESTART_FRAMES,
        behindFrames: options.behindFrames ?? BEHIND_FRAMES,
      } satisfies CheckpointerStart,
      // It allocates next to nothing: a small heap keeps the daemon's memory small under load.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
    });
    db.pragma("wal_autocheckpoint = 0");
    started.on("message", (message: FromCheckpointer) => {
      if (message.type === "warning") options.warn(message.message);
      else if (message.type === "restart") finishForRestart();
      else fellBehind(started);
    });
    started.on("error", (error) => fail(started, error.message));
    started.on("exit", (code) => fail(started, `exit code ${code}`));
    worker = started;
  };
  const fail = (which: Worker, why: string) => {
    if (worker !== which || ending) return;
    worker = undefined;
    failed = true;
    autoCheckpoint();
    options.warn(`the checkpoint thread stopped (${why}); the database checkpoints on the request thread again`);
  };
  /** The last frames copied on this connection, the one writer, so that its next write starts the WAL over. */
  const finishForRestart = () => {
    if (db.open) db.pragma("wal_checkpoint(PASSIVE)");
  };
  const fellBehind = (which: Worker) => {
    if (worker !== which) return;
    pausedUntil = Date.now() + BEHIND_PAUSE_MS;
    autoCheckpoint();
    options.warn(
      `the checkpoint thread fell behind; the database checkpoints on the request thread for ${BEHIND_PAUSE_MS / 1000} s`,
    );
    void end();
  };
  const end = (): Promise<void> => {
    const running = worker;
    if (!running) return Promise.resolve();
    ending ??= new Promise<void>((resolve) => {
      const stuck = setTimeout(() => void running.terminate(), STOP_GRACE_MS);
      running.once("exit", () => {
        clearTimeout(stuck);
        worker = undefined;
        ending = undefined;
        autoCheckpoint();
        if (wokenWhileEnding && mayStart()) start();
        wokenWhileEnding = false;
        resolve();
      });
      running.postMessage("stop");
    });
    return ending;
  };
  const quiet = setInterval(
    () => {
      if (worker && !ending && Date.now() - lastWake >= idleMs) void end();
    },
    Math.min(idleMs, 30_000),
  );
  quiet.unref();

  return {
    wake() {
      lastWake = Date.now();
      if (ending) wokenWhileEnding = true;
      else if (!worker && mayStart()) start();
    },
    async stop() {
      closed = true;
      clearInterval(quiet);
      await end();
    },
  };
}
