import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { githubHeaders, startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import type { SimApp, SimInstallation } from "../harness/github-sim/model.js";
import type { GitHubSimulator } from "../harness/github-sim/server.js";
import { removeTempDirs, runNectr } from "../harness/run-nectr.js";
import { waitUntil } from "../harness/wait-until.js";
import { pullCommentDelivery, pullRequestDelivery, webhookExample } from "../harness/webhook-examples.js";
import { AWS_KEY, startReviewWorld } from "./review-world.js";

const APP_SECRET = "app-webhook-secret-for-tests";
let sim: GitHubSimulator;
let home: string;
let app: SimApp;
let installation: SimInstallation;
let daemon: DaemonProcess | undefined;

beforeEach(async () => {
  ({ sim, home } = await startReviewWorld());
  app = sim.state.apps.add({ slug: "nectr-test", owner: "octocat", webhookSecret: APP_SECRET });
  installation = sim.state.apps.install(app, "octocat", ["octocat/app"]);
  const keyFile = path.join(home, "app.pem");
  writeFileSync(keyFile, app.privateKeyPem);
  const env = { NECTR_GITHUB_API_URL: sim.url };
  const used = await runNectr(
    ["app", "use", "--app-id", String(app.id), "--private-key", keyFile, "--webhook-secret", APP_SECRET],
    { home, env },
  );
  expect(used.code).toBe(0);
  daemon = await startDaemonProcess({ home, env });
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await sim.close();
});
afterAll(removeTempDirs);

/** A delivery of the app's own webhook, as GitHub sends it: marked as the app's, naming the installation. */
function appDelivery(payload: object, secret = APP_SECRET, event = "pull_request"): Promise<Response> {
  const body = JSON.stringify({ ...payload, installation: { id: installation.id, node_id: "MDIz" } });
  return fetch(daemon!.webhookUrl, {
    method: "POST",
    headers: githubHeaders(event, body, secret, {
      "x-github-hook-installation-target-type": "integration",
      "x-github-hook-installation-target-id": String(app.id),
    }),
    body,
  });
}

const summaries = () => sim.state.repo("octocat/app").issueComments.filter((comment) => comment.issueNumber === 1);
const writes = () => sim.requests.filter((request) => request.method !== "GET" && request.path !== "/graphql");

describe("nectr serve as a GitHub App", () => {
  it("reviews an app delivery as <slug>[bot] with installation tokens, one mint for two reviews", async () => {
    const pull = sim.state.repo("octocat/app").pulls.get(1)!;
    const opened = await appDelivery(
      pullRequestDelivery("opened", { repo: "octocat/app", number: 1, headSha: pull.headSha }),
    );
    expect(opened.status).toBe(202);
    const context = { context: () => daemon?.logs() ?? "", timeoutMs: 60_000 };
    await waitUntil(() => summaries().length === 1, { what: "the summary", ...context });
    const repo = sim.state.repo("octocat/app");
    expect(repo.reviews.map((review) => review.author)).toEqual(["nectr-test[bot]"]);
    expect(summaries().map((comment) => comment.author)).toEqual(["nectr-test[bot]"]);

    const head = sim.state.pushToPullRequest("octocat/app", 1, { "src/more.ts": "export const more = 1;\n" });
    await appDelivery(pullRequestDelivery("synchronize", { repo: "octocat/app", number: 1, headSha: head }));
    // The second review edits the summary in place.
    await waitUntil(() => sim.count("PATCH", /\/issues\/comments\/\d+$/) === 1, {
      what: "the second review",
      ...context,
    });
    expect(sim.state.apps.minted).toHaveLength(1);
    // Every write to the repository with the installation's token; the app's JWT only asks for that token.
    const repoWrites = writes().filter((request) => request.path.startsWith("/repos/"));
    expect(new Set(repoWrites.map((request) => String(request.headers.authorization).slice(0, 10)))).toEqual(
      new Set(["token ghs_"]),
    );
    expect(
      writes()
        .filter((request) => !request.path.startsWith("/repos/"))
        .map((request) => request.path),
    ).toEqual([`/app/installations/${installation.id}/access_tokens`]);
    expect(daemon!.logs()).not.toContain("PRIVATE KEY");
    // Nor any file the daemon and the CLI wrote (the database and its WAL included): only the key file the test made.
    const keyLine = app.privateKeyPem.split("\n")[1]!;
    const files = readdirSync(home, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    const holding = files
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => readFileSync(file, "latin1").includes(keyLine));
    expect(holding).toEqual([path.join(home, "app.pem")]);
    expect(JSON.stringify(sim.requests.map((request) => request.body))).not.toContain(AWS_KEY);
  });

  it("works against a GitHub Enterprise Server's API base URL: tokens minted and the review posted through /api/v3", async () => {
    await daemon!.stop();
    daemon = await startDaemonProcess({ home, env: { NECTR_GITHUB_API_URL: sim.ghesApiUrl } });
    const before = sim.requests.length;
    const pull = sim.state.repo("octocat/app").pulls.get(1)!;
    await appDelivery(pullRequestDelivery("opened", { repo: "octocat/app", number: 1, headSha: pull.headSha }));
    await waitUntil(() => summaries().length === 1, {
      what: "the summary",
      context: () => daemon?.logs() ?? "",
      timeoutMs: 60_000,
    });
    expect(summaries()[0]?.author).toBe("nectr-test[bot]");
    const paths = sim.requests.slice(before).map((request) => request.rawPath);
    expect(paths).toContain(`/api/v3/app/installations/${installation.id}/access_tokens`);
    // GraphQL is at /api/graphql on an Enterprise Server, beside REST's /api/v3.
    expect(new Set(paths.filter((path) => !path.startsWith("/api/v3/")))).toEqual(new Set(["/api/graphql"]));
  });

  it("takes @nectr review from a human who may write, never from a bot's comment, its own summary included", async () => {
    const context = { context: () => daemon?.logs() ?? "", timeoutMs: 60_000 };
    const comment = (author: string, type: string, body: string) => {
      const payload = pullCommentDelivery({ repo: "octocat/app", number: 1, author, body });
      const user = (payload.comment as { user: Record<string, unknown> }).user;
      user.type = type;
      return appDelivery(payload, APP_SECRET, "issue_comment");
    };
    const answers = [
      await comment("nectr-test[bot]", "Bot", "@nectr review\n<!-- nectr:summary -->"),
      await comment("other-app[bot]", "Bot", "@nectr review"),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as { status: string }[];
    const queued = bodies.filter((body) => body.status === "queued").length;
    const skipped = () => daemon!.logs().match(/"outcome":"skipped"/g)?.length ?? 0;
    await waitUntil(() => skipped() === queued, { what: "the bot comments' jobs skipped", ...context });
    expect(writes()).toEqual([]);

    expect((await comment("octocat", "User", "@nectr review")).status).toBe(202);
    await waitUntil(() => summaries().length === 1, { what: "the review", ...context });
    expect(summaries()[0]?.author).toBe("nectr-test[bot]");
  });

  it("a delivery naming an installation the app does not have: no review, no retries, the daemon carries on", async () => {
    const pull = sim.state.repo("octocat/app").pulls.get(1)!;
    sim.state.apps.installations.delete(installation.id);
    const answer = await appDelivery(
      pullRequestDelivery("opened", { repo: "octocat/app", number: 1, headSha: pull.headSha }),
    );
    expect(answer.status).toBe(202);
    const context = { context: () => daemon?.logs() ?? "", timeoutMs: 30_000 };
    await waitUntil(() => daemon!.logs().includes('"outcome":"failed"'), { what: "the job to fail", ...context });
    const events = await runNectr(["events", "--json"], { home, env: { NECTR_GITHUB_API_URL: sim.url } });
    expect(JSON.parse(events.stdout)[0]).toMatchObject({
      status: "failed",
      attempts: 1,
      error: expect.stringContaining(`installation ${installation.id} is not one of this app's`),
    });
    expect(writes().filter((request) => request.path.startsWith("/repos/"))).toEqual([]);
    expect((await fetch(`${daemon!.url}/healthz`)).status).toBe(200);
  });

  it("tracks the app's installation events: a removed repository's PRs and an uninstalled app's are not reviewed", async () => {
    const nectr = (args: string[]) => runNectr(args, { home, env: { NECTR_GITHUB_API_URL: sim.url } });
    const pull = sim.state.repo("octocat/app").pulls.get(1)!;
    const prDelivery = (action: string) =>
      appDelivery(pullRequestDelivery(action, { repo: "octocat/app", number: 1, headSha: pull.headSha }));
    const reposEvent = (action: "added" | "removed") =>
      appDelivery(
        {
          ...webhookExample("installation_repositories", action),
          [`repositories_${action}`]: [{ full_name: "octocat/app" }],
        },
        APP_SECRET,
        "installation_repositories",
      );

    // GitHub changes the installation, then tells the app's webhook.
    installation.repositories = [];
    const removed = await reposEvent("removed");
    expect([removed.status, await removed.json()]).toEqual([202, expect.objectContaining({ status: "recorded" })]);
    expect(await (await prDelivery("opened")).json()).toMatchObject({ status: "ignored" });
    const [latest] = JSON.parse((await nectr(["events", "--json"])).stdout);
    expect(latest).toMatchObject({
      status: "ignored",
      error: `octocat/app was removed from the app's installation ${installation.id}`,
    });
    expect(JSON.parse((await nectr(["app", "status", "--json"])).stdout).installations).toEqual([
      expect.objectContaining({ id: installation.id, repositories: [] }),
    ]);
    // app status minted a token to list the repositories; nothing was written to one.
    expect(writes().filter((request) => request.path.startsWith("/repos/"))).toEqual([]);

    installation.repositories = ["octocat/app"];
    expect((await reposEvent("added")).status).toBe(202);
    expect(await (await prDelivery("reopened")).json()).toMatchObject({ status: "queued" });
    const context = { context: () => daemon?.logs() ?? "", timeoutMs: 60_000 };
    await waitUntil(() => summaries().length === 1, { what: "the review once the repository is back", ...context });

    sim.state.apps.installations.delete(installation.id);
    const deleted = await appDelivery(webhookExample("installation", "deleted"), APP_SECRET, "installation");
    expect(await deleted.json()).toMatchObject({ status: "recorded" });
    const head = sim.state.pushToPullRequest("octocat/app", 1, { "src/more.ts": "export const more = 1;\n" });
    const pushed = await appDelivery(
      pullRequestDelivery("synchronize", { repo: "octocat/app", number: 1, headSha: head }),
    );
    expect(await pushed.json()).toMatchObject({ status: "ignored" });
    expect(JSON.parse((await nectr(["app", "status", "--json"])).stdout).installations).toEqual([]);
    expect(JSON.parse((await nectr(["events", "--json"])).stdout)[0].error).toMatch(/^the app was uninstalled/);
  });

  it("refuses a delivery signed with another secret (401), and nothing is reviewed", async () => {
    const pull = sim.state.repo("octocat/app").pulls.get(1)!;
    const forged = await appDelivery(
      pullRequestDelivery("opened", { repo: "octocat/app", number: 1, headSha: pull.headSha }),
      "not-the-app-secret",
    );
    expect(forged.status).toBe(401);
    expect(writes()).toEqual([]);
    expect(sim.state.apps.minted).toEqual([]);
  });
});
