import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake } from "../harness/llm-fake/server.js";
import { stdioServerConfig } from "../harness/mcp-test-server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";

const TOKEN = "gho_doctor_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let daemon: DaemonProcess | undefined;

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  llm = await LlmFake.start();
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

describe("nectr doctor", () => {
  it("on a fresh machine, lists what to do and exits non-zero", async () => {
    const run = await runNectr(["doctor"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("✖ GitHub token: not logged in\n    → run nectr login (or set GH_TOKEN)");
    expect(run.stdout).toContain("! LLM: none configured");
    expect(run.stdout).toMatch(/✔ Node\.js: v\d+/);
    expect(run.stderr).toBe("nectr: 1 check failed — fix them as shown above, then run nectr doctor again\n");
  });

  it("fully configured against the simulator and the fake: every configured part ✔, exit 0", async () => {
    const home = tempDir();
    const env = { NECTR_GITHUB_API_URL: sim.url, GH_TOKEN: TOKEN, OPENAI_BASE_URL: llm.url };
    daemon = await startDaemonProcess({ home, env });
    const port = Number(new URL(daemon.url).port);
    writeFileSync(
      path.join(home, "config.json"),
      JSON.stringify({ port, mcpServers: { issues: stdioServerConfig() } }),
      { mode: 0o600 },
    );
    expect((await runNectr(["connect", "octocat/app", "--url", daemon.url], { home, env })).code).toBe(0);

    const run = await runNectr(["doctor", "--json"], { home, env });
    expect(run.code, run.stdout).toBe(0);
    const results: { name: string; status: string }[] = JSON.parse(run.stdout);
    expect(results.filter((result) => result.status !== "skip")).toEqual(
      [
        "Node.js",
        "config.json",
        "Database",
        "Deliveries kept",
        "LLM spend today",
        "GitHub token",
        "LLM",
        'MCP server "issues"',
        "Daemon",
        "Hook of octocat/app",
      ].map((name) => expect.objectContaining({ name, status: "ok" })),
    );
  });

  it("sees a repo whose hook was deleted on GitHub, and a model the endpoint does not serve", async () => {
    const home = tempDir();
    const env = {
      NECTR_GITHUB_API_URL: sim.url,
      GH_TOKEN: TOKEN,
      OPENAI_BASE_URL: llm.url,
      NECTR_MODEL: "gpt-9-imaginary",
    };
    expect((await runNectr(["connect", "octocat/app", "--url", "http://127.0.0.1:9"], { home, env })).code).toBe(0);
    sim.state.repo("octocat/app").hooks.clear();
    const run = await runNectr(["doctor"], { home, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /✖ Hook of octocat\/app: webhook \d+ is gone from GitHub\n    → run nectr connect octocat\/app/,
    );
    expect(run.stdout).toContain(`✖ LLM: the endpoint ${llm.url} does not serve "gpt-9-imaginary"`);
  });
});
