// Part (b) of cost-growth.bench.ts: a real `nectr serve` (the built dist/) fed signed deliveries
// it stores without queueing a review, its RSS and status page read at 100 stored and on up to
// 10,000; then started again over the same database (what history alone costs, without the
// traffic that made it), again with 100 and with 10,000 posted reviews in that history
// (seed-reviews.ts), and the database opened to check that it holds every delivery sent. Each
// point ends with a full GC in the daemon and its heap (daemon-heap.ts).
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase } from "../src/store/open-database.js";
import { storedEvents } from "../src/store/prune-events.js";
import { connectHeapReader, INSPECTOR_OPTION, type HeapReader } from "./daemon-heap.js";
import { githubHeaders, startDaemonProcess, type DaemonProcess } from "../test/harness/daemon-process.js";
import { webhookExample } from "../test/harness/webhook-examples.js";
import { seedReviews } from "./seed-reviews.js";

const SECRET = "bench-secret";
const CHECKPOINTS = [100, 1000, 5000, 10_000];
const REVIEW_HISTORY = [0, 100, 10_000];
const IN_FLIGHT = 4;
const SETTLE_MS = 3000;
const PAGE_LOADS = 20;
/** Unmeasured loads first, so the timed ones find the page's code compiled. */
const WARM_PAGE_LOADS = 5;
const MB = 1024 * 1024;

// GitHub's own `pull_request` example, closed: nectr records it and queues nothing.
const body = JSON.stringify(webhookExample("pull_request", "closed"));

export interface Checkpoint {
  stored: number;
  /** Measured in a daemon started over the stored history, not the one that took it. */
  restarted: boolean;
  reviews: number;
  rssAfterHealth: number;
  rssAfterPage: number;
  heapAfterGc: number;
  rssAfterGc: number;
  pageMs: { median: number; max: number };
}

/** The daemon's resident memory (VmRSS in /proc/<pid>/status), in MB. */
function rssMegabytes(pid: number): number {
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kilobytes) / 1024;
}

/** Sends `count` deliveries, IN_FLIGHT at a time, each with a fresh X-GitHub-Delivery; all must be stored. */
async function sendDeliveries(webhookUrl: string, count: number): Promise<void> {
  let left = count;
  const sender = async () => {
    while (left > 0) {
      left -= 1;
      const response = await fetch(webhookUrl, {
        method: "POST",
        body,
        headers: githubHeaders("pull_request", body, SECRET),
      });
      const answer = await response.text();
      if (response.status !== 202 || !answer.includes('"recorded"'))
        throw new Error(`delivery answered ${response.status} ${answer}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
}

async function checkpoint(
  daemon: Daemon,
  at: Pick<Checkpoint, "stored" | "restarted" | "reviews">,
): Promise<Checkpoint> {
  await sleep(SETTLE_MS);
  const health = await fetch(`${daemon.url}/healthz`);
  if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
  const rssAfterHealth = rssMegabytes(daemon.pid);
  const times: number[] = [];
  for (let load = 0; load < WARM_PAGE_LOADS + PAGE_LOADS; load += 1) {
    const started = performance.now();
    const page = await fetch(`${daemon.url}/`);
    const html = await page.text();
    if (load >= WARM_PAGE_LOADS) times.push(performance.now() - started);
    if (page.status !== 200 || !html.includes("pull_request")) throw new Error(`GET / answered ${page.status}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const pageMs = { median, max: times.at(-1) ?? 0 };
  const rssAfterPage = rssMegabytes(daemon.pid);
  const afterGc = await daemon.heap.afterFullGc();
  return {
    ...at,
    rssAfterHealth,
    rssAfterPage,
    heapAfterGc: afterGc.heapUsed / MB,
    rssAfterGc: afterGc.rss / MB,
    pageMs,
  };
}

type Daemon = DaemonProcess & { heap: HeapReader };

/** Runs `use` on a daemon over `home`, stops it and notes its exit code; a failure says what the daemon said last. */
async function withDaemon<T>(home: string, exitCodes: (number | null)[], use: (daemon: Daemon) => Promise<T>) {
  const daemon = await startDaemonProcess({
    home,
    env: { NECTR_WEBHOOK_SECRET: SECRET, NECTR_GITHUB_API_URL: "http://127.0.0.1:9", NODE_OPTIONS: INSPECTOR_OPTION },
  });
  let result: T;
  try {
    const heap = await connectHeapReader(daemon.logs());
    result = await use({ ...daemon, heap }).finally(() => heap.close());
  } catch (error) {
    await daemon.stop();
    const said = daemon
      .logs()
      .split("\n")
      .filter((line) => line !== "" && !line.includes('"msg":"delivery"'));
    throw new Error(`the daemon stopped answering; its last log lines:\n${said.slice(-5).join("\n")}`, {
      cause: error,
    });
  }
  exitCodes.push(await daemon.stop());
  return result;
}

export interface DaemonHistory {
  points: Checkpoint[];
  restarts: Checkpoint[];
  sent: number;
  stored: number;
  databaseMb: number;
  exitCodes: (number | null)[];
}

/** Feeds a daemon on `home` up to each checkpoint, then restarts it over the same database with each review history. */
async function feedDaemon(home: string): Promise<DaemonHistory> {
  const exitCodes: (number | null)[] = [];
  let sent = 0;
  const points = await withDaemon(home, exitCodes, async (daemon) => {
    const measured: Checkpoint[] = [];
    for (const target of CHECKPOINTS) {
      await sendDeliveries(daemon.webhookUrl, target - sent);
      sent = target;
      measured.push(await checkpoint(daemon, { stored: sent, restarted: false, reviews: 0 }));
    }
    return measured;
  });
  const file = path.join(home, "nectr.db");
  const restarts: Checkpoint[] = [];
  let reviewed = 0;
  for (const reviews of REVIEW_HISTORY) {
    seedReviews(file, reviewed, reviews);
    reviewed = reviews;
    restarts.push(
      await withDaemon(home, exitCodes, (daemon) => checkpoint(daemon, { stored: sent, restarted: true, reviews })),
    );
  }
  const db = openDatabase(file);
  const { count } = storedEvents(db);
  db.close();
  return { points, restarts, sent, stored: count, databaseMb: statSync(file).size / MB, exitCodes };
}

/** How the figures are made, for the lines above the table. */
export function daemonHistoryMethod(): string[] {
  return [
    `daemon:  nectr serve (dist/), ${(Buffer.byteLength(body) / 1024).toFixed(1)} KB signed pull_request (closed) bodies, ${IN_FLIGHT} in flight;`,
    `         at each point a ${SETTLE_MS / 1000} s settle, GET /healthz, RSS; ${WARM_PAGE_LOADS} + ${PAGE_LOADS} × GET / (the status page, the first ${WARM_PAGE_LOADS}`,
    "         untimed), RSS; a full GC in the daemon (through its inspector), heap used and RSS; then the daemon",
    "         is stopped and started again over the same database and measured once more, then again with",
    "         posted reviews of the newest deliveries added to the database while it is stopped",
  ];
}

export async function measureDaemonHistory(): Promise<DaemonHistory> {
  const home = mkdtempSync(path.join(os.tmpdir(), "nectr-bench-"));
  return feedDaemon(home).finally(() => rmSync(home, { recursive: true, force: true }));
}
