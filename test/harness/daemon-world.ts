import { writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../../src/store/open-database.js";
import { startDaemonProcess, type DaemonProcess } from "./daemon-process.js";
import type { Permission, SimPull } from "./github-sim/model.js";
import { GitHubSimulator } from "./github-sim/server.js";
import type { NewPullRequest } from "./github-sim/state.js";
import type { DeliveryResult } from "./github-sim/webhook-delivery.js";
import { LlmFake, type LlmReply, type RecordedChat } from "./llm-fake/server.js";
import { runNectr, tempDir } from "./run-nectr.js";
import { waitUntil } from "./wait-until.js";
import { pullCommentDelivery, pullRequestDelivery } from "./webhook-examples.js";

// One real `nectr serve` against the simulator and the LLM fake, with octocat's repositories
// connected: the setup every daemon end-to-end test shares.

export const OWNER_TOKEN = "gho_daemon_world_owner_token";

/** The schema a structured-output chat asked for ("review", "answer", "learnings"), if any. */
export const schemaOf = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).match(/"name":"(\w+)"/)?.[1];

/** What the LLM fake answers by default: a quiet review, a short answer, no learnings. */
export function defaultReply(chat: RecordedChat): LlmReply {
  const schema = schemaOf(chat);
  if (schema === "answer") return { json: { answer: "Because the API pages by ten." } };
  if (schema === "learnings") return { json: { learnings: [] } };
  return { json: { summary: "Reviewed by the model.", keyChanges: [], verdict: "comment", findings: [] } };
}

export interface DaemonWorldOptions {
  /** Repositories of octocat to create and connect; ["app"] unless given. */
  repos?: string[];
  /** People with access to each repository (users of that name are created). */
  collaborators?: Record<string, Permission>;
  /** More environment for the daemon and the CLI. */
  env?: Record<string, string>;
  /** config.json, written before the daemon starts. */
  config?: object;
  /** The daemon's NECTR_HOME; a fresh temporary folder unless given. */
  home?: string;
}

export interface DaemonWorld {
  sim: GitHubSimulator;
  llm: LlmFake;
  home: string;
  /** The running daemon; a test that restarts it puts the new one here, and close() stops that. */
  daemon: DaemonProcess;
  env: Record<string, string>;
  /** Rows of a query against the daemon's database. */
  rows<T>(sql: string): T[];
  /** No job is queued or running. */
  settled(): boolean;
  until(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Opens a PR in the simulator and delivers its `opened` webhook; the delivery's answers come back. */
  openPull(spec: NewPullRequest): Promise<{ pull: SimPull; answers: DeliveryResult[] }>;
  /** A new comment by `author` on octocat/app's PR, delivered as GitHub would. */
  comment(number: number, author: string, body: string): Promise<DeliveryResult[]>;
  /** The summary comment on a PR, once there is one (waits for it). */
  summaryOf(repo: string, number: number): Promise<string>;
  close(): Promise<void>;
}

export async function startDaemonWorld(options: DaemonWorldOptions = {}): Promise<DaemonWorld> {
  const sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: OWNER_TOKEN });
  for (const login of Object.keys(options.collaborators ?? {})) sim.state.addUser(login);
  const repos = (options.repos ?? ["app"]).map((name) => `octocat/${name}`);
  for (const repo of repos)
    sim.state.addRepo({ owner: "octocat", name: repo.split("/")[1] ?? "", collaborators: options.collaborators });
  const llm = await LlmFake.start();
  llm.fallback = defaultReply;
  const home = options.home ?? tempDir();
  if (options.config) writeFileSync(path.join(home, "config.json"), JSON.stringify(options.config), { mode: 0o600 });
  const env = { NECTR_GITHUB_API_URL: sim.url, OPENAI_BASE_URL: llm.url, ...options.env };
  const daemon = await startDaemonProcess({ home, env });
  for (const repo of repos) {
    const connected = await runNectr(["connect", repo, "--url", daemon.url], {
      home,
      env: { ...env, GH_TOKEN: OWNER_TOKEN },
    });
    if (connected.code !== 0) throw new Error(`nectr connect ${repo} failed: ${connected.stderr}`);
  }
  const rows = <T>(sql: string): T[] => {
    const db = openDatabase(path.join(home, "nectr.db"));
    try {
      return db.prepare<[], T>(sql).all();
    } finally {
      db.close();
    }
  };
  const settled = () =>
    rows<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE status IN ('queued', 'running')")[0]?.n === 0;
  const until = (condition: () => boolean, what: string, timeoutMs?: number) =>
    waitUntil(condition, { what, timeoutMs, context: () => world.daemon.logs() });
  const summary = (repo: string, number: number) =>
    sim.state.repo(repo).issueComments.find((comment) => comment.issueNumber === number)?.body;
  const world: DaemonWorld = {
    sim,
    llm,
    home,
    daemon,
    env,
    rows,
    settled,
    until,
    async openPull(spec) {
      const pull = sim.state.openPullRequest(spec);
      const delivery = pullRequestDelivery("opened", { repo: spec.repo, number: pull.number, headSha: pull.headSha });
      return { pull, answers: await sim.deliverWebhook(spec.repo, "pull_request", delivery) };
    },
    comment: (number, author, body) =>
      sim.deliverWebhook(
        "octocat/app",
        "issue_comment",
        pullCommentDelivery({ repo: "octocat/app", number, author, body }),
      ),
    async summaryOf(repo, number) {
      await until(() => settled() && summary(repo, number) !== undefined, `the review of ${repo}#${number}`);
      return summary(repo, number) ?? "";
    },
    async close() {
      await world.daemon.stop();
      await sim.close();
      await llm.close();
    },
  };
  return world;
}
