import { execFileSync } from "node:child_process";
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { startDaemonWorld } from "../harness/daemon-world.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";
import { removeTempDirs, tempDir } from "../harness/run-nectr.js";

// A real full disk: the daemon's home on a 4 MB tmpfs, filled to the last byte. Mounting needs
// root, which CI has (.ci/run runs as root); elsewhere the test skips itself, and says so.

const mountPoint = tempDir("nectr-tmpfs-");
const mounted = tryMount(mountPoint);
afterAll(() => {
  if (mounted) execFileSync("umount", [mountPoint]);
  removeTempDirs();
});

function tryMount(dir: string): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI) throw new Error(`CI is set, but a tmpfs cannot be mounted on ${dir} (this needs root)`);
    console.log("disk-full test skipped: mounting a tmpfs needs root (CI runs it)");
    return false;
  }
}

/** Writes until the file system is full; the filler's path, to free the space again. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, "filler");
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    for (let size = 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) writeSync(fd, chunk.subarray(0, size));
      } catch {
        // full at this size too: try a smaller one
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe.skipIf(!mounted)("nectr serve on a full disk", () => {
  it("answers 503 at once and stays up while the disk is full, and reviews again once there is room", async () => {
    const world = await startDaemonWorld({ home: path.join(mountPoint, "home") });
    try {
      const filler = fillDisk(mountPoint);
      for (let index = 0; index < 3; index += 1) {
        const started = Date.now();
        const pull = world.sim.state.openPullRequest({
          repo: "octocat/app",
          author: "octocat",
          title: `While full ${index}`,
          changes: { [`src/full${index}.ts`]: "export const a = 1;\n" },
        });
        // A 1 MB description: more than the space the WAL already has, which SQLite reuses, so
        // storing it needs room the disk does not have.
        const delivery = pullRequestDelivery("opened", {
          repo: "octocat/app",
          number: pull.number,
          headSha: pull.headSha,
        });
        (delivery.pull_request as { body: string }).body = "a full disk ".repeat(90_000);
        const answers = await world.sim.deliverWebhook("octocat/app", "pull_request", delivery);
        expect(answers.map((answer) => answer.statusCode)).toEqual([503]);
        expect(Date.now() - started).toBeLessThan(5000);
      }
      expect((await fetch(`${world.daemon.url}/healthz`)).status).toBeLessThan(600);

      rmSync(filler);
      const { pull, answers } = await world.openPull({
        repo: "octocat/app",
        author: "octocat",
        title: "With room again",
        changes: { "src/room.ts": "export const room = true;\n" },
      });
      expect(answers.map((answer) => answer.statusCode)).toEqual([202]);
      await world.summaryOf("octocat/app", pull.number);
      const db = openDatabase(path.join(world.home, "nectr.db"));
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
    } finally {
      await world.close();
    }
  }, 90_000);
});
