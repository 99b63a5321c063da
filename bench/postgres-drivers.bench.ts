// PostgreSQL drivers: pg 8 against postgres.js 3.4 on what nectr's daemon would ask of PostgreSQL —
// storing deliveries (one transaction each, and 16 to a transaction) and claiming queued jobs with
// FOR UPDATE SKIP LOCKED — against a real server, each run in a child process of its own so its
// CPU time and peak RSS are the driver's alone. Rounds alternate the drivers' order.
// Run: NECTR_TEST_POSTGRES_URL=postgres://… node --import ./bench/resolve-ts-imports.ts bench/postgres-drivers.bench.ts [--rounds N]
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import type { Client } from "pg";
import { DAEMON_NODE_FLAGS } from "../src/cli/systemd-unit.js";
import { runHeader } from "./run-header.js";

/** Both drivers' default pool size; 16 callers share it, as requests share the daemon's pool. */
const POOL_SIZE = 10;
const DELIVERIES = 5_120; // 320 transactions of 16
const CLAIMS = 5_000;
const WARM_UP_DELIVERIES = 512;
const WARM_UP_CLAIMS = 500;
const OID = { int8: 20, numeric: 1700 } as const;

const WORKLOAD_NAMES = ["ingest", "group", "claim"] as const;
type WorkloadName = (typeof WORKLOAD_NAMES)[number];
const WORKLOADS: Record<WorkloadName, { label: string; callers: number; perTransaction: number }> = {
  ingest: { label: "(a) ingest, 1 a tx", callers: 16, perTransaction: 1 },
  group: { label: "(b) group commit, 16 a tx", callers: 16, perTransaction: 16 },
  claim: { label: "(c) queue claim", callers: 8, perTransaction: 1 },
};

const root = path.resolve(import.meta.dirname, "..");
const versionOf = (name: string) =>
  (JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string })
    .version;
const DRIVER_NAMES = ["pg", "pg-named", "postgres"] as const;
type DriverName = (typeof DRIVER_NAMES)[number];
const DRIVERS: Record<DriverName, () => string> = {
  pg: () => `pg ${versionOf("pg")}`,
  "pg-named": () => `pg ${versionOf("pg")}, named statements`,
  postgres: () => `postgres.js ${versionOf("postgres")}`,
};

const SEEN_SQL = "SELECT id FROM events WHERE delivery_id = $1";
const INSERT_SQL = `INSERT INTO events (delivery_id, event, action, repo, pr_number, head_sha, status, received_at, payload)
  VALUES ($1, 'pull_request', 'closed', $2, $3, $4, 'recorded', $5, $6) ON CONFLICT (delivery_id) DO NOTHING RETURNING id`;
const CLAIM_SQL = `UPDATE events SET status = 'running' WHERE id = (SELECT id FROM events WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *`;
// The columns of nectr's events table (PostgreSQL migration 1), with the unique key ingest looks
// deliveries up by and an index the claim's ORDER BY id LIMIT 1 walks.
const TABLE_SQL = `DROP TABLE IF EXISTS events;
  CREATE TABLE events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, delivery_id TEXT NOT NULL UNIQUE, event TEXT NOT NULL,
    action TEXT, repo TEXT, pr_number INTEGER, head_sha TEXT, installation_id BIGINT, status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, error TEXT, received_at TEXT NOT NULL, processed_at TEXT,
    next_attempt_at TEXT, replay_key TEXT, leased_by TEXT, lease_until TIMESTAMPTZ, payload TEXT NOT NULL);
  CREATE INDEX events_status_id ON events (status, id);`;

interface Delivery {
  deliveryId: string;
  repo: string;
  prNumber: number;
  headSha: string;
  receivedAt: string;
  payload: string;
}

interface ClaimedRow {
  id: number;
  payload: string;
}

/** The two things measured, written as each driver's own documentation writes them. */
interface Driver {
  /** Stores the deliveries in one transaction: BEGIN, a look-up and an insert each, COMMIT; the new ids. */
  storeDeliveries(batch: readonly Delivery[]): Promise<number[]>;
  /** Claims the oldest queued row, or finds none. */
  claim(): Promise<ClaimedRow | undefined>;
  close(): Promise<void>;
}

