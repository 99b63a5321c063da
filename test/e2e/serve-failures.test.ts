import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonWorld, type DaemonWorld } from "../harness/daemon-world.js";
import { removeTempDirs } from "../harness/run-nectr.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";

// A job that cannot succeed fails at once with its reason, instead of being tried again.

let world: DaemonWorld;
beforeEach(async () => {
  world = await startDaemonWorld();
});
afterEach(() => world.close());
afterAll(removeTempDirs);

describe("nectr serve: jobs that cannot succeed", () => {
  it("fails a delivery for a PR that does not exist within seconds, after one look, with the reason stored", async () => {
    const started = Date.now();
    const [answer] = await world.sim.deliverWebhook(
      "octocat/app",
      "pull_request",
      pullRequestDelivery("opened", { repo: "octocat/app", number: 999, headSha: "f".repeat(40) }),
    );
    expect(answer?.statusCode).toBe(202);
    const failed = () =>
      world.rows<{ status: string; error: string | null }>(
        "SELECT status, error FROM events WHERE event = 'pull_request'",
      )[0];
    await world.until(() => failed()?.status === "failed", "the job to fail");
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(failed()?.error).toBe("no PR #999 in octocat/app (GitHub answers 404)");
    const looks = world.sim.requests.filter(
      (request) => request.method === "GET" && request.path.includes("/pulls/999"),
    );
    expect(looks.length).toBeLessThanOrEqual(2);
  });
});
