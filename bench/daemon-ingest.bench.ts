// Webhook ingest: `nectr serve` side by side with the least a server could do for the same answer
// (node:http + HMAC + one SQLite insert, with and without JSON.parse and off-thread checkpoints)
// and a Probot 14 app doing the same, in one run, same load, each server on a core of its own and
// the load generator on the other. After each run, every acknowledged delivery must be stored —
// also after a SIGKILL in the middle of a burst. With a PostgreSQL cluster on this machine (`--postgres URL`, a
// superuser's, or NECTR_TEST_POSTGRES_URL), nectr serve on it too, a fresh database per round.
// Run (after `npm run build`): node --import ./bench/resolve-ts-imports.ts bench/daemon-ingest.bench.ts [--rounds N] [--seconds S]
//   [--only NAME,…] (the servers whose name starts with one of them) [--cpu-prof DIR] (each nectr serve writes a CPU profile there)
//   [--postgres URL]
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import type { LoadPlan, LoadResult } from "./ingest/load-generator.js";
import { openPostgresCluster } from "./ingest/postgres-cluster.js";
import { canPin, cpuMicros, exited, peakRssMb, pinSelf, portOf, spawnNode } from "./ingest/server-process.js";
import { VARIANT_COUNT, WEBHOOK_SECRET, signedDeliveries } from "./ingest/signed-deliveries.js";
import { DAEMON_NODE_FLAGS } from "../src/cli/systemd-unit.js";
import { runHeader } from "./run-header.js";

const WEBHOOK_PATH = "/api/v1/webhooks/github";
const CONNECTIONS = 16;
const STEADY_RATE = 1000;
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const text = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const ROUNDS = option("--rounds", 2);
const ONLY = text("--only");
const CPU_PROFILE_DIR = text("--cpu-prof");
const SECONDS = option("--seconds", 10);
const POSTGRES_URL = text("--postgres") ?? process.env.NECTR_TEST_POSTGRES_URL;
const root = path.resolve(import.meta.dirname, "..");
const pinned = canPin(os.cpus().length);
const LOAD_CORE = pinned ? 0 : undefined;
const SERVER_CORE = pinned ? 1 : undefined;

interface Contender {
  name: string;
  args(home: string): string[];
  env(home: string): Record<string, string>;
  /** Where it stores deliveries: nectr.db in its home (every server but one), or a PostgreSQL database. */
  store?: "postgres";
}

/** A yardstick server of bench/servers/, run from its TypeScript source with its database and secret. */
const yardstick =
  (script: string, flags: string[] = []) =>
  (home: string) => [
    "--import",
    "./bench/resolve-ts-imports.ts",
    `bench/servers/${script}`,
    path.join(home, "nectr.db"),
    WEBHOOK_SECRET,
    ...flags,
  ];
const noEnv = () => ({});
const profiling = () => (CPU_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(CPU_PROFILE_DIR)] : []);
const nectrServe = (name: string, nodeFlags: readonly string[], store?: "postgres"): Contender => ({
  name,
  store,
  args: () => [...profiling(), ...nodeFlags, "bin/nectr.js", "serve", "--port", "0"],
  env: (home) => ({
    NECTR_HOME: home,
    NECTR_WEBHOOK_SECRET: WEBHOOK_SECRET,
    NECTR_GITHUB_API_URL: "http://127.0.0.1:9",
  }),
});
const allContenders: Contender[] = [
  { name: "bare node:http + HMAC + insert", args: yardstick("bare-server.ts"), env: noEnv },
  { name: "bare + JSON.parse", args: yardstick("bare-server.ts", ["--parse"]), env: noEnv },
  { name: "bare + checkpoint worker", args: yardstick("bare-server.ts", ["--checkpoints"]), env: noEnv },
  { name: "floor: + JSON.parse + worker", args: yardstick("bare-server.ts", ["--parse", "--checkpoints"]), env: noEnv },
  { name: "Probot 14", args: yardstick("probot-server.ts"), env: noEnv },
  nectrServe("nectr serve (systemd unit)", DAEMON_NODE_FLAGS),
  nectrServe("nectr serve", []),
  nectrServe("nectr serve on PostgreSQL", DAEMON_NODE_FLAGS, "postgres"),
];

const contenders = allContenders.filter(
  (contender) =>
    (!ONLY || ONLY.split(",").some((prefix) => contender.name.startsWith(prefix))) &&
    (contender.store !== "postgres" || POSTGRES_URL !== undefined),
);
const cluster = POSTGRES_URL === undefined ? undefined : await openPostgresCluster(POSTGRES_URL);