async function openPg(url: string, named: boolean): Promise<Driver> {
  const { default: pg } = await import("pg");
  // As src/store/postgres/open-postgres.ts: ids and counts come back as numbers.
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === OID.int8 || oid === OID.numeric ? Number : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types, application_name: "nectr-bench" });
  const statement = (name: string, text: string, values: unknown[] = []) =>
    named ? { name, text, values } : { text, values };
  return {
    async storeDeliveries(batch) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const ids: number[] = [];
        for (const each of batch) {
          await client.query(statement("seen", SEEN_SQL, [each.deliveryId]));
          const values = [each.deliveryId, each.repo, each.prNumber, each.headSha, each.receivedAt, each.payload];
          const { rows } = await client.query<{ id: number }>(statement("insert", INSERT_SQL, values));
          if (rows[0]) ids.push(rows[0].id);
        }
        await client.query("COMMIT");
        return ids;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    claim: async () => (await pool.query<ClaimedRow>(statement("claim", CLAIM_SQL))).rows[0],
    close: () => pool.end(),
  };
}

async function openPostgresJs(url: string): Promise<Driver> {
  const { default: postgres } = await import("postgres");
  const int8 = { to: OID.int8, from: [OID.int8, OID.numeric], serialize: String, parse: Number };
  const sql = postgres(url, { max: POOL_SIZE, types: { int8 }, connection: { application_name: "nectr-bench" } });
  return {
    storeDeliveries: (batch) =>
      sql.begin(async (tx) => {
        const ids: number[] = [];
        for (const { deliveryId, repo, prNumber, headSha, receivedAt, payload } of batch) {
          await tx`SELECT id FROM events WHERE delivery_id = ${deliveryId}`;
          const [row] = await tx<{ id: number }[]>`INSERT INTO events
            (delivery_id, event, action, repo, pr_number, head_sha, status, received_at, payload)
            VALUES (${deliveryId}, 'pull_request', 'closed', ${repo}, ${prNumber}, ${headSha}, 'recorded', ${receivedAt}, ${payload})
            ON CONFLICT (delivery_id) DO NOTHING RETURNING id`;
          if (row) ids.push(row.id);
        }
        return ids;
      }),
    async claim() {
      const [row] = await sql<ClaimedRow[]>`UPDATE events SET status = 'running' WHERE id = (SELECT id FROM events
        WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *`;
      return row;
    },
    close: () => sql.end(),
  };
}

interface RunFigures {
  /** Deliveries stored or rows claimed in the timed part. */
  operations: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerOperation: number;
  startRssMb: number;
  peakRssMb: number;
  /** Ids the inserts or claims returned, warm-up included, and how many of them were distinct. */
  returnedIds: number;
  distinctIds: number;
}

