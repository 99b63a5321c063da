import type { Logger } from "pino";
import type { JobQueue, QueuedJob } from "../store/nectr-store.js";

export type JobOutcome = "done" | "superseded" | "skipped";

const STORE_RETRY_FIRST_MS = 250;
const STORE_RETRY_MAX_MS = 10_000;

/** A failure worth another try later (GitHub or the network), as opposed to a permanent one. */
export class RetryableJobError extends Error {}

export interface WorkerPoolOptions {
  queue: JobQueue;
  concurrency: number;
  maxAttempts: number;
  /** Seconds before the first retry; each later one waits twice as long. */
  retrySeconds: number;
  run(job: QueuedJob): Promise<JobOutcome>;
  log: Logger;
  onFinished?: (outcome: string, seconds: number) => void;
  /** How often an idle worker looks for due jobs (retries come due without a wake-up). */
  pollMs?: number;
}

export interface WorkerPool {
  wake(): void;
  /** Stops taking jobs, waits for running ones up to `graceMs`, then puts the rest back in the queue. */
  stop(graceMs: number): Promise<void>;
}

export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  let stopping = false;
  const running = new Map<number, Promise<void>>();
  let wakeUp: () => void = () => {};

  async function work(): Promise<void> {
    while (!stopping) {
      const job = await untilStored("claim a job", () => options.queue.claim(new Date().toISOString()));
      if (!job) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs ?? 1000);
          const previous = wakeUp;
          wakeUp = () => {
            clearTimeout(timer);
            previous();
            resolve();
          };
        });
        continue;
      }
      const done = runOne(job);
      running.set(job.id, done);
      await done;
      running.delete(job.id);
    }
  }

  async function runOne(job: QueuedJob): Promise<void> {
    const started = performance.now();
    const at = () => new Date().toISOString();
    let outcome: string;
    try {
      outcome = await options.run(job);
      if (stopping && !running.has(job.id)) return;
      const finished = outcome === "done" || outcome === "superseded" || outcome === "skipped" ? outcome : "done";
      await untilStored("finish a job", () => options.queue.finish(job.id, finished, at()));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof RetryableJobError && job.attempts < options.maxAttempts) {
        const wait = options.retrySeconds * 2 ** (job.attempts - 1);
        const next = new Date(Date.now() + wait * 1000).toISOString();
        await untilStored("retry a job later", () => options.queue.retryLater(job.id, next, message));
        outcome = "retry";
      } else {
        await untilStored("record a failed job", () => options.queue.finish(job.id, "failed", at(), message));
        outcome = "failed";
      }
    }
    const seconds = (performance.now() - started) / 1000;
    options.onFinished?.(outcome, seconds);
    options.log.info(
      {
        job: job.id,
        repo: job.repo,
        pr: job.prNumber,
        head: job.headSha?.slice(0, 7),
        attempt: job.attempts,
        outcome,
        ms: Math.round(seconds * 1000),
      },
      "job",
    );
  }

  /**
   * A queue write that fails (the disk full, the database busy) is tried again, waiting longer
   * each time, until it is stored or the pool stops: the daemon stays up and recovers by itself
   * when space returns, and a job's state is never left half-written.
   */
  async function untilStored<T>(what: string, write: () => Promise<T>): Promise<T | undefined> {
    for (let wait = STORE_RETRY_FIRST_MS; ; wait = Math.min(wait * 2, STORE_RETRY_MAX_MS)) {
      try {
        return await write();
      } catch (error) {
        if (stopping) return undefined;
        options.log.error({ err: error, retryInMs: wait }, `could not ${what}`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  const workers = Array.from({ length: options.concurrency }, () => work());
  return {
    wake: () => {
      const current = wakeUp;
      wakeUp = () => {};
      current();
    },
    async stop(graceMs) {
      stopping = true;
      const current = wakeUp;
      wakeUp = () => {};
      current();
      const inFlight = [...running.entries()];
      const finishedInTime = await Promise.race([
        Promise.all(inFlight.map(([, done]) => done)).then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
      ]);
      if (!finishedInTime) {
        const left = [...running.keys()];
        running.clear();
        // One not given back (the database gone) runs again after a restart or when its lease ends.
        await Promise.all(
          left.map((id) =>
            options.queue
              .release(id)
              .catch((error: unknown) => options.log.error({ err: error, job: id }, "could not requeue a job")),
          ),
        );
      }
      await Promise.race([Promise.all(workers), new Promise((resolve) => setTimeout(resolve, 100).unref())]);
    },
  };
}
