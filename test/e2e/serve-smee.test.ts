import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { SmeeChannel } from "../harness/smee-channel.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";
import { waitUntil } from "../harness/wait-until.js";

const TOKEN = "gho_smee_owner_token";
let sim: GitHubSimulator;
let channel: SmeeChannel;
let daemon: DaemonProcess;
let home: string;

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({ owner: "octocat", name: "app" });
  channel = await SmeeChannel.start();
  home = tempDir();
  daemon = await startDaemonProcess({ home, env: { NECTR_GITHUB_API_URL: sim.url }, args: ["--smee", channel.url] });
});
afterEach(async () => {
  await daemon.stop();
  await channel.close();
  await sim.close();
});
afterAll(removeTempDirs);

const until = (condition: () => boolean, what: string) => waitUntil(condition, { what, context: () => daemon.logs() });

describe("nectr serve --smee", () => {
  it("takes deliveries from the channel, verifies them, and reviews; it reopens a dropped or refused stream", async () => {
    const connect = await runNectr(["connect", "octocat/app", "--smee", channel.url], {
      home,
      env: { NECTR_GITHUB_API_URL: sim.url, GH_TOKEN: TOKEN },
    });
    expect(connect.stdout).toContain("✓ The smee channel answered GitHub's ping");
    const head = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "octocat",
      title: "Via smee",
      changes: { "src/a.ts": "debugger;\n" },
    }).headSha;
    await sim.deliverWebhook(
      "octocat/app",
      "pull_request",
      pullRequestDelivery("opened", { repo: "octocat/app", number: 1, headSha: head }),
    );
    await until(() => sim.state.repo("octocat/app").issueComments.length === 1, "the review via smee");
    expect(daemon.logs()).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/webhooks\/github - 202/);

    channel.refuseNext = 1;
    channel.dropStreams();
    await until(() => channel.listening === 1, "the bridge to reconnect");
    const next = sim.state.pushToPullRequest("octocat/app", 1, { "src/a.ts": "export {};\n" });
    await sim.deliverWebhook(
      "octocat/app",
      "pull_request",
      pullRequestDelivery("synchronize", { repo: "octocat/app", number: 1, headSha: next }),
    );
    await until(
      () => sim.state.repo("octocat/app").issueComments[0]?.body.includes(`head ${next.slice(0, 7)}`) === true,
      "the second review via smee",
    );
  });
});