/** `callers` loops sharing `count` turns of `turn`; the latency of each turn, in ms. */
async function runCallers(callers: number, count: number, turn: () => Promise<boolean>): Promise<number[]> {
  const latencies: number[] = [];
  let left = count;
  const caller = async () => {
    while (left > 0) {
      left -= 1;
      const started = performance.now();
      if (!(await turn())) return;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return latencies;
}

/** One run in this (child) process: warm up untimed, then the timed part; figures on stdout. */
async function runChild(driverName: DriverName, workloadName: WorkloadName): Promise<void> {
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const url = process.env.NECTR_BENCH_DATABASE_URL ?? "";
  const payload = readFileSync(process.env.NECTR_BENCH_PAYLOAD_FILE ?? "", "utf8");
  const driver = driverName === "postgres" ? await openPostgresJs(url) : await openPg(url, driverName === "pg-named");
  const { callers, perTransaction } = WORKLOADS[workloadName];
  const ids: number[] = [];
  let turns: (count: number) => Promise<number[]>;
  if (workloadName === "claim") {
    turns = (count) =>
      runCallers(callers, count, async () => {
        const row = await driver.claim();
        if (row && row.payload.length !== payload.length)
          throw new Error(`row ${row.id} came back with another payload`);
        if (row) ids.push(row.id);
        return row !== undefined;
      });
  } else {
    let serial = 0;
    const delivery = (): Delivery => {
      serial += 1;
      const headSha = randomUUID().replaceAll("-", "");
      return {
        deliveryId: randomUUID(),
        repo: `octo-org/repo-${serial % 50}`,
        prNumber: serial,
        headSha,
        receivedAt: new Date().toISOString(),
        payload,
      };
    };
    turns = (count) =>
      runCallers(callers, count / perTransaction, async () => {
        ids.push(...(await driver.storeDeliveries(Array.from({ length: perTransaction }, delivery))));
        return true;
      });
  }
  await turns(workloadName === "claim" ? WARM_UP_CLAIMS : WARM_UP_DELIVERIES);
  const idsBefore = ids.length;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // Claimers go on until the queue is empty: more turns than rows, each stopping at its first miss.
  const latencies = await turns(workloadName === "claim" ? CLAIMS + callers : DELIVERIES);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await driver.close();
  const operations = ids.length - idsBefore;
  const sorted = latencies.sort((a, b) => a - b);
  const percentile = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  const figures: RunFigures = {
    operations,
    seconds,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    cpuMicrosPerOperation: (cpu.user + cpu.system) / operations,
    startRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    returnedIds: ids.length,
    distinctIds: new Set(ids).size,
  };
  console.log(JSON.stringify(figures));
}

const childAt = process.argv.indexOf("--child");
if (childAt > 0)
  await runChild(oneOf(DRIVER_NAMES, process.argv[childAt + 1]), oneOf(WORKLOAD_NAMES, process.argv[childAt + 2]));
else await runParent();

function oneOf<Name extends string>(names: readonly Name[], value: string | undefined): Name {
  const known = names.find((name) => name === value);
  if (!known) throw new Error(`--child takes a driver and a workload, not ${value}`);
  return known;
}

async function runParent(): Promise<void> {
  // Loaded here, not at the top, so that a child running postgres.js has no pg in its memory.
  const [{ default: pg }, { createTestDatabase }, { webhookExample }] = await Promise.all([
    import("pg"),
    import("../test/harness/postgres.js"),
    import("../test/harness/webhook-examples.js"),
  ]);
  const roundsAt = process.argv.indexOf("--rounds");
  const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 2;
  // GitHub's own pull_request (closed) example, as cost-growth.bench.ts sends nectr serve.
  const payload = JSON.stringify(webhookExample("pull_request", "closed"));
  const scratch = mkdtempSync(path.join(os.tmpdir(), "nectr-pg-drivers-"));
  const payloadFile = path.join(scratch, "payload.json");
  writeFileSync(payloadFile, payload);
  const database = await createTestDatabase();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    await printHeader(admin, payload, rounds);
    const results = new Map<string, RunFigures[]>();
    let allChecked = true;
    for (let round = 0; round < rounds; round += 1)
      for (const workload of WORKLOAD_NAMES)
        for (const driver of round % 2 === 0 ? DRIVER_NAMES : [...DRIVER_NAMES].reverse()) {
          const { figures, checked } = await measure(admin, driver, workload, {
            url: database.url,
            payload,
            payloadFile,
          });
          results.set(`${workload} ${driver}`, [...(results.get(`${workload} ${driver}`) ?? []), figures]);
          allChecked &&= checked;
        }
    printTable(results);
    console.log(
      allChecked
        ? "checked:  every run stored each delivery once (ids returned == distinct == rows), claimed each row once, left none queued"
        : "checked:  A RUN LOST, DUPLICATED OR DOUBLE-CLAIMED ROWS",
    );
    if (!allChecked) process.exitCode = 1;
  } finally {
    await admin.end();
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function printHeader(admin: Client, payload: string, rounds: number): Promise<void> {
  const setting = async (name: string) =>
    (await admin.query<{ value: string }>("SELECT current_setting($1) AS value", [name])).rows[0]?.value;
  const server = `PostgreSQL ${await setting("server_version")} on 127.0.0.1 over TCP, sharing the cores`;
  const durability = `fsync=${await setting("fsync")}, synchronous_commit=${await setting("synchronous_commit")}`;
  for (const line of runHeader()) console.log(line);
  for (const line of [
    `server:  ${server}; ${durability}, shared_buffers=${await setting("shared_buffers")}`,
    `client:  each run a child process: node ${DAEMON_NODE_FLAGS.join(" ")} (as the systemd unit); a pool of ${POOL_SIZE} connections (both drivers' default); int8 parsed as number`,
    `load:    an events table (nectr's columns), a ${(payload.length / 1024).toFixed(1)} KB payload (GitHub's pull_request closed example); load average ${os.loadavg()[0]?.toFixed(2)} at start`,
    `         (a) ${WORKLOADS.ingest.callers} callers, ${DELIVERIES} deliveries, each BEGIN; ${SEEN_SQL}; INSERT … ON CONFLICT (delivery_id) DO NOTHING RETURNING id; COMMIT`,
    `         (b) the same, ${WORKLOADS.group.perTransaction} deliveries to a transaction (${DELIVERIES / WORKLOADS.group.perTransaction} transactions); latency is a transaction's`,
    `         (c) ${WORKLOADS.claim.callers} claimers, ${CLAIMS} queued rows, UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) RETURNING *, until none is left`,
    `timing:  ${WARM_UP_DELIVERIES} deliveries or ${WARM_UP_CLAIMS} claims untimed first; CPU is the child's user + system time over the timed part; medians of ${rounds} rounds, drivers alternating`,
    "",
  ])
    console.log(line);
}

/** A fresh table (with the queue seeded for the claim), one child run, and the table read back. */
async function measure(
  admin: Client,
  driver: DriverName,
  workload: WorkloadName,
  { url, payload, payloadFile }: { url: string; payload: string; payloadFile: string },
): Promise<{ figures: RunFigures; checked: boolean }> {
  const count = async (where: string) =>
    Number((await admin.query<{ n: string }>(`SELECT COUNT(*) AS n FROM events WHERE ${where}`)).rows[0]?.n);
  await admin.query(TABLE_SQL);
  const seeded = workload === "claim" ? WARM_UP_CLAIMS + CLAIMS : 0;
  await admin.query(
    `INSERT INTO events (delivery_id, event, repo, pr_number, status, received_at, payload)
     SELECT 'seed-' || n, 'pull_request', 'octo-org/repo', n, 'queued', now()::text, $1 FROM generate_series(1, $2::int) AS n`,
    [payload, seeded],
  );
  await admin.query("VACUUM ANALYZE events");
  // Each run starts with no dirty pages to write, so no run pays for the one before.
  await admin.query("CHECKPOINT");
  await sleep(2000);
  const figures = await runInChild(driver, workload, url, payloadFile);
  const expected = workload === "claim" ? seeded : WARM_UP_DELIVERIES + DELIVERIES;
  const stored = workload === "claim" ? await count("status = 'running'") : await count("TRUE");
  const queued = await count("status = 'queued'");
  const checked =
    figures.returnedIds === expected && figures.distinctIds === expected && stored === expected && queued === 0;
  return { figures, checked };
}

function printTable(results: ReadonlyMap<string, RunFigures[]>): void {
  const header = ["workload".padEnd(26), "driver".padEnd(28), "per s".padStart(7), "× pg".padStart(5)];
  header.push("p50 ms".padStart(7), "p99 ms".padStart(7), "CPU µs/op".padStart(10), "peak RSS".padStart(9));
  console.log([...header, "  per s by round"].join(" "));
  const rate = (runs: readonly RunFigures[]) => median(runs.map((run) => run.operations / run.seconds));
  for (const workload of WORKLOAD_NAMES) {
    const pgRate = rate(results.get(`${workload} pg`) ?? []);
    for (const driver of DRIVER_NAMES) {
      const runs = results.get(`${workload} ${driver}`) ?? [];
      const pick = (key: keyof RunFigures) => median(runs.map((run) => run[key]));
      const row = [WORKLOADS[workload].label.padEnd(26), DRIVERS[driver]().padEnd(28)];
      row.push(rate(runs).toFixed(0).padStart(7), (rate(runs) / pgRate).toFixed(2).padStart(5));
      row.push(pick("p50Ms").toFixed(1).padStart(7), pick("p99Ms").toFixed(1).padStart(7));
      row.push(pick("cpuMicrosPerOperation").toFixed(0).padStart(10), `${pick("peakRssMb").toFixed(0)} MB`.padStart(9));
      console.log([...row, `  ${runs.map((run) => (run.operations / run.seconds).toFixed(0)).join(", ")}`].join(" "));
    }
  }
  const startRss = median([...results.values()].flat().map((run) => run.startRssMb));
  console.log(`\nRSS of a child before it loads its driver: ${startRss.toFixed(0)} MB (median)`);
  console.log(`load average at the end: ${os.loadavg()[0]?.toFixed(2)}`);
}

async function runInChild(
  driver: DriverName,
  workload: WorkloadName,
  url: string,
  payloadFile: string,
): Promise<RunFigures> {
  const script = ["--import", "./bench/resolve-ts-imports.ts", "bench/postgres-drivers.bench.ts"];
  const args = [...DAEMON_NODE_FLAGS, ...script, "--child", driver, workload];
  // The URL holds a password: in the environment, not on a command line anyone can list.
  const env = { ...process.env, NECTR_BENCH_DATABASE_URL: url, NECTR_BENCH_PAYLOAD_FILE: payloadFile };
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, env, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as RunFigures;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
