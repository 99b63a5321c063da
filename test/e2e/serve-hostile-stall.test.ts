import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { githubHeaders, startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { pullRequestDelivery, webhookExample } from "../harness/webhook-examples.js";
import { waitUntil } from "../harness/wait-until.js";

// A stranger's PR must not stall the daemon: while it reviews one built of the lines that took
// 186 s, 9.1 s and 24.6 s on the event loop before, the daemon keeps answering at once.

const TOKEN = "gho_hostile_owner_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;
let daemon: DaemonProcess | undefined;

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  llm = await LlmFake.start();
  llm.fallback = () => ({ json: { summary: "Reviewed.", keyChanges: [], verdict: "comment", findings: [] } });
  home = tempDir();
});
afterEach(async () => {
  await daemon?.stop();
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

const env = () => ({ NECTR_GITHUB_API_URL: sim.url, OPENAI_BASE_URL: llm.url, NECTR_SECRET_KEY: "b".repeat(64) });

function statusOf(eventId: string): string | undefined {
  const db = openDatabase(path.join(home, "nectr.db"));
  const row = db.prepare<[number], { status: string }>("SELECT status FROM events WHERE id = ?").get(Number(eventId));
  db.close();
  return row?.status;
}

async function timed(request: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe("nectr serve: a hostile pull request", () => {
  it("never stalls the daemon: /healthz and signed pings answer at once while it is reviewed", async () => {
    daemon = await startDaemonProcess({ home, env: env() });
    expect(
      (await runNectr(["connect", "octocat/app", "--url", daemon.url], { home, env: { ...env(), GH_TOKEN: TOKEN } }))
        .code,
    ).toBe(0);
    const [hook] = sim.state.repo("octocat/app").hooks.values();
    const secret = hook?.config.secret ?? "";
    const hostile = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "stranger",
      title: "Tidy up",
      changes: {
        "Cargo.toml": `[package]\nname = "app"\n[${" ".repeat(10_000)}x\n`,
        ".env": `${"token=".repeat(160_000 / 6)}\n`,
        "data/blob.txt": `${"a".repeat(200_000)}\n`,
      },
    });
    const [delivered] = await sim.deliverWebhook(
      "octocat/app",
      "pull_request",
      pullRequestDelivery("opened", { repo: "octocat/app", number: hostile.number, headSha: hostile.headSha }),
    );
    expect(delivered?.statusCode).toBe(202);
    const eventId = String(JSON.parse(delivered?.responseBody ?? "{}").id);

    const started = Date.now();
    const health: number[] = [];
    const pings: { status: number; ms: number }[] = [];
    const ping = JSON.stringify({ ...webhookExample("ping"), repository: { full_name: "octocat/app" } });
    while (!["done", "failed"].includes(statusOf(eventId) ?? "")) {
      expect(Date.now() - started, "the hostile review to end").toBeLessThan(90_000);
      const probe = await timed(() => fetch(`${daemon?.url}/healthz`));
      expect(probe.status).toBe(200);
      health.push(probe.ms);
      if (health.length % 20 === 0) {
        const headers = githubHeaders("ping", ping, secret, { "x-github-hook-id": String(hook?.id) });
        pings.push(await timed(() => fetch(daemon?.webhookUrl ?? "", { method: "POST", headers, body: ping })));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statusOf(eventId)).toBe("done");
    console.log(
      `hostile PR reviewed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${health.length} /healthz probes, slowest ${Math.max(...health).toFixed(0)} ms; ${pings.length} signed pings, slowest ${Math.max(0, ...pings.map((answer) => answer.ms)).toFixed(0)} ms`,
    );
    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health), `slowest of ${health.length} /healthz probes, ms`).toBeLessThan(500);
    expect(
      pings.every((answer) => answer.status === 202 && answer.ms < 1000),
      JSON.stringify(pings),
    ).toBe(true);

    // The LLM read the long lines clipped, and the summary says which were.
    const [prompt] = llm.chatsFor("review");
    expect(JSON.stringify(prompt?.messages ?? "").length).toBeLessThan(60_000);
    const summary = sim.state
      .repo("octocat/app")
      .issueComments.find((comment) => comment.issueNumber === hostile.number);
    expect(summary?.body).toMatch(/3 lines over 4,000 characters read only in part/);

    const normal = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "octocat",
      title: "A normal change",
      changes: { "src/add.ts": "export const add = (a: number, b: number) => a + b;\n" },
    });
    await sim.deliverWebhook(
      "octocat/app",
      "pull_request",
      pullRequestDelivery("opened", { repo: "octocat/app", number: normal.number, headSha: normal.headSha }),
    );
    await waitUntil(
      () => sim.state.repo("octocat/app").issueComments.some((comment) => comment.issueNumber === normal.number),
      { what: "the normal PR's review", timeoutMs: 30_000, context: () => daemon?.logs() ?? "" },
    );
  }, 150_000);
});
