import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake, type RecordedChat } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { pullCommentDelivery, pullRequestDelivery } from "../harness/webhook-examples.js";
import { waitUntil } from "../harness/wait-until.js";

// The signature covers the body, not the delivery id: a captured body sent again under a new id
// is still signed. None of it may run a command or a review twice.

const TOKEN = "gho_replay_owner_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;
let daemon: DaemonProcess;

const schemaOf = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).match(/"name":"(\w+)"/)?.[1];

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addUser("monalisa");
  sim.state.addRepo({ owner: "octocat", name: "app", collaborators: { monalisa: "write" } });
  llm = await LlmFake.start();
  llm.fallback = (chat) => {
    const schema = schemaOf(chat);
    if (schema === "answer") return { json: { answer: "Because the API pages by ten." } };
    if (schema === "learnings") return { json: { learnings: [] } };
    return { json: { summary: "Fine.", keyChanges: [], verdict: "comment", findings: [] } };
  };
  home = tempDir();
  const env = { NECTR_GITHUB_API_URL: sim.url, OPENAI_BASE_URL: llm.url };
  daemon = await startDaemonProcess({ home, env });
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

function statuses(): string[] {
  const db = openDatabase(path.join(home, "nectr.db"));
  const rows = db.prepare<[], { status: string }>("SELECT status FROM events ORDER BY id").all();
  db.close();
  return rows.map((row) => row.status);
}
const settled = () => !statuses().some((status) => status === "queued" || status === "running");
const until = (condition: () => boolean, what: string) => waitUntil(condition, { what, context: () => daemon.logs() });
const writes = () => sim.requests.filter((request) => request.method !== "GET" && request.path !== "/graphql").length;

describe("nectr serve: replayed deliveries", () => {
  it("answers one @nectr ask body delivered three times under new delivery ids once", async () => {
    const pull = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "monalisa",
      title: "Paging",
      changes: { "src/page.ts": "export const limit = 10;\n" },
    });
    const ask = pullCommentDelivery({
      repo: "octocat/app",
      number: pull.number,
      author: "monalisa",
      body: "@nectr ask why ten?",
    });
    const answers = [];
    for (let time = 0; time < 3; time += 1)
      answers.push(...(await sim.deliverWebhook("octocat/app", "issue_comment", ask)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 200, 200]);
    await until(() => settled() && sim.state.repo("octocat/app").issueComments.length === 1, "the answer");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sim.state.repo("octocat/app").issueComments).toHaveLength(1);
    expect(llm.chatsFor("answer")).toHaveLength(1);
  });

  it("writes nothing for a synchronize replayed after its review, nor for @nectr review on a head already reviewed", async () => {
    const pull = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "monalisa",
      title: "Paging",
      changes: { "src/page.ts": "export const limit = 10;\n" },
    });
    const head = sim.state.pushToPullRequest("octocat/app", pull.number, {
      "src/page.ts": "export const limit = 20;\n",
    });
    const push = pullRequestDelivery("synchronize", { repo: "octocat/app", number: pull.number, headSha: head });
    await sim.deliverWebhook("octocat/app", "pull_request", push);
    await until(() => settled() && sim.state.repo("octocat/app").issueComments.length === 1, "the review");
    const reviewed = { writes: writes(), chats: llm.chats.length };

    const [replayed] = await sim.deliverWebhook("octocat/app", "pull_request", push);
    expect(replayed?.statusCode).toBe(200);
    expect(JSON.parse(replayed?.responseBody ?? "{}")).toEqual({ status: "duplicate" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect({ writes: writes(), chats: llm.chats.length }).toEqual(reviewed);

    await sim.deliverWebhook(
      "octocat/app",
      "issue_comment",
      pullCommentDelivery({ repo: "octocat/app", number: pull.number, author: "monalisa", body: "@nectr review" }),
    );
    await until(() => settled() && sim.state.repo("octocat/app").issueComments.length === 2, "the reply");
    expect(sim.state.repo("octocat/app").issueComments[1]?.body).toContain(
      `nectr's review of ${head.slice(0, 7)} is current`,
    );
    expect(llm.chats.length).toBe(reviewed.chats);

    // A rule the team adds changes what a review says: now @nectr review reviews again.
    expect((await runNectr(["memory", "add", "octocat/app", "Limits", "come", "from", "config"], { home })).code).toBe(
      0,
    );
    await sim.deliverWebhook(
      "octocat/app",
      "issue_comment",
      pullCommentDelivery({ repo: "octocat/app", number: pull.number, author: "monalisa", body: "@nectr review" }),
    );
    await until(() => settled() && llm.chatsFor("review").length === 2, "the second review");
    expect(JSON.stringify(llm.chatsFor("review")[1]?.messages)).toContain("Limits come from config");
  });
});
