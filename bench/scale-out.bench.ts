// Reviews per minute with one `nectr serve` and with two on one PostgreSQL database (and one on
// SQLite, for reference), against the GitHub simulator and the LLM fake answering after a fixed
// delay: N PRs opened at once, their `opened` deliveries sent alternately to the daemons, timed
// from the first delivery until every PR has its summary comment and the queue is drained.
// Run (after `npm run build`): node --import ./bench/resolve-ts-imports.ts bench/scale-out.bench.ts
//   [--pulls N] [--rounds N] [--latency MS] [--postgres URL] (a superuser's; or NECTR_TEST_POSTGRES_URL)
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openPostgresCluster, type BenchDatabase } from "./ingest/postgres-cluster.js";
import { runHeader } from "./run-header.js";
import { githubHeaders, startDaemonProcess, type DaemonProcess } from "../test/harness/daemon-process.js";
import { OWNER_TOKEN, defaultReply } from "../test/harness/daemon-world.js";
import { GitHubSimulator } from "../test/harness/github-sim/server.js";
import { LlmFake } from "../test/harness/llm-fake/server.js";
import { removeTempDirs, tempDir } from "../test/harness/run-nectr.js";
import { waitUntil } from "../test/harness/wait-until.js";
import { pullRequestDelivery } from "../test/harness/webhook-examples.js";

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const PULLS = option("--pulls", 40);
const ROUNDS = option("--rounds", 2);
const LATENCY_MS = option("--latency", 2000);
const CONCURRENCY = 2;
const postgresAt = process.argv.indexOf("--postgres");
const POSTGRES_URL = postgresAt > 0 ? process.argv[postgresAt + 1] : process.env.NECTR_TEST_POSTGRES_URL;
if (!POSTGRES_URL) {
  console.error("scale-out needs a PostgreSQL cluster: --postgres URL (a superuser's) or NECTR_TEST_POSTGRES_URL");
  process.exit(2);
}
const cluster = await openPostgresCluster(POSTGRES_URL);

interface Setup {
  name: string;
  daemons: number;
  store: "sqlite" | "postgres";
}

interface Run {
  seconds: number;
  reviewsPerMinute: number;
  onePerPull: boolean;
  /** Reviews each daemon ran ("job" done log lines), warm-up left out. */
  jobsByDaemon: number[];
  llmCallsPerReview: number;
  /** Requests each review sent that octokit paces in each process: GraphQL, writes, and writes that notify. */
  github: { graphql: number; writes: number; notifying: number };
}

const setups: Setup[] = [
  { name: "1 daemon on SQLite", daemons: 1, store: "sqlite" },
  { name: "1 daemon on PostgreSQL", daemons: 1, store: "postgres" },
  { name: "2 daemons on PostgreSQL", daemons: 2, store: "postgres" },
];

// octokit's throttling plugin spaces GraphQL and writes 1 s apart and the writes that notify people
// 3 s apart, in each process: https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
const WRITE_GAP_SECONDS = 1;
const NOTIFYING_GAP_SECONDS = 3;
const notifying = /^\/repos\/[^/]+\/[^/]+\/(issues\/\d+\/comments|pulls\/\d+\/(reviews|comments))$/;

function pacedRequests(sim: GitHubSimulator) {
  const sent = sim.requests.filter((request) => request.method !== "GET" && request.method !== "HEAD");
  return {
    graphql: sent.filter((request) => request.path === "/graphql").length,
    writes: sent.filter((request) => request.path !== "/graphql").length,
    notifying: sent.filter((request) => request.method === "POST" && notifying.test(request.path)).length,
  };
}

const jobsDone = (daemon: DaemonProcess) =>
  daemon
    .logs()
    .split("\n")
    .filter((line) => line.includes('"msg":"job"') && line.includes('"outcome":"done"')).length;

async function queueDepth(daemon: DaemonProcess): Promise<number> {
  const health = (await (await fetch(`${daemon.url}/healthz`)).json()) as { queueDepth: number };
  return health.queueDepth;
}

