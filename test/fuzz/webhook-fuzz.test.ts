import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { sealSecret } from "../../src/auth/seal.js";
import { saveConnectedRepo } from "../../src/store/repos-table.js";
import { openDatabase } from "../../src/store/open-database.js";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { removeTempDirs, tempDir } from "../harness/run-nectr.js";
import type { FuzzRequest } from "./fuzz-request.js";
import { createFuzzTally, type FuzzTally } from "./fuzz-tally.js";
import { generateFuzzRequests } from "./generate-fuzz-requests.js";
import { createSeededRandom } from "./seeded-random.js";
import { sendFuzzRequest } from "./send-fuzz-request.js";
import { GLOBAL_SECRET, HOOKED_REPO } from "./valid-deliveries.js";

// 10,000 generated requests against one real `nectr serve` over loopback (SPEC "The daemon on
// the wire"): every answer must be one the SPEC allows for that request, the daemon must stay
// up with flat memory, and only the deliveries it accepted may be in its database.
// NECTR_FUZZ_SEED replays another run; the seed is printed either way.

const SEED = Number(process.env.NECTR_FUZZ_SEED ?? 20_250_909);
const REQUESTS = 10_000;
/** Requests sent before the first memory sample; the bodies around the 25 MB cap are among them. */
const WARM_UP = 2_000;
const CONCURRENCY = 20;
/** Far above any answer's time (a 25 MB body takes well under a second): past it is a hang. */
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * V8 sizes its heap from the machine's memory and, left alone, lets garbage pile up for hundreds
 * of MB before a full collection (measured: +150 MB by 18,000 requests, then back to the start),
 * which RSS cannot tell from a leak. With the old space capped, it collects as it goes: RSS after
 * the warm-up stays within about 40 MB of its first sample, and a leak shows as growth (or as a
 * crash when it reaches the cap).
 */
const DAEMON_NODE_OPTIONS = "--max-old-space-size=256";
/**
 * Twice the noise seen above, and well under what a leak would add: the 8,000 requests after the
 * warm-up carry some 260 MB of bodies (printed), over 200 MB of them in deliveries it accepts and
 * stores, so a daemon that kept every body, or every stored payload, would pass it long before the end.
 */
const RSS_GROWTH_LIMIT_MB = 80;

let daemon: DaemonProcess | undefined;
afterAll(async () => {
  await daemon?.stop();
  removeTempDirs();
});

it("answers 10,000 generated requests as the SPEC allows, stays up with flat memory, and stores only what it accepted", async () => {
  const home = tempDir();
  daemon = await startFuzzedDaemon(home);
  const { pid, url } = daemon;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = { host: "127.0.0.1", port: Number(new URL(url).port), agent };
  const tally = createFuzzTally();
  const requests = generateFuzzRequests(createSeededRandom(SEED), { count: REQUESTS, warmUp: WARM_UP });
  const send = async (fuzz: FuzzRequest) => tally.record(fuzz, await sendFuzzRequest(target, fuzz, REQUEST_TIMEOUT_MS));
  const started = performance.now();
  await sendConcurrently(requests, WARM_UP, send);
  const before = { rss: rssMegabytes(pid), sent: tally.bodyMegabytes() };
  await sendConcurrently(requests, REQUESTS - WARM_UP, send);
  const after = { rss: rssMegabytes(pid), sent: tally.bodyMegabytes() };
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const health = await fetch(`${url}/healthz`);
  const stored = storedEvents(home);
  console.log(report(tally, { before, after, seconds, stored: stored.length }));

  expect(tally.tried()).toBe(REQUESTS);
  expect(tally.unexpected(), "answers outside the SPEC").toEqual([]);
  expect(health.status).toBe(200);
  expect(isAlive(pid)).toBe(true);
  expect(after.rss - before.rss).toBeLessThan(RSS_GROWTH_LIMIT_MB);
  expectStoredOnlyWhatWasAccepted(tally, stored);
}, 100_000);

