import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordDelivery } from "../../src/store/events-table.js";
import { openDatabase } from "../../src/store/open-database.js";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { startDaemonWorld } from "../harness/daemon-world.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { repoRoot, removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { waitUntil } from "../harness/wait-until.js";

// One daemon owns a data folder, and a daemon that cannot listen goes away before it touches the
// queue.

const TOKEN = "gho_ownership_token";
let sim: GitHubSimulator;
let home: string;
const daemons: DaemonProcess[] = [];

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  home = tempDir();
});
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((daemon) => daemon.stop()));
  await sim.close();
});
afterAll(removeTempDirs);

const env = () => ({ NECTR_GITHUB_API_URL: sim.url });

async function timedServe(args: string[], runHome = home) {
  const started = Date.now();
  const run = await runNectr(["serve", ...args], { home: runHome, env: env(), timeoutMs: 10_000 });
  return { ...run, ms: Date.now() - started };
}

/** A PR of the connected repo with a queued review job in the home's database. */
async function queuedJob(): Promise<number> {
  const connected = await runNectr(["connect", "octocat/app", "--url", "http://127.0.0.1:9"], {
    home,
    env: { ...env(), GH_TOKEN: TOKEN },
  });
  expect(connected.code, connected.stderr).toBe(0);
  const pull = sim.state.openPullRequest({
    repo: "octocat/app",
    author: "octocat",
    title: "Queued",
    changes: { "src/a.ts": "export const a = 1;\n" },
  });
  const db = openDatabase(path.join(home, "nectr.db"));
  recordDelivery(db, {
    deliveryId: "queued-before-start",
    event: "pull_request",
    action: "opened",
    repo: "octocat/app",
    prNumber: pull.number,
    headSha: pull.headSha,
    replayKey: null,
    status: "queued",
    payload: "{}",
    receivedAt: new Date().toISOString(),
  });
  db.close();
  return pull.number;
}

function jobStatus(): string | undefined {
  const db = openDatabase(path.join(home, "nectr.db"));
  const row = db
    .prepare<[], { status: string }>("SELECT status FROM events WHERE delivery_id = 'queued-before-start'")
    .get();
  db.close();
  return row?.status;
}

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { port: address.port, server };
}

describe("nectr serve: who owns the data folder, and a start that fails", () => {
  it("lets a second daemon on the same folder exit 1 at once, naming the first one's pid, while the first reviews on", async () => {
    const world = await startDaemonWorld();
    try {
      world.llm.latencyMs = 2000;
      const { pull } = await world.openPull({
        repo: "octocat/app",
        author: "octocat",
        title: "Slow review",
        changes: { "src/a.ts": "export const a = 1;\n" },
      });
      await world.until(() => world.llm.chats.length > 0, "the review to reach the LLM");
      const started = Date.now();
      const second = await runNectr(["serve", "--port", "0"], { home: world.home, env: world.env, timeoutMs: 10_000 });
      expect(second.code).toBe(1);
      expect(Date.now() - started).toBeLessThan(5000);
      const { pid } = world.daemon;
      expect(second.stderr).toBe(
        `nectr: another nectr serve (pid ${pid}) owns the data folder ${world.home} — stop it first (kill ${pid}), or give this one its own NECTR_HOME\n`,
      );
      await world.summaryOf("octocat/app", pull.number);
      expect(world.sim.state.repo("octocat/app").issueComments).toHaveLength(1);
      expect(world.llm.chatsFor("review")).toHaveLength(1);
    } finally {
      await world.close();
    }
  });

  it("lets exactly one of two daemons started at once on a fresh folder run", async () => {
    const launch = () =>
      spawn(process.execPath, [path.join(repoRoot, "bin", "nectr.js"), "serve", "--port", "0"], {
        env: { PATH: process.env.PATH ?? "", HOME: home, NECTR_HOME: home, ...env() },
        stdio: ["ignore", "ignore", "pipe"],
      });
    const children = [launch(), launch()];
    const outputs = children.map((child) => {
      let text = "";
      child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      return () => text;
    });
    await waitUntil(() => outputs.some((output) => /owns the data folder/.test(output())), {
      what: "the second daemon to give up",
      timeoutMs: 10_000,
    });
    await waitUntil(() => outputs.some((output) => /"msg":"listening"/.test(output())), {
      what: "the first daemon to listen",
      timeoutMs: 10_000,
    });
    for (const child of children) child.kill("SIGTERM");
    expect(outputs.map((output) => output()).join("\n")).not.toMatch(/already exists|unexpected error/);
  });

  it("exits 1 on a port that is taken, without running the queued job; a later good start runs it", async () => {
    const number = await queuedJob();
    const { port, server } = await occupiedPort();
    const before = sim.requests.length;
    const taken = await timedServe(["--port", String(port)]);
    server.close();
    expect(taken.code).toBe(1);
    expect(taken.ms).toBeLessThan(5000);
    expect(taken.stderr).toBe(
      `nectr: port ${port} on 127.0.0.1 is already in use — pass another --port, or stop what listens there\n`,
    );
    expect(jobStatus()).toBe("queued");
    expect(sim.requests.length).toBe(before);

    const good = await startDaemonProcess({ home, env: env() });
    daemons.push(good);
    await waitUntil(
      () => jobStatus() === "done" && sim.state.repo("octocat/app").issueComments.some((c) => c.issueNumber === number),
      { what: "the queued review", context: () => good.logs() },
    );
  });

  it("exits 2 for a host that is not this machine's", async () => {
    const bad = await timedServe(["--host", "999.1.1.1"], tempDir());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^nectr: --host 999\.1\.1\.1 is not an address of this machine — /);
  });

  it("prints a systemd unit whose ExecStart starts the daemon with nothing in its environment but NECTR_HOME", async () => {
    const printed = await runNectr(["serve", "--print-systemd-unit", "--port", "0"], { home });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^Restart=on-failure$/m);
    expect(printed.stdout).toMatch(/^NoNewPrivileges=yes$/m);
    expect(printed.stdout).toMatch(/^StateDirectory=nectr$/m);
    const execStart = /^ExecStart=(.+)$/m.exec(printed.stdout)?.[1] ?? "";
    const [node = "", ...args] = execStart.split(" ");
    expect(path.isAbsolute(node)).toBe(true);
    expect(args[0]).toBe("--max-semi-space-size=4");
    // As systemd runs it (env -i): no PATH, no HOME, so `#!/usr/bin/env node` could not be relied on.
    const child = spawn(node, args, { env: { NECTR_HOME: tempDir() }, stdio: ["ignore", "ignore", "pipe"] });
    let logs = "";
    child.stderr?.on("data", (chunk: Buffer) => (logs += chunk.toString("utf8")));
    try {
      await waitUntil(() => /"msg":"listening"/.test(logs), {
        what: "the unit's daemon to listen",
        context: () => logs,
      });
      const url = /"url":"(http:\/\/[^"]+)"/.exec(logs)?.[1] ?? "";
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
