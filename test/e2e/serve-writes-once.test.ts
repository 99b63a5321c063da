import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonProcess } from "../harness/daemon-process.js";
import { startDaemonWorld, type DaemonWorld } from "../harness/daemon-world.js";
import { removeTempDirs } from "../harness/run-nectr.js";

// A daemon killed at any moment answers each command once: the answer it posted before it died
// is found again, not posted twice.

let world: DaemonWorld;
beforeEach(async () => {
  world = await startDaemonWorld({ collaborators: { monalisa: "write" } });
});
afterEach(() => world.close());
afterAll(removeTempDirs);

describe("nectr serve: writes that happen once", () => {
  it("answers an @nectr ask once though killed with -9 after GitHub took the answer, before the job was done", async () => {
    const { sim } = world;
    const pull = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "monalisa",
      title: "Paging",
      changes: { "src/page.ts": "export const limit = 10;\n" },
    });
    const comments = () => sim.state.repo("octocat/app").issueComments;
    // GitHub stores the answer at once, and its answer to nectr never arrives in time.
    sim.faults.add({
      method: "POST",
      path: `/repos/octocat/app/issues/${pull.number}/comments`,
      answerDelayMs: 60_000,
    });
    await world.comment(pull.number, "monalisa", "@nectr ask why ten?");
    await world.until(() => comments().length === 1, "the answer to reach GitHub");
    await world.daemon.kill();
    sim.faults.clear();

    const restarted = await startDaemonProcess({ home: world.home, env: world.env, args: [] });
    world.daemon = restarted;
    await world.until(() => world.settled(), "the requeued job to end");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(comments()).toHaveLength(1);
    expect(world.llm.chatsFor("answer").length).toBe(1);
  }, 90_000);
});
