import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { version } from "../version.js";
import type { NectrStore } from "../store/nectr-store.js";
import type { NectrDatabase } from "../store/open-database.js";
import { startWalCheckpointer, type WalCheckpointer } from "../store/wal-checkpointer.js";
import { createWebhookHandler } from "./create-webhook-handler.js";
import { bodyBytesInFlight, MAX_BODY_BYTES } from "./read-body.js";
import { createMetrics } from "./metrics.js";
import { startIdleMemoryRelease } from "./idle-memory.js";
import { createJobRunner } from "./job-runner.js";
import type { ReviewJobContext } from "./review-job.js";
import { startSmeeBridge } from "./smee-bridge.js";
import { createAdminGuard } from "./status-page/admin-guard.js";
import type { HotspotsOf } from "./status-page/gather-status.js";
import { createStatusPageHandler } from "./status-page/serve-status-page.js";
import { startWorkerPool, type WorkerPool } from "./worker-pool.js";

export const WEBHOOK_PATH = "/api/v1/webhooks/github";
/** Four deliveries at GitHub's cap: what all clients together may make the daemon hold in bodies. */
const BODY_BYTES_IN_FLIGHT = 4 * MAX_BODY_BYTES;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Far more than GitHub opens; enough that a flood of idle sockets cannot take all file descriptors. */
const MAX_CONNECTIONS = 1024;

export interface DaemonOptions {
  store: NectrStore;
  /** The embedded database, whose WAL the daemon checkpoints off the request thread; none on PostgreSQL. */
  sqlite: NectrDatabase | undefined;
  secretKey: Buffer;
  host: string;
  port: number;
  concurrency: number;
  globalSecret: string | undefined;
  appWebhookSecret?: string;
  reviewDrafts: boolean;
  retrySeconds: number;
  /** A smee.io channel to forward deliveries from. */
  smee: string | undefined;
  /** Guards the status page and /metrics when `host` is beyond loopback (NECTR_ADMIN_TOKEN). */
  adminToken: string | undefined;
  /** Where GitHub and people reach the daemon: its host is one the status page answers to. */
  publicUrl: string | undefined;
  /** GitHub's web base URL, for the status page's links to pull requests. */
  githubUrl: string;
  /** The knowledge graph's hotspots of a repo, for the status page. */
  hotspots: HotspotsOf;
  /** NECTR_LLM_DAILY_TOKENS, for the status page. */
  llmDailyTokens: number;
  /** Days deliveries whose job is over are kept. */
  retentionDays: number;
  log: Logger;
  review: Omit<ReviewJobContext, "store" | "secretKey" | "onRateLimit" | "warn">;
}

export interface RunningDaemon {
  url: string;
  /** The status page's one-time sign-in link, when it is guarded; for the operator's eyes only. */
  loginUrl: string | undefined;
  /** Stops taking deliveries, lets running reviews finish within `graceMs`, requeues the rest. */
  close(graceMs: number): Promise<void>;
}

