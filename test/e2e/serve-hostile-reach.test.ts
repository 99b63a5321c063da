import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake, type RecordedChat } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";
import { waitUntil } from "../harness/wait-until.js";

// What a PR names must not choose what nectr reads: not another repository's private issues
// through the token of whoever connected the repo.

const TOKEN = "gho_reach_owner_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;
let daemon: DaemonProcess | undefined;

const schemaOf = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).match(/"name":"(\w+)"/)?.[1];

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  llm = await LlmFake.start();
  llm.fallback = (chat) =>
    schemaOf(chat) === "learnings"
      ? { json: { learnings: [] } }
      : { json: { summary: "Reviewed.", keyChanges: [], verdict: "comment", findings: [] } };
  home = tempDir();
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

const env = () => ({ NECTR_GITHUB_API_URL: sim.url, OPENAI_BASE_URL: llm.url });

async function serveAndConnect(config?: object): Promise<DaemonProcess> {
  if (config) writeFileSync(path.join(home, "config.json"), JSON.stringify(config), { mode: 0o600 });
  const started = await startDaemonProcess({ home, env: env() });
  const connected = await runNectr(["connect", "octocat/app", "--url", started.url], {
    home,
    env: { ...env(), GH_TOKEN: TOKEN },
  });
  expect(connected.code).toBe(0);
  return started;
}

function queueEmpty(): boolean {
  const db = openDatabase(path.join(home, "nectr.db"));
  const busy = db
    .prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM events WHERE status IN ('queued', 'running')")
    .get();
  db.close();
  return busy?.n === 0;
}

async function reviewPull(spec: { title: string; body: string; head?: string }): Promise<number> {
  const pull = sim.state.openPullRequest({
    repo: "octocat/app",
    author: "stranger",
    title: spec.title,
    body: spec.body,
    head: spec.head,
    changes: { "src/launch.ts": "export const launch = () => true;\n" },
  });
  await sim.deliverWebhook(
    "octocat/app",
    "pull_request",
    pullRequestDelivery("opened", { repo: "octocat/app", number: pull.number, headSha: pull.headSha }),
  );
  await waitUntil(
    () =>
      queueEmpty() &&
      sim.state.repo("octocat/app").issueComments.some((comment) => comment.issueNumber === pull.number),
    { what: "the review", context: () => daemon?.logs() ?? "" },
  );
  return pull.number;
}

describe("nectr serve: what a PR may make nectr read", () => {
  it("reads no issue of a private repository the PR names, and still reads its own repository's and public ones", async () => {
    sim.state.addRepo({ owner: "octocat", name: "secret-plans", private: true });
    sim.state.addRepo({ owner: "octocat", name: "docs" });
    const published = sim.state.openIssue("octocat/docs", { author: "octocat", title: "Document the launch" });
    sim.state.openIssue("octocat/secret-plans", {
      author: "octocat",
      title: "Acquire Initech in March",
      body: "Board approved 40M.",
    });
    const own = sim.state.openIssue("octocat/app", { author: "octocat", title: "Launch button does nothing" });
    daemon = await serveAndConnect();
    await reviewPull({
      title: "Launch",
      body: `Fixes octocat/secret-plans#1\nFixes #${own.number}\nCloses octocat/docs#${published.number}`,
    });

    const prompts = JSON.stringify(llm.chats);
    const writes = JSON.stringify(sim.requests.filter((request) => request.method !== "GET"));
    for (const secret of ["Acquire Initech", "Board approved"]) {
      expect(prompts).not.toContain(secret);
      expect(writes).not.toContain(secret);
    }
    expect(prompts).toContain(`octocat/app#${own.number} [open] Launch button does nothing`);
    expect(prompts).toContain(`octocat/docs#${published.number} [open] Document the launch`);
    expect(sim.requests.some((request) => request.path.startsWith("/repos/octocat/secret-plans/issues"))).toBe(false);
  }, 60_000);
});
