import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { githubHeaders, startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { pullRequestDelivery, webhookExample } from "../harness/webhook-examples.js";
import { waitUntil } from "../harness/wait-until.js";

const TOKEN = "gho_daemon_owner_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;
let daemon: DaemonProcess | undefined;

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  llm = await LlmFake.start();
  llm.fallback = () => ({ json: { summary: "Looks fine.", keyChanges: [], verdict: "comment", findings: [] } });
  home = tempDir();
});
afterEach(async () => {
  await daemon?.stop();
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

const env = () => ({ NECTR_GITHUB_API_URL: sim.url, OPENAI_BASE_URL: llm.url, NECTR_SECRET_KEY: "a".repeat(64) });

async function serveAndConnect(args: string[] = []): Promise<DaemonProcess> {
  const started = await startDaemonProcess({ home, env: env(), args });
  const connected = await runNectr(["connect", "octocat/app", "--url", started.url], {
    home,
    env: { ...env(), GH_TOKEN: TOKEN },
  });
  expect(connected.code).toBe(0);
  return started;
}

function openPull(number: number): string {
  return sim.state.openPullRequest({
    repo: "octocat/app",
    author: "octocat",
    title: `PR ${number}`,
    changes: { [`src/f${number}.ts`]: `export const v = ${number};\n` },
  }).headSha;
}

/** Opens PR `number` and delivers its `opened` event to the daemon. */
async function openAndDeliver(number: number): Promise<void> {
  const payload = pullRequestDelivery("opened", { repo: "octocat/app", number, headSha: openPull(number) });
  await sim.deliverWebhook("octocat/app", "pull_request", payload);
}

const until = (condition: () => boolean, what: string, timeoutMs = 60_000) =>
  waitUntil(condition, { what, timeoutMs, context: () => daemon?.logs() ?? "" });

function eventStatuses(): Record<string, number> {
  const db = openDatabase(path.join(home, "nectr.db"));
  const rows = db
    .prepare<[], { status: string; count: number }>("SELECT status, COUNT(*) AS count FROM events GROUP BY status")
    .all();
  db.close();
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

const summaries = (number: number) =>
  sim.state.repo("octocat/app").issueComments.filter((comment) => comment.issueNumber === number);

describe("nectr serve: reviews from the queue", () => {
  it("when the LLM fails, logs its URL for the operator and posts a summary without it", async () => {
    llm.fallback = () => ({ status: 500, errorMessage: "upstream down" });
    daemon = await serveAndConnect();
    await openAndDeliver(1);
    await until(() => summaries(1).length === 1, "the summary");
    const summary = summaries(1)[0]?.body ?? "";
    expect(summary).toContain("The LLM review failed (the LLM endpoint answered 500");
    expect(summary).not.toContain(new URL(llm.url).host);
    await until(() => daemon!.logs().includes(`the LLM endpoint ${llm.url} answered 500`), "the warning in the log");
  });

  it("reviews an opened PR once, however often the delivery comes", async () => {
    daemon = await serveAndConnect();
    const head = openPull(1);
    const payload = pullRequestDelivery("opened", { repo: "octocat/app", number: 1, headSha: head });
    const [first] = await sim.deliverWebhook("octocat/app", "pull_request", payload);
    expect(first?.statusCode).toBe(202);
    const [again] = await sim.deliverWebhook("octocat/app", "pull_request", payload);
    expect(again?.statusCode).toBe(200);
    expect(JSON.parse(again?.responseBody ?? "{}")).toEqual({ status: "duplicate" });
    await until(
      () => eventStatuses().queued === undefined && eventStatuses().running === undefined && summaries(1).length === 1,
      "the review",
    );
    expect(summaries(1)).toHaveLength(1);
    expect(llm.chatsFor("review")).toHaveLength(1);
  });

  it("refuses a delivery signed with one repo's hook secret but about another repo", async () => {
    daemon = await serveAndConnect();
    const [hook] = sim.state.repo("octocat/app").hooks.values();
    const secret = hook?.config.secret ?? "";
    const body = JSON.stringify(
      pullRequestDelivery("opened", { repo: "someone/else", number: 1, headSha: "f".repeat(40) }),
    );
    const headers = githubHeaders("pull_request", body, secret, { "x-github-hook-id": String(hook?.id) });
    expect((await fetch(daemon.webhookUrl, { method: "POST", headers, body })).status).toBe(401);
    const own = JSON.stringify(
      pullRequestDelivery("closed", { repo: "octocat/app", number: 1, headSha: "f".repeat(40) }),
    );
    const ownHeaders = githubHeaders("pull_request", own, secret, { "x-github-hook-id": String(hook?.id) });
    expect((await fetch(daemon.webhookUrl, { method: "POST", headers: ownHeaders, body: own })).status).toBe(202);
    // Nor does a repository's hook speak for a GitHub App's installations.
    const uninstall = JSON.stringify(webhookExample("installation", "deleted"));
    const uninstallHeaders = githubHeaders("installation", uninstall, secret, { "x-github-hook-id": String(hook?.id) });
    const refused = await fetch(daemon.webhookUrl, { method: "POST", headers: uninstallHeaders, body: uninstall });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "a repository's hook does not speak for the app's installations" });
  });

  it("reviews three quick pushes once, at the last head", async () => {
    daemon = await serveAndConnect();
    const heads = [openPull(1)];
    heads.push(sim.state.pushToPullRequest("octocat/app", 1, { "src/f1.ts": "export const v = 2;\n" }));
    heads.push(sim.state.pushToPullRequest("octocat/app", 1, { "src/f1.ts": "export const v = 3;\n" }));
    for (const head of heads) {
      await sim.deliverWebhook(
        "octocat/app",
        "pull_request",
        pullRequestDelivery("synchronize", { repo: "octocat/app", number: 1, headSha: head }),
      );
    }
    await until(
      () => eventStatuses().queued === undefined && eventStatuses().running === undefined && summaries(1).length === 1,
      "the review",
    );
    // The fourth delivery is the ping that `nectr connect` asked for.
    expect(eventStatuses()).toEqual({ done: 1, superseded: 2, ignored: 1 });
    const reviews = sim.state.repo("octocat/app").reviews;
    expect(summaries(1)[0]?.body).toContain(`head ${heads[2]?.slice(0, 7)}`);
    expect(reviews.every((review) => review.commitId === heads[2])).toBe(true);
  });

  it("on SIGTERM, finishes the review it is running before it exits", async () => {
    llm.latencyMs = 1500;
    daemon = await serveAndConnect();
    await openAndDeliver(1);
    await until(() => llm.chatsFor("review").length === 1, "the review to start");
    expect(await daemon.stop()).toBe(0);
    daemon = undefined;
    expect(summaries(1)).toHaveLength(1);
    expect(eventStatuses()).toMatchObject({ done: 1 });
  });

  it("finishes every accepted delivery after being killed during a burst of 200, posting each summary once", async () => {
    llm.latencyMs = 300;
    daemon = await serveAndConnect(["--concurrency", "2"]);
    const pulls = [1, 2, 3, 4].map((number) => ({ number, heads: [openPull(number)] }));
    for (const pull of pulls) {
      for (let push = 1; push < 50; push += 1)
        pull.heads.push(
          sim.state.pushToPullRequest("octocat/app", pull.number, {
            [`src/f${pull.number}.ts`]: `export const v = ${push};\n`,
          }),
        );
    }
    const deliveries = pulls.flatMap((pull) => pull.heads.map((headSha) => ({ number: pull.number, headSha })));
    let accepted = 0;
    let refused = 0;
    const send = async ({ number, headSha }: { number: number; headSha: string }) => {
      const [result] = await sim.deliverWebhook(
        "octocat/app",
        "pull_request",
        pullRequestDelivery("synchronize", { repo: "octocat/app", number, headSha }),
      );
      if (result && result.statusCode >= 200 && result.statusCode < 300) accepted += 1;
      else refused += 1;
    };
    for (let index = 0; index < deliveries.length; index += 10) {
      await Promise.all(deliveries.slice(index, index + 10).map(send));
      if (index === 100) await daemon.kill();
    }
    expect(accepted + refused).toBe(200);
    expect(accepted).toBeGreaterThanOrEqual(100);

    // Deliveries refused while nectr was down are GitHub's to redeliver; the last push of each PR is sent again,
    // to the same port the hook points at.
    daemon = await startDaemonProcess({
      home,
      env: env(),
      args: ["--concurrency", "2", "--port", new URL(daemon.url).port],
    });
    for (const pull of pulls) await send({ number: pull.number, headSha: pull.heads.at(-1) ?? "" });
    await until(
      () => {
        const statuses = eventStatuses();
        return statuses.queued === undefined && statuses.running === undefined;
      },
      "the queue to drain",
      120_000,
    );
    const statuses = eventStatuses();
    expect(Object.keys(statuses).sort()).toEqual(expect.arrayContaining(["done"]));
    expect(
      Object.keys(statuses).filter((status) => !["done", "superseded", "duplicate", "ignored"].includes(status)),
    ).toEqual([]);
    for (const pull of pulls) {
      expect(summaries(pull.number), `PR #${pull.number}`).toHaveLength(1);
      expect(summaries(pull.number)[0]?.body).toContain(`head ${pull.heads.at(-1)?.slice(0, 7)}`);
    }
  });
});
