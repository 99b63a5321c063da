import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir, type NectrRun } from "../harness/run-nectr.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";

// Known secret values, run through login → connect → serve → review; none may show up anywhere
// nectr writes, in the clear: the token in hosts.json (when there is no keychain) is sealed too.
const TOKEN = "gho_SecretHygieneToken0123456789abcdef";
const LLM_KEY = "sk-secret-hygiene-llm-key-0123456789";
const SECRET_KEY = "5".repeat(64);

let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;
let daemon: DaemonProcess | undefined;

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  llm = await LlmFake.start({ apiKey: LLM_KEY });
  llm.fallback = () => ({
    json: { summary: "Fine.", keyChanges: [], verdict: "comment", findings: [], learnings: [] },
  });
  home = tempDir();
});
afterEach(async () => {
  await daemon?.stop();
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

describe("secret hygiene", () => {
  it("never prints, logs, serves or stores in plaintext the token, the webhook secret or the LLM key", async () => {
    const env = {
      NECTR_GITHUB_API_URL: sim.url,
      OPENAI_BASE_URL: llm.url,
      OPENAI_API_KEY: LLM_KEY,
      NECTR_SECRET_KEY: SECRET_KEY,
    };
    const runs: NectrRun[] = [];
    const nectr = async (args: string[], stdin?: string) => {
      const run = await runNectr(args, { home, env, stdin });
      runs.push(run);
      return run;
    };
    expect((await nectr(["login", "--with-token"], TOKEN)).code).toBe(0);
    daemon = await startDaemonProcess({ home, env });
    expect((await nectr(["connect", "octocat/app", "--url", daemon.url])).code).toBe(0);
    const [hook] = sim.state.repo("octocat/app").hooks.values();
    const webhookSecret = hook?.config.secret ?? "";
    expect(webhookSecret).toMatch(/^[0-9a-f]{64}$/);

    const pull = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "octocat",
      title: "Config",
      changes: { "src/a.ts": "export const a = 1;\n" },
    });
    await sim.deliverWebhook(
      "octocat/app",
      "pull_request",
      pullRequestDelivery("opened", { repo: "octocat/app", number: pull.number, headSha: pull.headSha }),
    );
    const deadline = Date.now() + 30_000;
    while (sim.state.repo("octocat/app").issueComments.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.state.repo("octocat/app").issueComments).toHaveLength(1);
    await nectr(["review", `octocat/app#${pull.number}`, "--json", "--dry-run"]);
    await nectr(["auth", "status"]);
    await nectr(["repos", "--json"]);
    await nectr(["events", "--json"]);
    await nectr(["doctor"]);
    const page = await (await fetch(`${daemon.url}/`)).text();
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    await daemon.stop();
    const logs = daemon.logs();
    daemon = undefined;

    const written = [
      ...runs.flatMap((run) => [run.stdout, run.stderr]),
      logs,
      page,
      metrics,
      ...sim.state.repo("octocat/app").issueComments.map((comment) => comment.body),
    ];
    const stored = readdirSync(home)
      .map((name) => path.join(home, name))
      .flatMap((file) => {
        try {
          return [readFileSync(file).toString("latin1")];
        } catch {
          return [];
        }
      });
    for (const secret of [TOKEN, webhookSecret, LLM_KEY, SECRET_KEY]) {
      for (const text of [...written, ...stored]) expect(text.includes(secret)).toBe(false);
    }
    console.log(`secret hygiene: ${written.length} outputs and ${stored.length} files checked for 4 secrets, 0 found`);
  });
});
