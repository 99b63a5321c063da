import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { githubHeaders } from "../harness/daemon-process.js";
import { startDaemonWorld, type DaemonWorld } from "../harness/daemon-world.js";
import { removeTempDirs } from "../harness/run-nectr.js";
import { webhookExample } from "../harness/webhook-examples.js";

// A stranger's PR must not stall the daemon: while it reviews one built of the lines that took
// 186 s, 9.1 s and 24.6 s on the event loop before, the daemon keeps answering at once.

let world: DaemonWorld;
beforeEach(async () => {
  world = await startDaemonWorld();
});
afterEach(() => world.close());
afterAll(removeTempDirs);

const statusOf = (eventId: string) =>
  world.rows<{ status: string }>(`SELECT status FROM events WHERE id = ${Number(eventId)}`)[0]?.status;

async function timed(request: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe("nectr serve: a hostile pull request", () => {
  it("never stalls the daemon: /healthz and signed pings answer at once while it is reviewed", async () => {
    const { sim, llm, daemon } = world;
    const [hook] = sim.state.repo("octocat/app").hooks.values();
    const secret = hook?.config.secret ?? "";
    const { pull: hostile, answers } = await world.openPull({
      repo: "octocat/app",
      author: "stranger",
      title: "Tidy up",
      changes: {
        "Cargo.toml": `[package]\nname = "app"\n[${" ".repeat(10_000)}x\n`,
        ".env": `${"token=".repeat(160_000 / 6)}\n`,
        "data/blob.txt": `${"a".repeat(200_000)}\n`,
      },
    });
    const [delivered] = answers;
    expect(delivered?.statusCode).toBe(202);
    const eventId = String(JSON.parse(delivered?.responseBody ?? "{}").id);

    const started = Date.now();
    const health: number[] = [];
    const pings: { status: number; ms: number }[] = [];
    const ping = JSON.stringify({ ...webhookExample("ping"), repository: { full_name: "octocat/app" } });
    while (!["done", "failed"].includes(statusOf(eventId) ?? "")) {
      expect(Date.now() - started, "the hostile review to end").toBeLessThan(90_000);
      const probe = await timed(() => fetch(`${daemon.url}/healthz`));
      expect(probe.status).toBe(200);
      health.push(probe.ms);
      if (health.length % 20 === 0) {
        const headers = githubHeaders("ping", ping, secret, { "x-github-hook-id": String(hook?.id) });
        pings.push(await timed(() => fetch(daemon.webhookUrl, { method: "POST", headers, body: ping })));
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
    expect(await world.summaryOf("octocat/app", hostile.number)).toMatch(
      /3 lines over 4,000 characters read only in part/,
    );

    const { pull: normal } = await world.openPull({
      repo: "octocat/app",
      author: "octocat",
      title: "A normal change",
      changes: { "src/add.ts": "export const add = (a: number, b: number) => a + b;\n" },
    });
    await world.summaryOf("octocat/app", normal.number);
  }, 150_000);
});
