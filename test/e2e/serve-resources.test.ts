import { readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonWorld, type DaemonWorld } from "../harness/daemon-world.js";
import { removeTempDirs } from "../harness/run-nectr.js";

// What a client that signs nothing can make the daemon hold: nothing of its body.

let world: DaemonWorld;
beforeEach(async () => {
  world = await startDaemonWorld();
});
afterEach(() => world.close());
afterAll(removeTempDirs);

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

/** POSTs `bytes` of body in 1 MB writes with no signature; the status, or 0 for a dropped connection. */
function unsignedUpload(url: string, bytes: number): Promise<number> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const chunk = Buffer.alloc(1024 * 1024, 0x7b);
    const upload = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(bytes),
          "x-github-event": "pull_request",
          "x-github-delivery": `unsigned-${Math.random()}`,
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    upload.on("error", () => resolve(0));
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!upload.write(sent <= bytes ? chunk : chunk.subarray(0, bytes - (sent - chunk.length)))) {
          upload.once("drain", write);
          return;
        }
      }
      upload.end();
    };
    write();
  });
}

describe.runIf(process.platform === "linux")("nectr serve: unauthenticated clients", () => {
  it("holds none of 32 unsigned 24 MB uploads sent at once: all 401, memory flat", async () => {
    const { pid, webhookUrl } = world.daemon;
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
    const statuses = await Promise.all(Array.from({ length: 32 }, () => unsignedUpload(webhookUrl, 24 * 1024 * 1024)));
    clearInterval(sampler);
    console.log(`32 unsigned 24 MB uploads: daemon RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at most`);
    expect(statuses.every((status) => status === 401 || status === 413)).toBe(true);
    expect(peak - before).toBeLessThan(150);
    expect((await fetch(`${world.daemon.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
