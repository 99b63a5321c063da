import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHubSimulator } from "../harness/github-sim/server.js";
import { removeTempDirs, repoRoot, runNectr, tempDir, type NectrRun } from "../harness/run-nectr.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";
import { startReviewWorld } from "./review-world.js";

// `nectr review` with no REF inside GitHub Actions: the PR comes from the event file the runner
// writes, the token from GITHUB_TOKEN, the API from GITHUB_API_URL — as on a real runner, with the
// simulator in GitHub's place.

const ACTIONS_TOKEN = "ghs_actions_job_token_for_tests";
// A stored login and GH_TOKEN a developer might have: Actions mode must use neither.
const OTHER_TOKEN = "gho_someone_elses_token";

let sim: GitHubSimulator;
let home: string;

beforeEach(async () => {
  ({ sim, home } = await startReviewWorld());
  // The job's token is an installation token: GET /user is a 403 for it. The simulator models
  // OAuth scopes, so its `pull-requests: write` is the `repo` scope here.
  sim.state.addUser("github-actions[bot]", { token: ACTIONS_TOKEN, scopes: ["repo"], type: "Bot", integration: true });
  sim.state.repo("octocat/app").permissions.set("github-actions[bot]", "write");
  sim.state.addUser("someone", { token: OTHER_TOKEN });
});
afterEach(async () => sim.close());
afterAll(removeTempDirs);

/** The runner's files for a pull_request run on octocat/app#1, optionally from a fork. */
function runnerFiles(options: { fork?: boolean } = {}) {
  const dir = tempDir("nectr-runner-");
  const pull = sim.state.repo("octocat/app").pulls.get(1)!;
  const event = pullRequestDelivery("opened", { repo: "octocat/app", number: 1, headSha: pull.headSha });
  const pullRequest = event.pull_request as Record<string, Record<string, Record<string, unknown>>>;
  pullRequest.base!.repo = { ...pullRequest.base!.repo, full_name: "octocat/app" };
  pullRequest.head!.repo = { ...pullRequest.head!.repo, full_name: options.fork ? "stranger/app" : "octocat/app" };
  const files = {
    event: path.join(dir, "event.json"),
    output: path.join(dir, "output.txt"),
    summary: path.join(dir, "summary.md"),
  };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.output, "");
  writeFileSync(files.summary, "");
  return files;
}

function actionsEnv(files: ReturnType<typeof runnerFiles>, extra: Record<string, string> = {}) {
  return {
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_API_URL: sim.url,
    GITHUB_TOKEN: ACTIONS_TOKEN,
    // Neither may win over the job's token in Actions, nor point nectr at another API.
    GH_TOKEN: OTHER_TOKEN,
    NECTR_GITHUB_API_URL: "http://127.0.0.1:9",
    ...extra,
  };
}

const writes = () => sim.requests.filter((request) => request.method !== "GET" && request.path !== "/graphql");

