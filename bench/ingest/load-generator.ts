// The load generator, a process of its own (pinned to its own core by the bench):
//   closed: `connections` clients each send the next delivery as soon as the last is answered;
//   steady: deliveries sent on a fixed schedule, `rate` a second, however the server keeps up.
// Latency is measured from when a request was due, not when it went out, so a server that stalls
// is charged for every request the stall delayed (no coordinated omission). Prints one JSON line.
// Run by daemon-ingest.bench.ts: node bench/ingest/load-generator.ts '<LoadPlan as JSON>'
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { openHttp1Connection, type Http1Connection } from "./http1-connection.js";
import type { SignedDelivery } from "./signed-deliveries.js";

export interface LoadPlan {
  url: string;
  mode: "closed" | "steady";
  seconds: number;
  connections: number;
  /** Deliveries a second, for `steady`. */
  rate?: number;
  /** A JSON file of the signed deliveries to send, in turn. */
  deliveriesFile: string;
  /** Seconds sent first and not measured: connections open, both sides' code is compiled. */
  warmUpSeconds?: number;
  /** Where to write the delivery ids the server acknowledged (2xx), one a line. */
  ackedFile?: string;
}

export interface LoadResult {
  sent: number;
  acknowledged: number;
  refused: number;
  /** Requests that got no answer (connection refused or reset). */
  failed: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const plan = JSON.parse(process.argv[2] ?? "{}") as LoadPlan;
const deliveries = (JSON.parse(readFileSync(plan.deliveriesFile, "utf8")) as SignedDelivery[]).map(
  ({ body, signature }) => ({ body: Buffer.from(body), signature }),
);
const target = new URL(plan.url);
const connections = await Promise.all(
  Array.from({ length: plan.connections }, () => openHttp1Connection(Number(target.port))),
);
const latencies: number[] = [];
let acknowledged = 0;
const acked: string[] = [];
let next = 0;
let sent = 0;
let refused = 0;
let failed = 0;
let stopped = false;
let measuring = false;

async function send(connection: Http1Connection, due: number): Promise<void> {
  const delivery = deliveries[next++ % deliveries.length]!;
  const id = randomUUID();
  if (measuring) sent += 1;
  const head =
    `POST ${target.pathname} HTTP/1.1\r\nhost: ${target.host}\r\ncontent-type: application/json\r\n` +
    `x-github-event: pull_request\r\nx-github-delivery: ${id}\r\nx-hub-signature-256: ${delivery.signature}\r\n` +
    `content-length: ${delivery.body.length}\r\n\r\n`;
  try {
    const status = await connection.send(head, delivery.body);
    const ok = status >= 200 && status < 300;
    // Acknowledged ids are kept from the warm-up too: all of them must be stored.
    if (ok) acked.push(id);
    if (!measuring) return;
    latencies.push(performance.now() - due);
    if (ok) acknowledged += 1;
    else refused += 1;
  } catch {
    failed += 1;
    stopped = true;
  }
}

async function closedLoop(connection: Http1Connection, end: number): Promise<void> {
  while (!stopped && performance.now() < end) await send(connection, performance.now());
}

async function steadySchedule(end: number, rate: number): Promise<void> {
  const started = performance.now();
  const idle = [...connections];
  // Requests due while every connection is busy wait here, charged from when they were due.
  const late: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const sendOn = (connection: Http1Connection, due: number) => {
    const request = send(connection, due).finally(() => {
      inFlight.delete(request);
      const waitingSince = late.shift();
      if (waitingSince === undefined) idle.push(connection);
      else sendOn(connection, waitingSince);
    });
    inFlight.add(request);
  };
  for (let index = 0; !stopped;) {
    const now = performance.now();
    // Everything due by now goes out at once; a late timer delays none of it unseen.
    for (let due = started + (index * 1000) / rate; due <= now && due < end; due = started + (index * 1000) / rate) {
      // The longest idle first: every connection stays in use, none left to the server's idle timeout.
      const connection = idle.shift();
      if (connection) sendOn(connection, due);
      else late.push(due);
      index += 1;
    }
    if (started + (index * 1000) / rate >= end) break;
    await sleep(1);
  }
  while (inFlight.size > 0) await Promise.all(inFlight);
}

async function run(seconds: number): Promise<void> {
  const end = performance.now() + seconds * 1000;
  if (plan.mode === "steady") await steadySchedule(end, plan.rate ?? 1000);
  else await Promise.all(connections.map((connection) => closedLoop(connection, end)));
}

if (plan.warmUpSeconds) await run(plan.warmUpSeconds);
measuring = true;
const started = performance.now();
await run(plan.seconds);
const seconds = (performance.now() - started) / 1000;
for (const connection of connections) connection.close();
if (plan.ackedFile) writeFileSync(plan.ackedFile, acked.join("\n"));

latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const result: LoadResult = {
  sent,
  acknowledged,
  refused,
  failed,
  seconds,
  p50Ms: percentile(50),
  p99Ms: percentile(99),
  maxMs: latencies.at(-1) ?? 0,
};
console.log(JSON.stringify(result));
