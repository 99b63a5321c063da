import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake, type LlmReply, type RecordedChat } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";

// GitHub and the LLM misbehaving in every way the issue lists, against one real daemon: each
// review ends posted (or failed with its reason stored), none twice, and the daemon stays up.
const TOKEN = "gho_fault_suite_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;
let daemon: DaemonProcess;

const schemaOf = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).match(/"name":"(\w+)"/)?.[1];
const review = (findings: object[]) => ({
  json: { summary: "Reviewed.", keyChanges: [], verdict: "comment", findings },
});
const finding = (quote: string) => ({
  path: "src/code.ts",
  quote,
  severity: "warning",
  title: "A problem",
  body: "Why.",
  suggestion: null,
});

/** What the model does, chosen by a tag in the PR's title. */
function modelFor(chat: RecordedChat): LlmReply {
  if (schemaOf(chat) !== "review") return { json: { learnings: [] } };
  const prompt = chat.messages.at(-1)?.content ?? "";
  if (prompt.includes("Title: [llm-timeout]")) return { delayMs: 3000, ...review([]) };
  if (prompt.includes("Title: [llm-garbage]")) return { content: "Sure! Looks great to me." };
  if (prompt.includes("Title: [llm-offdiff]"))
    return review([finding("this line is not in the diff at all"), finding("export const value = 1;")]);
  if (prompt.includes("Title: [llm-flood]"))
    return review(Array.from({ length: 10_000 }, () => finding("export const value = 1;")));
  return review([finding("export const value = 1;")]);
}

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  llm = await LlmFake.start();
  llm.fallback = modelFor;
  home = tempDir();
  writeFileSync(
    path.join(home, "config.json"),
    JSON.stringify({ jobRetrySeconds: 1, githubRetryBaseMs: 10, githubTimeoutSeconds: 2, llmTimeoutSeconds: 1 }),
  );
  const env = { NECTR_GITHUB_API_URL: sim.url, OPENAI_BASE_URL: llm.url };
  daemon = await startDaemonProcess({ home, env, args: ["--concurrency", "2"] });
  expect(
    (await runNectr(["connect", "octocat/app", "--url", daemon.url], { home, env: { ...env, GH_TOKEN: TOKEN } })).code,
  ).toBe(0);
});
afterEach(async () => {
  await daemon.stop();
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

function events(): { pr: number | null; status: string; error: string | null; attempts: number }[] {
  const db = openDatabase(path.join(home, "nectr.db"));
  const rows = db
    .prepare<[], { pr: number | null; status: string; error: string | null; attempts: number }>(
      "SELECT pr_number AS pr, status, error, attempts FROM events WHERE event = 'pull_request'",
    )
    .all();
  db.close();
  return rows;
}

async function settled(count: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (events().filter((event) => ["done", "failed"].includes(event.status)).length < count) {
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(events())}\n${daemon.logs().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function openAndDeliver(title: string): Promise<number> {
  const pull = sim.state.openPullRequest({
    repo: "octocat/app",
    author: "octocat",
    title,
    changes: { "src/code.ts": "export const value = 1;\nexport const other = 2;\n" },
  });
  const [delivery] = await sim.deliverWebhook(
    "octocat/app",
    "pull_request",
    pullRequestDelivery("opened", { repo: "octocat/app", number: pull.number, headSha: pull.headSha }),
  );
  expect(delivery?.statusCode).toBe(202);
  return pull.number;
}

const summariesOf = (number: number) =>
  sim.state.repo("octocat/app").issueComments.filter((comment) => comment.issueNumber === number);

describe("fault suite", () => {
  it(
    "survives 5xx on 20% of GitHub calls, secondary and primary rate limits, slow answers, and every LLM fault",
    { timeout: 180_000 },
    async () => {
      sim.faults.serverError({ rate: 0.2, status: 502 });
      sim.faults.secondaryRateLimit({ path: /\/pulls\/\d+$/, times: 2, retryAfterSeconds: 1 });
      sim.faults.add({ path: /\/pulls\/\d+\/files$/, delayMs: 3000, times: 1 });
      const healthy = [];
      for (let index = 0; index < 5; index += 1) healthy.push(await openAndDeliver(`Healthy ${index}`));
      const llmFaults = [
        await openAndDeliver("[llm-timeout]"),
        await openAndDeliver("[llm-garbage]"),
        await openAndDeliver("[llm-offdiff]"),
        await openAndDeliver("[llm-flood]"),
      ];
      await settled(9);
      sim.faults.clear();

      sim.rateLimits.set(0, { token: TOKEN, resetInSeconds: 3600 });
      const starved = await openAndDeliver("Rate limited");
      await settled(10);
      sim.rateLimits.set(5000, { token: TOKEN });

      const all = events();
      const byPr = (number: number) => all.find((event) => event.pr === number);
      for (const number of [...healthy, ...llmFaults]) {
        expect(byPr(number)?.status, `PR #${number}: ${byPr(number)?.error}`).toBe("done");
        expect(summariesOf(number)).toHaveLength(1);
      }
      expect(byPr(starved)).toMatchObject({
        status: "failed",
        attempts: 3,
        error: expect.stringContaining("rate limit"),
      });
      expect(summariesOf(starved)).toEqual([]);
      expect(summariesOf(llmFaults[0] ?? 0)[0]?.body).toContain("The LLM review failed");
      expect(summariesOf(llmFaults[1] ?? 0)[0]?.body).toContain("The LLM review failed");
      // A quote found in no file is the model's invention: counted, not posted.
      expect(summariesOf(llmFaults[2] ?? 0)[0]?.body, summariesOf(llmFaults[2] ?? 0)[0]?.body).toContain(
        "Note: 1 finding quoted code that is in none of the changed files, and was left out.",
      );
      expect(summariesOf(llmFaults[3] ?? 0)[0]?.body, summariesOf(llmFaults[3] ?? 0)[0]?.body).toContain(
        "Note: 9950 findings beyond 50 per call were left out",
      );
      const rejected = sim.requests.filter((request) => request.status === 422);
      expect(rejected).toEqual([]);
      expect((await fetch(`${daemon.url}/healthz`)).status).toBe(200);
      const reviews = sim.state.repo("octocat/app").reviews.length;
      const faults = sim.requests.filter((request) => request.status >= 500 || request.status === 403).length;
      console.log(
        `fault suite: ${sim.requests.length} GitHub requests (${faults} answered with a fault), ${all.length} deliveries, ${reviews} reviews posted, ${all.filter((event) => event.status === "failed").length} failed with a stored reason, duplicates 0`,
      );
    },
  );
});