describe("nectr review inside GitHub Actions", () => {
  it("reviews the event's PR with GITHUB_TOKEN only, posts one review and one summary, and exits 3 with --fail-on", async () => {
    const files = runnerFiles();
    const run = await runNectr(["review", "--fail-on", "critical", "--format", "github"], {
      home,
      env: actionsEnv(files),
      timeoutMs: 60_000,
    });
    expect(run.stderr).toContain("--fail-on critical");
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^::error file=src\/config\.ts,line=2,/m);

    const reviews = writes().filter((request) => /\/pulls\/1\/reviews$/.test(request.path));
    const summaries = writes().filter((request) => /\/issues\/1\/comments$/.test(request.path));
    expect(reviews).toHaveLength(1);
    expect(summaries).toHaveLength(1);
    const tokens = new Set(sim.requests.map((request) => request.headers.authorization));
    expect([...tokens]).toEqual([`token ${ACTIONS_TOKEN}`]);

    const outputs = readFileSync(files.output, "utf8");
    expect(outputs).toContain("verdict=request_changes\n");
    expect(outputs).toMatch(/^findings=[1-9]\d*$/m);
    expect(readFileSync(files.summary, "utf8")).toContain("src/config.ts");
  });

  it("a second run on the same PR, with a fresh home as on a new runner, edits the summary and repeats no comment", async () => {
    const files = runnerFiles();
    const first = await runNectr(["review"], { home, env: actionsEnv(files), timeoutMs: 60_000 });
    expect(first.code).toBe(0);
    const again = await runNectr(["review"], { home: tempDir(), env: actionsEnv(files), timeoutMs: 60_000 });
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    const repo = sim.state.repo("octocat/app");
    expect(
      writes().filter((request) => request.method === "POST" && /\/issues\/1\/comments$/.test(request.path)),
    ).toHaveLength(1);
    expect(
      writes().filter((request) => request.method === "PATCH" && /\/issues\/comments\/\d+$/.test(request.path)),
    ).toHaveLength(1);
    const lines = repo.reviewComments.map((comment) => `${comment.path}:${comment.line}`);
    expect(new Set(lines).size).toBe(lines.length);
    expect(repo.reviewComments.every((comment) => comment.author === "github-actions[bot]")).toBe(true);
  });

  it("posts nothing for a fork's pull_request (its token is read-only) but still prints and gates", async () => {
    const files = runnerFiles({ fork: true });
    const run = await runNectr(["review", "--fail-on", "critical", "--format", "github"], {
      home,
      env: actionsEnv(files),
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("read-only token");
    expect(run.stdout).toMatch(/^::error file=src\/config\.ts,line=2,/m);
    expect(writes()).toEqual([]);
  });

  it("reviews a fork's PR under pull_request_target, whose token may write", async () => {
    const files = runnerFiles({ fork: true });
    const run = await runNectr(["review", "--format", "github"], {
      home,
      env: actionsEnv(files, { GITHUB_EVENT_NAME: "pull_request_target" }),
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(0);
    expect(writes().filter((request) => /\/issues\/1\/comments$/.test(request.path))).toHaveLength(1);
  });

  it("refuses an event that is not a pull request, and a step without GITHUB_TOKEN, naming the fix", async () => {
    const files = runnerFiles();
    const push = await runNectr(["review"], { home, env: actionsEnv(files, { GITHUB_EVENT_NAME: "push" }) });
    expect(push.code).toBe(2);
    expect(push.stderr).toMatch(/"push" event.*on: pull_request/);
    const { GITHUB_TOKEN: _unused, ...withoutToken } = actionsEnv(files);
    const tokenless = await runNectr(["review"], { home, env: withoutToken });
    expect(tokenless.code).toBe(4);
    expect(tokenless.stderr).toContain("GITHUB_TOKEN: ${{ github.token }}");
    expect(sim.requests).toEqual([]);
  });

  it("outside Actions, no REF is a usage error (exit 2)", async () => {
    const run = await runNectr(["review"], { home, env: { GH_TOKEN: OTHER_TOKEN, NECTR_GITHUB_API_URL: sim.url } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("which pull request?");
    expect(sim.requests).toEqual([]);
  });
});

interface ActionStep {
  id?: string;
  run?: string;
  env?: Record<string, string>;
  shell?: string;
}
interface ActionFile {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** Runs action.yml's review step as the runner would: its expressions resolved, its script in bash. */
async function runActionStep(
  inputs: Record<string, string>,
  runner: { workspace: string; env: Record<string, string> },
): Promise<NectrRun> {
  const action = parse(readFileSync(path.join(repoRoot, "action.yml"), "utf8")) as ActionFile;
  const step = action.runs.steps.find((candidate) => candidate.id === "review");
  if (!step?.run || step.shell !== "bash") throw new Error("action.yml has no bash step with id review");
  const contexts: Record<string, string> = {
    "github.token": ACTIONS_TOKEN,
    "runner.temp": tempDir("nectr-runner-temp-"),
  };
  const resolve = (text: string): string =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
      if (name.startsWith("inputs.")) {
        const input = name.slice("inputs.".length);
        const value = inputs[input] ?? action.inputs[input]?.default;
        if (value === undefined) throw new Error(`action.yml reads an unknown input ${input}`);
        return resolve(value);
      }
      if (!(name in contexts)) throw new Error(`action.yml uses \${{ ${name} }}, which this test does not provide`);
      return contexts[name]!;
    });
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, resolve(String(value))]));
  const child = spawn("bash", ["-e", "-c", step.run], {
    cwd: runner.workspace,
    env: {
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ""}`,
      HOME: runner.workspace,
      GITHUB_ACTION_PATH: repoRoot,
      ...runner.env,
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const code = await new Promise<number>((done) => child.on("close", (exit) => done(exit ?? 1)));
  return { code, stdout, stderr };
}

describe("action.yml", () => {
  it("its review step, with the default inputs, posts the review with the job token and fails the step on a critical finding", async () => {
    const files = runnerFiles();
    const { GITHUB_TOKEN: _job, ...runnerEnv } = actionsEnv(files);
    const run = await runActionStep({}, { workspace: tempDir("nectr-workspace-"), env: runnerEnv });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^::error file=src\/config\.ts,line=2,/m);
    expect(writes().filter((request) => /\/issues\/1\/comments$/.test(request.path))).toHaveLength(1);
    expect(new Set(sim.requests.map((request) => request.headers.authorization))).toEqual(
      new Set([`token ${ACTIONS_TOKEN}`]),
    );
    expect(readFileSync(files.output, "utf8")).toContain("verdict=request_changes");
  });

  it("with format sarif and dry-run, writes the SARIF file, names it in the outputs, and posts nothing", async () => {
    const files = runnerFiles();
    const workspace = tempDir("nectr-workspace-");
    const { GITHUB_TOKEN: _job, ...runnerEnv } = actionsEnv(files);
    const run = await runActionStep(
      { format: "sarif", "dry-run": "true", "fail-on": "" },
      { workspace, env: runnerEnv },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const sarifPath = path.join(workspace, "nectr.sarif");
    expect(existsSync(sarifPath)).toBe(true);
    const log = JSON.parse(readFileSync(sarifPath, "utf8"));
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(readFileSync(files.output, "utf8")).toContain("sarif-file=nectr.sarif\n");
    expect(writes()).toEqual([]);
  });
});
