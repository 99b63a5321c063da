import { request } from "node:http";
import path from "node:path";
import { sealSecret } from "../../src/auth/seal.js";
import type { IndexedPullRequest } from "../../src/context/graph/knowledge-graph.js";
import { createSqliteGraph } from "../../src/context/graph/sqlite-graph.js";
import { finishJob, recordDelivery, retryJobLater } from "../../src/store/events-table.js";
import { openDatabase } from "../../src/store/open-database.js";
import { saveConnectedRepo } from "../../src/store/repos-table.js";
import { recordReview } from "../../src/store/reviews-table.js";
import type { DaemonProcess } from "../harness/daemon-process.js";

export const SECRET_KEY = "5e".repeat(32);
export const WEBHOOK_SECRET = "global-webhook-secret-for-status-tests";
export const ADMIN_TOKEN = "admin-token-for-status-tests";
export const GITHUB_URL = "https://github.example";
/** Markup hidden in what deliveries carry: it must show as text, never run. */
export const INJECTED_TITLE = `Fix <script>alert("title")</script><img src=x onerror=alert(1)>`;
export const INJECTED_REPO = "octocat/<svg onload=alert(2)>";
export const INJECTED_PATH = "src/<b>bold</b>.ts";
export const DAY_MS = 24 * 60 * 60 * 1000;
/** The daemon's environment: no GitHub needed (nothing it is asked to review can reach one). */
export const STATUS_ENV = {
  NECTR_SECRET_KEY: SECRET_KEY,
  NECTR_WEBHOOK_SECRET: WEBHOOK_SECRET,
  NECTR_GITHUB_URL: GITHUB_URL,
  NECTR_GITHUB_API_URL: "http://127.0.0.1:9",
};

/**
 * The database of a daemon that has worked a while: octocat/app connected, its history in the
 * knowledge graph, a finished delivery reviewed on four of the last 14 days, one job parked in
 * the queue, one failed, and a delivery from a repo whose name carries markup.
 */
export async function seedStatusHistory(home: string, now = Date.now()): Promise<void> {
  const db = openDatabase(path.join(home, "nectr.db"));
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS).toISOString();
  saveConnectedRepo(
    db,
    {
      fullName: "octocat/app",
      hookId: 1,
      hookUrl: "https://nectr.example/api/v1/webhooks/github",
      sealedSecret: sealSecret("hook-secret", Buffer.from(SECRET_KEY, "hex")),
      sealedToken: null,
      connectedBy: "octocat",
    },
    at(20),
  );
  const deliver = (delivery: { prNumber: number; status: "queued" | "recorded"; repo?: string; title?: string }) => {
    const stored = recordDelivery(db, {
      deliveryId: `delivery-${delivery.prNumber}-${delivery.status}`,
      event: "pull_request",
      action: delivery.status === "queued" ? "opened" : "closed",
      repo: delivery.repo ?? "octocat/app",
      prNumber: delivery.prNumber,
      headSha: String(delivery.prNumber).repeat(40).slice(0, 40),
      status: delivery.status,
      replayKey: null,
      payload: JSON.stringify({ pull_request: { title: delivery.title ?? `PR ${delivery.prNumber}` } }),
      receivedAt: at(0.01 * delivery.prNumber),
    });
    if (stored.id === undefined) throw new Error("the seeded queue is full");
    return stored.id;
  };
  const reviewed = deliver({ prNumber: 7, status: "queued", title: INJECTED_TITLE });
  finishJob(db, reviewed, "done", at(0.05));
  retryJobLater(db, deliver({ prNumber: 8, status: "queued" }), "2999-01-01T00:00:00.000Z", "GitHub unreachable");
  finishJob(db, deliver({ prNumber: 9, status: "queued" }), "failed", at(0.02), "GitHub answered 502");
  deliver({ prNumber: 3, status: "recorded", repo: INJECTED_REPO });
  const tokensByDaysAgo = [
    { daysAgo: 0, tokens: 4200 },
    { daysAgo: 1, tokens: 1800 },
    { daysAgo: 3, tokens: 9000 },
    { daysAgo: 6, tokens: 2500 },
  ];
  for (const { daysAgo, tokens } of tokensByDaysAgo) {
    recordReview(db, {
      repo: "octocat/app",
      prNumber: 7,
      headSha: "7".repeat(40),
      eventId: reviewed,
      reviewId: 100 + daysAgo,
      summaryCommentId: 200,
      verdict: daysAgo === 0 ? "request_changes" : "comment",
      model: "gpt-4o-mini",
      promptTokens: tokens - 300,
      completionTokens: 300,
      basis: "b".repeat(16),
      createdAt: at(daysAgo),
    });
  }
  const history = [1, 2, 3].map((number): IndexedPullRequest => ({
    repo: "octocat/app",
    number,
    title: `PR ${number}`,
    author: "octocat",
    state: "merged",
    createdAt: at(30),
    mergedAt: at(29),
    files: ["src/api.ts", ...(number > 1 ? ["src/db.ts"] : []), ...(number === 3 ? [INJECTED_PATH] : [])],
    closes: [],
  }));
  await createSqliteGraph(db).indexPullRequests(history);
  db.close();
}

/** A GET that does not follow redirects. */
export async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** Waits for the daemon to log a line matching `pattern` (lines after "listening" may come a moment later). */
export async function loggedLine(daemon: DaemonProcess, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const match = pattern.exec(daemon.logs());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`the daemon did not log ${pattern}:\n${daemon.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The code of the one-time login link the daemon printed at start (a plain line, not in its JSON log). */
export async function loginCodeOf(daemon: DaemonProcess): Promise<string> {
  return (
    (await loggedLine(daemon, /^nectr: status page: open http:\/\/\S+\/\?login=([\w-]+) once to sign in$/m))[1] ?? ""
  );
}

/** A GET with a Host header of its own choosing, as a browser tricked by DNS rebinding sends. */
export function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    request(
      { host: target.hostname, port: target.port, path: target.pathname, headers: { ...headers, host } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    )
      .on("error", reject)
      .end();
  });
}
