// Webhook ingest throughput and ack latency: `nectr serve` against a bare node:http + HMAC +
// SQLite-insert server and a Probot 14 server doing the same, one after the other, same load.
// Run (after `npm run build`): node --import ./bench/resolve-ts-imports.ts bench/daemon-ingest.bench.ts
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { webhookExample } from "../test/harness/webhook-examples.js";
import { runHeader } from "./run-header.js";

const SECRET = "bench-secret";
const CONNECTIONS = 10;
const DURATION_SECONDS = 10;
const WEBHOOK_PATH = "/api/v1/webhooks/github";
const root = path.resolve(import.meta.dirname, "..");

// A `pull_request` delivery nectr records without queueing a review, so only ingest is measured.
const body = JSON.stringify(webhookExample("pull_request", "closed"));
const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

interface Result {
  name: string;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function start(
  name: string,
  command: string[],
  env: Record<string, string>,
  port: (line: string) => number | undefined,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const look = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        const found = port(line);
        if (found) resolve({ child, port: found });
      }
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

async function load(name: string, port: number): Promise<Result> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: [
      {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-github-event": "pull_request",
          "x-hub-signature-256": signature,
        },
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, "x-github-delivery": randomUUID() } }),
      },
    ],
  });
  return {
    name,
    requests: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

const portFromJson = (line: string) => {
  const match = /"port":(\d+)/.exec(line) ?? /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(line);
  return match?.[1] ? Number(match[1]) : undefined;
};

const servers: [string, string[], (home: string) => Record<string, string>][] = [
  [
    "nectr serve",
    ["bin/nectr.js", "serve", "--port", "0"],
    (home) => ({ NECTR_HOME: home, NECTR_WEBHOOK_SECRET: SECRET, NECTR_GITHUB_API_URL: "http://127.0.0.1:9" }),
  ],
  ["node:http + HMAC + SQLite", ["bench/servers/bare-server.ts", "BARE_DB", SECRET], () => ({})],
  ["Probot 14 + SQLite", ["bench/servers/probot-server.ts", "BARE_DB", SECRET], () => ({})],
];

for (const line of runHeader()) console.log(line);
console.log(
  `load:    autocannon, ${CONNECTIONS} connections for ${DURATION_SECONDS} s per server, ${(Buffer.byteLength(body) / 1024).toFixed(1)} KB signed pull_request bodies, a fresh X-GitHub-Delivery each\n`,
);

const results: Result[] = [];
for (const [name, command, env] of servers) {
  const home = mkdtempSync(path.join(os.tmpdir(), "nectr-bench-"));
  const args = command.map((part) => (part === "BARE_DB" ? path.join(home, "events.db") : part));
  const server = await start(name, args, env(home), portFromJson);
  results.push(await load(name, server.port));
  server.child.kill("SIGTERM");
  rmSync(home, { recursive: true, force: true });
}

const bare = results.find((result) => result.name.startsWith("node:http"))?.requests ?? 1;
console.log("server                         req/s    p50 ms   p99 ms   non-2xx   vs bare");
for (const result of results) {
  console.log(
    `${result.name.padEnd(28)} ${result.requests.toFixed(0).padStart(7)} ${String(result.p50).padStart(8)} ${String(result.p99).padStart(8)} ${String(result.non2xx).padStart(9)}   ${(result.requests / bare).toFixed(2)}×`,
  );
}