/** `nectr serve` with a global secret, one connected repo with its own hook secret, and no GitHub. */
async function startFuzzedDaemon(home: string): Promise<DaemonProcess> {
  const secretKey = randomBytes(32);
  // Accepted PRs queue reviews that fail at once against the closed port; an hour keeps their retries out of the run.
  writeFileSync(path.join(home, "config.json"), JSON.stringify({ jobRetrySeconds: 3600 }), { mode: 0o600 });
  const db = openDatabase(path.join(home, "nectr.db"));
  saveConnectedRepo(
    db,
    {
      fullName: HOOKED_REPO.fullName,
      hookId: Number(HOOKED_REPO.hookId),
      hookUrl: "http://127.0.0.1/api/v1/webhooks/github",
      sealedSecret: sealSecret(HOOKED_REPO.secret, secretKey),
      sealedToken: null,
      connectedBy: "fuzz",
    },
    new Date().toISOString(),
  );
  db.close();
  return startDaemonProcess({
    home,
    env: {
      NECTR_WEBHOOK_SECRET: GLOBAL_SECRET,
      NECTR_SECRET_KEY: secretKey.toString("hex"),
      NECTR_GITHUB_API_URL: "http://127.0.0.1:9",
      NODE_OPTIONS: DAEMON_NODE_OPTIONS,
    },
  });
}

/** Takes `limit` requests from `requests` and sends them, `CONCURRENCY` at a time. */
async function sendConcurrently(
  requests: Iterator<FuzzRequest>,
  limit: number,
  send: (fuzz: FuzzRequest) => Promise<void>,
): Promise<void> {
  let taken = 0;
  const sender = async () => {
    while (taken < limit) {
      const next = requests.next();
      if (next.done) return;
      taken += 1;
      await send(next.value);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
}

/**
 * SPEC: accepted deliveries are stored, refused ones never. A delivery id answered 202 is stored
 * once however often it came; one answered only 200 is a new delivery of a PR head already
 * queued, stored as "duplicate" so `nectr events` shows it, and queues nothing.
 */
function expectStoredOnlyWhatWasAccepted(tally: FuzzTally, stored: { deliveryId: string; status: string }[]): void {
  const answers = tally.answersByDelivery();
  expect(stored.filter((event) => !answers.has(event.deliveryId))).toEqual([]);
  expect(stored).toHaveLength(answers.size);
  for (const event of stored) {
    const accepted = answers.get(event.deliveryId)?.filter((status) => status === 202).length;
    if (event.status === "duplicate") expect(accepted, event.deliveryId).toBe(0);
    else expect(accepted, event.deliveryId).toBe(1);
  }
}

function storedEvents(home: string): { deliveryId: string; status: string }[] {
  const db = openDatabase(path.join(home, "nectr.db"));
  try {
    return db
      .prepare<[], { deliveryId: string; status: string }>("SELECT delivery_id AS deliveryId, status FROM events")
      .all();
  } finally {
    db.close();
  }
}

/** The daemon's resident memory (VmRSS in /proc/<pid>/status), in MB. */
function rssMegabytes(pid: number): number {
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kilobytes) / 1024;
}

/** Running, not gone and not a zombie. */
function isAlive(pid: number): boolean {
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, "utf8") : "";
  return /^State:\s+[RSD]/m.test(status);
}

function report(tally: FuzzTally, run: { before: Sample; after: Sample; seconds: number; stored: number }): string {
  const { before, after } = run;
  return [
    `webhook fuzz, seed ${SEED} (NECTR_FUZZ_SEED), ${CONCURRENCY} at a time over loopback`,
    ...tally.lines(),
    `events stored: ${run.stored}`,
    `daemon RSS after the ${WARM_UP}-request warm-up: ${before.rss.toFixed(1)} MB, at the end: ${after.rss.toFixed(1)} MB` +
      ` (${signed(after.rss - before.rss)} MB, with ${(after.sent - before.sent).toFixed(0)} MB of bodies sent in between)`,
    `duration: ${run.seconds.toFixed(1)} s`,
  ].join("\n");
}

function signed(megabytes: number): string {
  return `${megabytes >= 0 ? "+" : ""}${megabytes.toFixed(1)}`;
}

interface Sample {
  rss: number;
  sent: number;
}