/**
 * nectr serve: the webhook endpoint, health, metrics, the status page and the review workers, on
 * one port. It listens first: a daemon that cannot (port taken, bad host) fails before it touches
 * the queue, so no job is claimed by a process that will not stay.
 */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { store, log } = options;
  const metrics = createMetrics(() => store.queue.depth());
  const jobContext = {
    ...options.review,
    store,
    secretKey: options.secretKey,
    onRateLimit: (remaining: number) => metrics.rateLimitRemaining.set(remaining),
    warn: (fields: Record<string, unknown>, message: string) => log.warn(fields, message),
  };
  const runJob = createJobRunner(jobContext);
  let pool: WorkerPool | undefined;
  let checkpointer: WalCheckpointer | undefined;
  let memory: ReturnType<typeof startIdleMemoryRelease> | undefined;
  const webhook = createWebhookHandler({
    store,
    inFlight: bodyBytesInFlight(BODY_BYTES_IN_FLIGHT),
    secretKey: options.secretKey,
    globalSecret: options.globalSecret,
    appWebhookSecret: options.appWebhookSecret,
    reviewDrafts: options.reviewDrafts,
    log,
    metrics,
    onQueued: () => pool?.wake(),
    onStored: () => {
      checkpointer?.wake();
      memory?.busy();
    },
  });
  const guard = createAdminGuard({
    host: options.host,
    publicUrl: options.publicUrl,
    adminToken: options.adminToken,
    secretKey: options.secretKey,
  });
  const statusPage = createStatusPageHandler(
    {
      store,
      githubUrl: options.githubUrl,
      hotspots: options.hotspots,
      llmDailyTokens: options.llmDailyTokens,
      warn: (message) => log.warn(message),
    },
    guard,
  );

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "/").split("?")[0];
    const answer = (status: number, body: unknown, type = "application/json") => {
      response.writeHead(status, { "content-type": type });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (path === WEBHOOK_PATH) {
      if (request.method !== "POST") return answer(405, { error: "POST only" });
      webhook(request, response).catch((error: unknown) => {
        log.error({ err: error }, "delivery failed");
        if (!response.headersSent) answer(503, { error: "internal error" });
      });
      return;
    }
    if (request.method === "GET" && path === "/healthz") return void answerHealth(store, answer);
    if (request.method === "GET" && (path === "/" || path === "/metrics") && !guard.ownsHost(request))
      return guard.misdirected(response);
    if (request.method === "GET" && path === "/") {
      statusPage(request, response).catch((error: unknown) => {
        log.error({ err: error }, "status page failed");
        if (!response.headersSent) answer(500, { error: "internal error" });
      });
      return;
    }
    if (request.method === "GET" && path === "/metrics") {
      if (!guard.admits(request)) return guard.refuse(response);
      metrics.render().then(
        (text) => answer(200, text, metrics.contentType),
        (error: unknown) => {
          log.error({ err: error }, "metrics failed");
          answer(503, { error: "the queue cannot be read right now" });
        },
      );
      return;
    }
    answer(404, { error: "not found" });
  });
  // GitHub gives up on a delivery after 10 s: a client slower than this to send its headers or
  // body is not GitHub, and holds a connection for nothing.
  server.headersTimeout = 15_000;
  server.requestTimeout = 15_000;
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  if (options.sqlite) checkpointer = startWalCheckpointer(options.sqlite, { warn: (message) => log.warn(message) });
  memory = startIdleMemoryRelease();
  const requeued = await store.queue.recoverAbandoned();
  if (requeued > 0) log.info({ requeued }, "requeued jobs left running by a stopped daemon");
  const prune = async () => {
    try {
      const pruned = await store.queue.prune(new Date(), options.retentionDays);
      if (pruned > 0) log.info({ pruned, retentionDays: options.retentionDays }, "pruned old deliveries");
    } catch (error) {
      log.error({ err: error }, "pruning old deliveries failed");
    }
  };
  await prune();
  const pruning = setInterval(prune, PRUNE_EVERY_MS);
  pruning.unref();
  const workers = startWorkerPool({
    queue: store.queue,
    concurrency: options.concurrency,
    maxAttempts: 3,
    retrySeconds: options.retrySeconds,
    log,
    run: runJob,
    onFinished: (outcome, seconds) => metrics.reviewSeconds.observe({ outcome }, seconds),
  });
  pool = workers;
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const url = httpUrl(options.host, port);
  const reachable = ["0.0.0.0", "::"].includes(options.host) ? httpUrl("127.0.0.1", port) : url;
  const smee = options.smee
    ? await startSmeeBridge({ source: options.smee, target: `${reachable}${WEBHOOK_PATH}`, log })
    : undefined;
  log.info({ url, webhook: `${url}${WEBHOOK_PATH}`, smee: options.smee, version }, "listening");
  return {
    url,
    loginUrl: guard.loginUrl(url),
    async close(graceMs) {
      clearInterval(pruning);
      memory?.stop();
      await smee?.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await workers.stop(graceMs);
      server.closeAllConnections();
      await closed;
      await checkpointer?.stop();
    },
  };
}

/** The queue depth, or 503 when the database cannot be read right now (the daemon is up, but not well). */
async function answerHealth(store: NectrStore, answer: (status: number, body: unknown) => void): Promise<void> {
  try {
    answer(200, { status: "ok", version, queueDepth: await store.queue.depth() });
  } catch (error) {
    answer(503, { status: "degraded", version, error: error instanceof Error ? error.message : String(error) });
  }
}

function httpUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