interface Figures {
  reqPerSecond: number;
  cpuMicrosPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  /** The largest the WAL file was, sampled every 250 ms from the first request to the last. */
  peakWalMb: number;
  /** CPU the PostgreSQL cluster's processes used per request in the closed loop (0 on SQLite). */
  databaseCpuMicrosPerRequest: number;
  stored: number;
  acknowledged: number;
}

const deliveries = signedDeliveries();
const deliveriesFile = path.join(mkdtempSync(path.join(os.tmpdir(), "nectr-ingest-")), "deliveries.json");
writeFileSync(deliveriesFile, JSON.stringify(deliveries));

async function generate(load: Omit<LoadPlan, "deliveriesFile">): Promise<LoadResult> {
  const plan: LoadPlan = { ...load, deliveriesFile };
  const args = ["--import", "./bench/resolve-ts-imports.ts", "bench/ingest/load-generator.ts", JSON.stringify(plan)];
  const [command, ...rest] =
    LOAD_CORE === undefined
      ? [process.execPath, ...args]
      : ["taskset", "-c", String(LOAD_CORE), process.execPath, ...args];
  const { stdout } = await promisify(execFile)(command!, rest, { cwd: root, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as LoadResult;
}

interface RoundStore {
  env: Record<string, string>;
  storedIds(): Promise<Set<string>>;
  drop(): Promise<void>;
}

/** A round's database: nectr.db in the server's home, or a new PostgreSQL database for nectr on PostgreSQL. */
async function roundStore(contender: Contender, home: string): Promise<RoundStore> {
  if (contender.store !== "postgres")
    return { env: {}, storedIds: async () => sqliteStoredIds(home), drop: async () => {} };
  const database = await cluster!.createDatabase();
  return {
    env: { NECTR_DATABASE_URL: database.url, NECTR_SECRET_KEY: randomBytes(32).toString("hex") },
    storedIds: database.storedIds,
    drop: database.drop,
  };
}

async function startServer(contender: Contender, home: string, storeEnv: Record<string, string> = {}) {
  const child = spawnNode(contender.args(home), { ...contender.env(home), ...storeEnv }, SERVER_CORE);
  const port = await portOf(child, contender.name);
  return { child, pid: child.pid!, url: `http://127.0.0.1:${port}${WEBHOOK_PATH}` };
}

function sqliteStoredIds(home: string): Set<string> {
  const db = new Database(path.join(home, "nectr.db"), { readonly: true });
  const ids = db.prepare<[], { delivery_id: string }>("SELECT delivery_id FROM events").all();
  db.close();
  return new Set(ids.map((row) => row.delivery_id));
}

/** One round for one server: warm up, closed loop for throughput, a steady rate for latency. */
async function measure(contender: Contender): Promise<Figures> {
  const home = mkdtempSync(path.join(os.tmpdir(), "nectr-ingest-"));
  const store = await roundStore(contender, home);
  const server = await startServer(contender, home, store.env);
  const acked = path.join(home, "acked");
  let peakWalMb = 0;
  const walSampler = setInterval(() => {
    const bytes = statSync(path.join(home, "nectr.db-wal"), { throwIfNoEntry: false })?.size ?? 0;
    peakWalMb = Math.max(peakWalMb, bytes / 2 ** 20);
  }, 250);
  const warmUp = await generate({
    url: server.url,
    mode: "closed",
    seconds: 2,
    connections: CONNECTIONS,
    ackedFile: acked,
  });
  const warmUpAcked = readFileSync(acked, "utf8").split("\n").filter(Boolean);
  const onPostgres = contender.store === "postgres";
  const [cpuBefore, databaseCpuBefore] = [cpuMicros(server.pid), onPostgres ? cluster!.cpuMicros() : 0];
  const closed = await generate({
    url: server.url,
    mode: "closed",
    seconds: SECONDS,
    connections: CONNECTIONS,
    ackedFile: acked,
  });
  const cpuUsed = cpuMicros(server.pid) - cpuBefore;
  const databaseCpuUsed = onPostgres ? cluster!.cpuMicros() - databaseCpuBefore : 0;
  const closedAcked = readFileSync(acked, "utf8").split("\n").filter(Boolean);
  const steady = await generate({
    url: server.url,
    mode: "steady",
    rate: STEADY_RATE,
    seconds: SECONDS,
    warmUpSeconds: 1,
    connections: 64,
    ackedFile: acked,
  });
  const peak = peakRssMb(server.pid);
  clearInterval(walSampler);
  server.child.kill("SIGTERM");
  await exited(server.child);
  const stored = await store.storedIds();
  await store.drop();
  const allAcked = [...warmUpAcked, ...closedAcked, ...readFileSync(acked, "utf8").split("\n").filter(Boolean)];
  rmSync(home, { recursive: true, force: true });
  for (const result of [warmUp, closed, steady])
    if (result.refused + result.failed > 0)
      throw new Error(`${contender.name} refused or dropped requests: ${JSON.stringify(result)}`);
  if (!allAcked.every((id) => stored.has(id)))
    throw new Error(`${contender.name} acknowledged deliveries it did not store`);
  return {
    reqPerSecond: closed.acknowledged / closed.seconds,
    cpuMicrosPerRequest: cpuUsed / closed.acknowledged,
    p50Ms: steady.p50Ms,
    p99Ms: steady.p99Ms,
    peakRssMb: peak,
    peakWalMb,
    databaseCpuMicrosPerRequest: databaseCpuUsed / closed.acknowledged,
    stored: stored.size,
    acknowledged: allAcked.length,
  };
}

/** A burst cut short by SIGKILL: every delivery acknowledged before the kill must be in the database. */
async function killedMidBurst(contender: Contender): Promise<{ acknowledged: number; stored: number; lost: number }> {
  const home = mkdtempSync(path.join(os.tmpdir(), "nectr-ingest-"));
  const store = await roundStore(contender, home);
  const server = await startServer(contender, home, store.env);
  const acked = path.join(home, "acked");
  const burst = generate({ url: server.url, mode: "closed", seconds: 4, connections: CONNECTIONS, ackedFile: acked });
  setTimeout(() => server.child.kill("SIGKILL"), 1500);
  const result = await burst;
  await exited(server.child);
  const stored = await store.storedIds();
  await store.drop();
  const ids = readFileSync(acked, "utf8").split("\n").filter(Boolean);
  rmSync(home, { recursive: true, force: true });
  return { acknowledged: result.acknowledged, stored: stored.size, lost: ids.filter((id) => !stored.has(id)).length };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

if (pinned) pinSelf(LOAD_CORE!);
if (pinned && cluster) cluster.pin(SERVER_CORE!);
const bodyKb = Buffer.byteLength(deliveries[0]!.body) / 1024;
for (const line of runHeader()) console.log(line);
console.log(
  `load:    GitHub's pull_request.opened example as a draft PR, ${bodyKb.toFixed(1)} KB, ${VARIANT_COUNT} signed variants, a fresh X-GitHub-Delivery each`,
);
console.log(
  `         per server and round: 2 s warm-up; ${CONNECTIONS} connections for ${SECONDS} s (req/s, server CPU); ${STEADY_RATE} req/s on a fixed schedule for ${SECONDS} s (latency from when each request was due)`,
);
console.log(
  `cores:   ${pinned ? `load generator on core ${LOAD_CORE}, each server on core ${SERVER_CORE}` : "not pinned (taskset missing or one core)"}; medians of ${ROUNDS} rounds, servers interleaved`,
);
console.log(
  `store:   SQLite WAL, synchronous=NORMAL for every server (as nectr.db)${cluster ? " but nectr serve on PostgreSQL" : ""}`,
);
if (cluster)
  console.log(
    `postgres: nectr serve on PostgreSQL: NECTR_DATABASE_URL to a new database each round in ${cluster.version} on this machine (${cluster.durability}: every commit is flushed to disk, which SQLite's NORMAL does not do); its processes ${pinned && cluster.postmasterPid ? `pinned to core ${SERVER_CORE}, sharing it with the server under test` : "not pinned"}; their CPU is not in the server's CPU µs/req, it is shown apart below`,
  );
else
  console.log(
    "postgres: nectr serve on PostgreSQL left out: no cluster given (--postgres URL, a superuser's, or NECTR_TEST_POSTGRES_URL)",
  );
console.log(
  `nectr:   "systemd unit" is the command line nectr serve --print-systemd-unit prints: node ${DAEMON_NODE_FLAGS.join(" ")} bin/nectr.js serve\n`,
);

const nullServer = await startServer(
  {
    name: "null server",
    args: () => ["--import", "./bench/resolve-ts-imports.ts", "bench/servers/null-server.ts"],
    env: noEnv,
  },
  os.tmpdir(),
);
const generatorAlone = await generate({
  url: nullServer.url,
  mode: "steady",
  rate: STEADY_RATE,
  seconds: SECONDS,
  warmUpSeconds: 1,
  connections: 64,
});
nullServer.child.kill("SIGTERM");
console.log(
  `yardstick: the generator against a server that answers at once and stores nothing: p50 ${generatorAlone.p50Ms.toFixed(1)} ms, p99 ${generatorAlone.p99Ms.toFixed(1)} ms at ${STEADY_RATE}/s\n`,
);

const rounds = new Map<string, Figures[]>(contenders.map((contender) => [contender.name, []]));
for (let round = 0; round < ROUNDS; round += 1)
  for (const contender of contenders) rounds.get(contender.name)!.push(await measure(contender));

const summary = contenders.map((contender) => {
  const runs = rounds.get(contender.name)!;
  const pick = (key: keyof Figures) => median(runs.map((run) => run[key]));
  return {
    name: contender.name,
    reqPerSecond: pick("reqPerSecond"),
    cpu: pick("cpuMicrosPerRequest"),
    p50: pick("p50Ms"),
    p99: pick("p99Ms"),
    rss: pick("peakRssMb"),
    wal: pick("peakWalMb"),
    databaseCpu: pick("databaseCpuMicrosPerRequest"),
    onPostgres: contender.store === "postgres",
    storedEqualsAcked: runs.every((run) => run.stored === run.acknowledged),
  };
});
const rate = (name: string) => summary.find((row) => row.name.startsWith(name))?.reqPerSecond;
const bareRate = rate("bare node");
console.log(
  `${"server".padEnd(32)} ${"req/s".padStart(7)} ${"× bare".padStart(7)} ${"CPU µs/req".padStart(11)} ${`p50 ms @${STEADY_RATE}/s`.padStart(15)} ${`p99 ms @${STEADY_RATE}/s`.padStart(15)} ${"peak RSS".padStart(9)} ${"peak WAL".padStart(9)}  stored == acked`,
);
for (const row of summary) {
  const timesBare = bareRate ? (row.reqPerSecond / bareRate).toFixed(2) : "-";
  console.log(
    `${row.name.padEnd(32)} ${row.reqPerSecond.toFixed(0).padStart(7)} ${timesBare.padStart(7)} ${row.cpu.toFixed(0).padStart(11)} ${row.p50.toFixed(1).padStart(15)} ${row.p99.toFixed(1).padStart(15)} ${`${row.rss.toFixed(0)} MB`.padStart(9)} ${(row.onPostgres ? "-" : `${row.wal.toFixed(0)} MB`).padStart(9)}  ${row.storedEqualsAcked ? "yes" : "NO"}`,
  );
}
const [floor, probot] = [rate("floor"), rate("Probot")];
console.log("");
for (const row of summary.filter((each) => each.name.startsWith("nectr")))
  if (floor && probot)
    console.log(
      `${row.name}: ${(row.reqPerSecond / floor).toFixed(2)}× floor, ${(row.reqPerSecond / probot).toFixed(2)}× Probot 14`,
    );
const onPostgres = summary.find((row) => row.onPostgres);
const onSqlite = rate("nectr serve (systemd unit)");
if (onPostgres && onSqlite) {
  console.log(
    `nectr serve on PostgreSQL: ${(onPostgres.reqPerSecond / onSqlite).toFixed(2)}× nectr serve on SQLite (systemd unit)`,
  );
  console.log(
    `PostgreSQL's own processes: ${onPostgres.databaseCpu.toFixed(0)} µs of CPU a request on top of the server's ${onPostgres.cpu.toFixed(0)} (closed loop, median of ${ROUNDS} rounds)`,
  );
}

console.log("\nSIGKILL 1.5 s into a 16-connection burst, then the database read back:");
for (const contender of contenders.filter((each) => each.name.startsWith("floor") || each.name.startsWith("nectr"))) {
  const killed = await killedMidBurst(contender);
  console.log(
    `${contender.name.padEnd(32)} acknowledged ${killed.acknowledged}, stored ${killed.stored}, acknowledged but lost ${killed.lost}`,
  );
  if (killed.lost > 0) process.exitCode = 1;
}
if (summary.some((row) => !row.storedEqualsAcked)) process.exitCode = 1;
