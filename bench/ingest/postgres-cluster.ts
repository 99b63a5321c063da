import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";

// The PostgreSQL side of the ingest bench: a fresh database per round in a cluster on this
// machine, the delivery ids a daemon stored there, and the cluster's own processes, which run
// beside the server under test and are pinned to its core, their CPU time counted apart.

export interface BenchDatabase {
  /** A postgres:// URL of a new, empty database. */
  url: string;
  /** The delivery ids in its events table. */
  storedIds(): Promise<Set<string>>;
  drop(): Promise<void>;
}

export interface PostgresCluster {
  /** "PostgreSQL 15.18", as the server says. */
  version: string;
  /** The settings that decide what a commit costs: "synchronous_commit=on, fsync=on". */
  durability: string;
  /** The postmaster's pid, when the cluster runs on this machine (then it can be pinned and measured). */
  postmasterPid: number | undefined;
  createDatabase(): Promise<BenchDatabase>;
  /**
   * CPU time every process of the cluster has used, in microseconds: the postmaster's own and that
   * of the children it has reaped (a backend that ended), plus each live child's.
   */
  cpuMicros(): number;
  /** Pins the postmaster and every child to `core`; backends forked later inherit it. Undone at exit. */
  pin(core: number): void;
}

/** The cluster at a superuser URL (`--postgres URL` or NECTR_TEST_POSTGRES_URL, as the tests get it). */
export async function openPostgresCluster(superuserUrl: string): Promise<PostgresCluster> {
  // The harness makes and drops a database per test from this variable; the bench does the same per round.
  process.env.NECTR_TEST_POSTGRES_URL = superuserUrl;
  const { createTestDatabase } = await import("../../test/harness/postgres.js");
  const { version, durability, postmasterPid } = await asClient(superuserUrl, async (client) => {
    const rows = await client.query<{ version: string; sync: string; fsync: string; pid: number }>(
      `SELECT split_part(current_setting('server_version'), ' ', 1) AS version, current_setting('synchronous_commit') AS sync,
              current_setting('fsync') AS fsync, pg_backend_pid() AS pid`,
    );
    const row = rows.rows[0]!;
    return {
      version: `PostgreSQL ${row.version}`,
      durability: `synchronous_commit=${row.sync}, fsync=${row.fsync}`,
      // Read while the backend is alive: once the client ends, its process is gone.
      postmasterPid: parentOf(row.pid),
    };
  });
  return {
    version,
    durability,
    postmasterPid,
    async createDatabase() {
      const database = await createTestDatabase();
      return {
        url: database.url,
        storedIds: () =>
          asClient(database.url, async (client) => {
            const rows = await client.query<{ delivery_id: string }>("SELECT delivery_id FROM events");
            return new Set(rows.rows.map((row) => row.delivery_id));
          }),
        drop: database.drop,
      };
    },
    cpuMicros: () => (postmasterPid === undefined ? 0 : clusterCpuMicros(postmasterPid)),
    pin(core) {
      if (postmasterPid === undefined) return;
      const before = affinityOf(postmasterPid);
      const everyProcess = () => [postmasterPid, ...childrenOf(postmasterPid)];
      for (const pid of everyProcess()) setAffinity(pid, String(core));
      process.on("exit", () => {
        if (before) for (const pid of everyProcess()) setAffinity(pid, before);
      });
    },
  };
}

async function asClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The parent of a backend is the postmaster; undefined when the server is on another machine. */
function parentOf(pid: number): number | undefined {
  try {
    const match = /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** utime + stime (and, with `reaped`, cutime + cstime) of /proc/<pid>/stat, in microseconds; 0 once it has gone. */
function processCpuMicros(pid: number, reaped: boolean): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    return (ticks * 1_000_000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

function clusterCpuMicros(postmasterPid: number): number {
  const children = childrenOf(postmasterPid).reduce((sum, pid) => sum + processCpuMicros(pid, false), 0);
  return processCpuMicros(postmasterPid, true) + children;
}

function affinityOf(pid: number): string | undefined {
  const result = spawnSync("taskset", ["-pc", String(pid)], { encoding: "utf8" });
  return result.status === 0 ? /: (\S+)\s*$/.exec(result.stdout)?.[1] : undefined;
}

function setAffinity(pid: number, cores: string): void {
  spawnSync("taskset", ["-apc", cores, String(pid)], { stdio: "ignore" });
}
