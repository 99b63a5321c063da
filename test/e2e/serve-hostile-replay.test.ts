import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonWorld, type DaemonWorld } from "../harness/daemon-world.js";
import { removeTempDirs, runNectr } from "../harness/run-nectr.js";
import { pullCommentDelivery, pullRequestDelivery } from "../harness/webhook-examples.js";

// The signature covers the body, not the delivery id: a captured body sent again under a new id
// is still signed. None of it may run a command or a review twice.

let world: DaemonWorld;
beforeEach(async () => {
  world = await startDaemonWorld({ collaborators: { monalisa: "write" } });
});
afterEach(() => world.close());
afterAll(removeTempDirs);

const comments = () => world.sim.state.repo("octocat/app").issueComments;
const writes = () =>
  world.sim.requests.filter((request) => request.method !== "GET" && request.path !== "/graphql").length;
const openPull = () =>
  world.sim.state.openPullRequest({
    repo: "octocat/app",
    author: "monalisa",
    title: "Paging",
    changes: { "src/page.ts": "export const limit = 10;\n" },
  });
const command = (number: number, body: string) => world.comment(number, "monalisa", body);

describe("nectr serve: replayed deliveries", () => {
  it("answers one @nectr ask body delivered three times under new delivery ids once", async () => {
    const pull = openPull();
    const ask = pullCommentDelivery({
      repo: "octocat/app",
      number: pull.number,
      author: "monalisa",
      body: "@nectr ask why ten?",
    });
    const answers = [];
    for (let time = 0; time < 3; time += 1)
      answers.push(...(await world.sim.deliverWebhook("octocat/app", "issue_comment", ask)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 200, 200]);
    await world.until(() => world.settled() && comments().length === 1, "the answer");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(comments()).toHaveLength(1);
    expect(world.llm.chatsFor("answer")).toHaveLength(1);
  });

  it("writes nothing for a synchronize replayed after its review, nor for @nectr review on a head already reviewed", async () => {
    const pull = openPull();
    const head = world.sim.state.pushToPullRequest("octocat/app", pull.number, {
      "src/page.ts": "export const limit = 20;\n",
    });
    const push = pullRequestDelivery("synchronize", { repo: "octocat/app", number: pull.number, headSha: head });
    await world.sim.deliverWebhook("octocat/app", "pull_request", push);
    await world.until(() => world.settled() && comments().length === 1, "the review");
    const reviewed = { writes: writes(), chats: world.llm.chats.length };

    const [replayed] = await world.sim.deliverWebhook("octocat/app", "pull_request", push);
    expect(replayed?.statusCode).toBe(200);
    expect(JSON.parse(replayed?.responseBody ?? "{}")).toEqual({ status: "duplicate" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect({ writes: writes(), chats: world.llm.chats.length }).toEqual(reviewed);

    await command(pull.number, "@nectr review");
    await world.until(() => world.settled() && comments().length === 2, "the reply");
    expect(comments()[1]?.body).toContain(`nectr's review of ${head.slice(0, 7)} is current`);
    expect(world.llm.chats.length).toBe(reviewed.chats);

    // A rule the team adds changes what a review says: now @nectr review reviews again.
    const rule = ["memory", "add", "octocat/app", "Limits", "come", "from", "config"];
    expect((await runNectr(rule, { home: world.home })).code).toBe(0);
    await command(pull.number, "@nectr review");
    await world.until(() => world.settled() && world.llm.chatsFor("review").length === 2, "the second review");
    expect(JSON.stringify(world.llm.chatsFor("review")[1]?.messages)).toContain("Limits come from config");
  });
});