/** One PR of one file each, opened in the simulator. */
function openPulls(sim: GitHubSimulator, count: number, from: number) {
  return Array.from({ length: count }, (_, index) => {
    const pull = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "octocat",
      title: `Change ${from + index}`,
      changes: { [`src/f${from + index}.ts`]: `export const v = ${from + index};\n` },
    });
    return { number: pull.number, headSha: pull.headSha };
  });
}

async function reviewRun(setup: Setup): Promise<Run> {
  const webhookSecret = randomBytes(16).toString("hex");
  const sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: OWNER_TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  const llm = await LlmFake.start();
  llm.fallback = defaultReply;
  llm.latencyMs = LATENCY_MS;
  const database: BenchDatabase | undefined = setup.store === "postgres" ? await cluster.createDatabase() : undefined;
  const env = {
    NECTR_GITHUB_API_URL: sim.url,
    OPENAI_BASE_URL: llm.url,
    NECTR_SECRET_KEY: randomBytes(32).toString("hex"),
    NECTR_WEBHOOK_SECRET: webhookSecret,
    GH_TOKEN: OWNER_TOKEN,
    ...(database && { NECTR_DATABASE_URL: database.url }),
  };
  const daemons = await Promise.all(
    Array.from({ length: setup.daemons }, () => {
      const home = tempDir("nectr-scale-");
      writeFileSync(path.join(home, "config.json"), "{}", { mode: 0o600 });
      return startDaemonProcess({ home, env, args: ["--concurrency", String(CONCURRENCY)] });
    }),
  );
  const send = async (daemon: DaemonProcess, pull: { number: number; headSha: string }) => {
    const body = JSON.stringify(pullRequestDelivery("opened", { repo: "octocat/app", ...pull }));
    const response = await fetch(daemon.webhookUrl, {
      method: "POST",
      headers: { ...githubHeaders("pull_request", body, webhookSecret), "x-github-delivery": randomUUID() },
      body,
    });
    if (response.status !== 202) throw new Error(`${setup.name}: delivery answered ${response.status}`);
  };
  const summaries = (number: number) =>
    sim.state.repo("octocat/app").issueComments.filter((comment) => comment.issueNumber === number).length;
  const reviewed = async (pulls: { number: number }[]) =>
    (await queueDepth(daemons[0]!)) === 0 && pulls.every((pull) => summaries(pull.number) > 0);
  const logs = () => daemons.map((daemon) => daemon.logs()).join("\n");

  // A review first on each daemon, untimed: its code loaded and compiled, as in a daemon that has reviewed before.
  const warmUps = openPulls(sim, daemons.length, 1);
  await Promise.all(warmUps.map((pull, index) => send(daemons[index]!, pull)));
  await waitUntil(
    async () =>
      (await reviewed(warmUps)) && daemons.reduce((sum, daemon) => sum + jobsDone(daemon), 0) === warmUps.length,
    { what: "the warm-up reviews", timeoutMs: 60_000, context: logs },
  );
  const warmUpJobs = daemons.map(jobsDone);
  const chatsBefore = llm.chats.length;
  const pacedBefore = pacedRequests(sim);

  const pulls = openPulls(sim, PULLS, daemons.length + 1);
  const started = performance.now();
  await Promise.all(pulls.map((pull, index) => send(daemons[index % daemons.length]!, pull)));
  await waitUntil(() => reviewed(pulls), {
    what: `${setup.name}: every PR reviewed`,
    timeoutMs: 20 * 60_000,
    intervalMs: 50,
    context: logs,
  });
  const seconds = (performance.now() - started) / 1000;
  const pacedAfter = pacedRequests(sim);
  const chats = llm.chats.length - chatsBefore;
  // Stopped before the log lines are counted: a job's line may follow its last write to the database.
  await Promise.all(daemons.map((daemon) => daemon.stop()));
  const run: Run = {
    seconds,
    reviewsPerMinute: (PULLS / seconds) * 60,
    onePerPull: [...warmUps, ...pulls].every((pull) => summaries(pull.number) === 1),
    jobsByDaemon: daemons.map((daemon, index) => jobsDone(daemon) - warmUpJobs[index]!),
    llmCallsPerReview: chats / PULLS,
    github: {
      graphql: (pacedAfter.graphql - pacedBefore.graphql) / PULLS,
      writes: (pacedAfter.writes - pacedBefore.writes) / PULLS,
      notifying: (pacedAfter.notifying - pacedBefore.notifying) / PULLS,
    },
  };
  await database?.drop();
  await sim.close();
  await llm.close();
  removeTempDirs();
  return run;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

for (const line of runHeader()) console.log(line);
console.log(
  `load:    ${PULLS} PRs of one file, opened at once; their pull_request.opened deliveries sent alternately to the daemons`,
);
console.log(
  `         LLM fake answering every call after ${LATENCY_MS} ms; nectr serve --concurrency ${CONCURRENCY} per daemon (Node's defaults, dist/), not pinned`,
);
console.log(
  `timing:  from the first delivery until every PR has its summary comment and the queue is drained (GET /healthz),`,
);
console.log(`         after one untimed review on each daemon; medians of ${ROUNDS} rounds, setups interleaved`);
console.log(
  `store:   ${cluster.version} on this machine (${cluster.durability}), a new database per round; SQLite: nectr.db in the daemon's home\n`,
);

const runs = new Map<string, Run[]>(setups.map((setup) => [setup.name, []]));
for (let round = 0; round < ROUNDS; round += 1)
  for (const setup of setups) runs.get(setup.name)!.push(await reviewRun(setup));

console.log(
  `${"setup".padEnd(26)} ${"seconds".padStart(8)} ${"reviews/min".padStart(12)}  ${"LLM calls/review".padStart(16)}  reviews per daemon (each round)   one summary per PR`,
);
const perMinute = new Map<string, number>();
for (const setup of setups) {
  const each = runs.get(setup.name)!;
  const rate = median(each.map((run) => run.reviewsPerMinute));
  perMinute.set(setup.name, rate);
  console.log(
    `${setup.name.padEnd(26)} ${median(each.map((run) => run.seconds))
      .toFixed(1)
      .padStart(8)} ${rate.toFixed(1).padStart(12)}  ${median(each.map((run) => run.llmCallsPerReview))
      .toFixed(1)
      .padStart(16)}  ${each
      .map((run) => run.jobsByDaemon.join(" + "))
      .join(", ")
      .padEnd(32)} ${each.every((run) => run.onePerPull) ? "yes" : "no"}`,
  );
}
const all = [...runs.values()].flat();
const perReview = (pick: (run: Run) => number) => median(all.map(pick));
const [graphql, writes, notifies, calls] = [
  perReview((run) => run.github.graphql),
  perReview((run) => run.github.writes),
  perReview((run) => run.github.notifying),
  perReview((run) => run.llmCallsPerReview),
];
console.log(
  `\nper review: ${calls.toFixed(1)} LLM calls, ${graphql.toFixed(1)} GraphQL requests, ${writes.toFixed(1)} REST writes (${notifies.toFixed(1)} that notify)`,
);
const pacing = Math.min(60 / (WRITE_GAP_SECONDS * (graphql + writes)), 60 / (NOTIFYING_GAP_SECONDS * notifies));
console.log(
  `bounds, each daemon: the LLM ${((CONCURRENCY * 60_000) / (calls * LATENCY_MS)).toFixed(0)} reviews/min (${CONCURRENCY} at once, ${calls.toFixed(1)} calls × ${LATENCY_MS} ms); octokit's pacing ${pacing.toFixed(0)} reviews/min`,
);
console.log(
  `         (GraphQL and writes ${WRITE_GAP_SECONDS} s apart, writes that notify ${NOTIFYING_GAP_SECONDS} s apart, in each process: two daemons pace apart)`,
);
const [sqlite, one, two] = setups.map((setup) => perMinute.get(setup.name)!);
console.log(`\n2 daemons on PostgreSQL: ${(two! / one!).toFixed(2)}× 1 daemon on PostgreSQL`);
console.log(`1 daemon on PostgreSQL: ${(one! / sqlite!).toFixed(2)}× 1 daemon on SQLite`);
const everyOnce = all.every((run) => run.onePerPull);
console.log(`one summary per PR: ${everyOnce ? "yes" : "no"}`);
if (!everyOnce) process.exitCode = 1;
