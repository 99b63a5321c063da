import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { githubHeaders, startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { OWNER_TOKEN, defaultReply } from "../harness/daemon-world.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake } from "../harness/llm-fake/server.js";
import { createTestDatabase, runPostgresTests, type TestDatabase } from "../harness/postgres.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { waitUntil } from "../harness/wait-until.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";

afterAll(removeTempDirs);

// Two real `nectr serve` processes, each with its own home, on one real PostgreSQL: what a team
// behind a load balancer runs. Deliveries are signed with the global secret both daemons know and
// sent to one daemon or the other, as a balancer would.
describe.runIf(runPostgresTests)("two daemons on one PostgreSQL database", () => {
  const webhookSecret = randomBytes(16).toString("hex");
  const secretKey = randomBytes(32).toString("hex");
  let sim: GitHubSimulator;
  let llm: LlmFake;
  let database: TestDatabase;
  let client: pg.Client;
  const daemons: DaemonProcess[] = [];

  beforeEach(async () => {
    sim = await GitHubSimulator.start();
    sim.state.addUser("octocat", { token: OWNER_TOKEN });
    sim.state.addRepo({ owner: "octocat", name: "app" });
    llm = await LlmFake.start();
    llm.fallback = defaultReply;
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterEach(async () => {
    await Promise.all(daemons.splice(0).map((daemon) => daemon.stop()));
    await client.end();
    await database.drop();
    await sim.close();
    await llm.close();
  });

  const env = () => ({
    NECTR_GITHUB_API_URL: sim.url,
    OPENAI_BASE_URL: llm.url,
    NECTR_DATABASE_URL: database.url,
    NECTR_SECRET_KEY: secretKey,
    NECTR_WEBHOOK_SECRET: webhookSecret,
    GH_TOKEN: OWNER_TOKEN,
  });
  const newHome = (config: object = {}) => {
    const home = tempDir();
    writeFileSync(path.join(home, "config.json"), JSON.stringify(config), { mode: 0o600 });
    return home;
  };
  const serve = async (home: string) => {
    const daemon = await startDaemonProcess({ home, env: env(), args: ["--concurrency", "2"] });
    daemons.push(daemon);
    return daemon;
  };
  const query = async <T>(sql: string) => (await client.query(sql)).rows as T[];
  const openPulls = (count: number) =>
    Array.from({ length: count }, (_, index) => {
      const pull = sim.state.openPullRequest({
        repo: "octocat/app",
        author: "octocat",
        title: `Change ${index + 1}`,
        changes: { [`src/f${index + 1}.ts`]: `export const v = ${index};\n` },
      });
      return { number: pull.number, headSha: pull.headSha };
    });
  const send = async (daemon: DaemonProcess, pull: { number: number; headSha: string }, deliveryId = randomUUID()) => {
    const body = JSON.stringify(pullRequestDelivery("opened", { repo: "octocat/app", ...pull }));
    const response = await fetch(daemon.webhookUrl, {
      method: "POST",
      headers: { ...githubHeaders("pull_request", body, webhookSecret), "x-github-delivery": deliveryId },
      body,
    });
    return { status: response.status, body: (await response.json()) as { status?: string } };
  };
  const summaries = (number: number) =>
    sim.state.repo("octocat/app").issueComments.filter((comment) => comment.issueNumber === number);
  const drained = async () =>
    (await query<{ n: number }>("SELECT COUNT(*)::int AS n FROM events WHERE status IN ('queued', 'running')"))[0]
      ?.n === 0;
  const jobsDone = (daemon: DaemonProcess) =>
    daemon
      .logs()
      .split("\n")
      .filter((line) => line.includes('"msg":"job"') && line.includes('"outcome":"done"')).length;

  it("shares repos, and reviews each PR of 40 alternating deliveries once, with both daemons working", async () => {
    llm.latencyMs = 1000;
    const homeA = newHome();
    const homeB = newHome();
    const [a, b] = [await serve(homeA), await serve(homeB)];
    // What one daemon's CLI connects, the other's lists.
    const connected = await runNectr(["connect", "octocat/app", "--url", a.url], { home: homeA, env: env() });
    expect(connected.code, connected.stderr).toBe(0);
    const listed = await runNectr(["repos", "--json"], { home: homeB, env: env() });
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ repo: "octocat/app", active: true })]);

    const pulls = openPulls(20);
    // Each PR's `opened` twice, as GitHub's redelivery would under a new id: once to each daemon.
    const answers = await Promise.all(
      pulls.flatMap((pull, index) => [send(index % 2 ? a : b, pull), send(index % 2 ? b : a, pull)]),
    );
    expect(answers).toHaveLength(40);
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(20);
    expect(answers.filter((answer) => answer.status === 200 && answer.body.status === "duplicate")).toHaveLength(20);

    await waitUntil(async () => (await drained()) && pulls.every((pull) => summaries(pull.number).length > 0), {
      what: "every PR reviewed",
      timeoutMs: 90_000,
      context: () => a.logs() + b.logs(),
    });
    for (const pull of pulls) expect(summaries(pull.number), `PR #${pull.number}`).toHaveLength(1);
    const reviews = await query<{ pr_number: number; n: number }>(
      "SELECT pr_number, COUNT(*)::int AS n FROM reviews GROUP BY pr_number",
    );
    expect(reviews).toHaveLength(20);
    expect(reviews.every((review) => review.n === 1)).toBe(true);
    expect(jobsDone(a)).toBeGreaterThan(0);
    expect(jobsDone(b)).toBeGreaterThan(0);
    expect(jobsDone(a) + jobsDone(b)).toBe(20);
    // Each daemon's health, metrics and status page read the shared queue and reviews.
    const health = (await (await fetch(`${b.url}/healthz`)).json()) as { queueDepth: number };
    expect(health.queueDepth).toBe(0);
    expect(await (await fetch(`${a.url}/metrics`)).text()).toContain("nectr_queue_depth 0");
    const page = await (await fetch(`${b.url}/`)).text();
    expect(page).toContain('<span class="figure" id="queue-depth">0</span>');
    expect(page.match(/octocat\/app#\d+<\/a>/g)?.length).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it("finishes a killed daemon's jobs on the other after their lease, one summary per PR", async () => {
    llm.latencyMs = 1000;
    const config = { jobLeaseSeconds: 3 };
    const [a, b] = [await serve(newHome(config)), await serve(newHome(config))];
    const pulls = openPulls(12);
    const answers = await Promise.all(pulls.map((pull, index) => send(index % 2 ? a : b, pull)));
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    // Killed while it runs reviews: its jobs stay "running" under its lease until the lease ends.
    await waitUntil(() => a.logs().includes('"msg":"job"'), { what: "daemon A to finish a job", timeoutMs: 30_000 });
    await a.kill();
    daemons.splice(daemons.indexOf(a), 1);
    await waitUntil(drained, { what: "the queue to drain", timeoutMs: 90_000, context: () => b.logs() });
    await waitUntil(() => pulls.every((pull) => summaries(pull.number).length > 0), {
      what: "every PR reviewed",
      timeoutMs: 30_000,
    });
    for (const pull of pulls) expect(summaries(pull.number), `PR #${pull.number}`).toHaveLength(1);
    const statuses = await query<{ status: string }>("SELECT DISTINCT status FROM events");
    expect(statuses.map((row) => row.status)).toEqual(["done"]);
    // At least one job ran twice: begun on A, taken over by B once A's lease ran out.
    const [retaken] = await query<{ n: number }>("SELECT MAX(attempts)::int AS n FROM events");
    expect(retaken?.n).toBeGreaterThanOrEqual(2);
    expect(jobsDone(b)).toBeGreaterThan(0);
  }, 120_000);

  it("nectr doctor checks the connection and the schema, and never prints the password", async () => {
    const password = new URL(database.url).password;
    const doctor = await runNectr(["doctor"], { home: newHome(), env: env() });
    const databaseLine = doctor.stdout.split("\n").find((line) => line.includes("Database"));
    expect(databaseLine).toMatch(/✔ Database: postgres:\/\/nectr:\*\*\*@127\.0\.0\.1:\d+\/nectr_test_\w+, schema 1/);
    const unreachable = await runNectr(["doctor"], {
      home: newHome(),
      env: { ...env(), NECTR_DATABASE_URL: "postgres://nectr:hunter2hunter2@127.0.0.1:1/none" },
    });
    expect(unreachable.stdout).toMatch(/✖ Database: cannot open the PostgreSQL database at NECTR_DATABASE_URL/);
    expect(unreachable.stdout).toContain("check NECTR_DATABASE_URL and that the PostgreSQL server is up");
    for (const output of [doctor.stdout, doctor.stderr, unreachable.stdout, unreachable.stderr]) {
      expect(output).not.toContain(password);
      expect(output).not.toContain("hunter2hunter2");
    }
  });

  it("answers one 202 and one 200 duplicate to the same delivery sent to both at once", async () => {
    const [a, b] = [await serve(newHome()), await serve(newHome())];
    for (const pull of openPulls(5)) {
      const id = randomUUID();
      const answers = await Promise.all([send(a, pull, id), send(b, pull, id)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 202]);
      expect(answers.find((answer) => answer.status === 200)?.body.status).toBe("duplicate");
    }
    const stored = await query<{ n: number }>("SELECT COUNT(*)::int AS n FROM events");
    expect(stored[0]?.n).toBe(5);
  });
});
