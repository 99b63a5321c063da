import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { removeTempDirs, repoRoot, runNectr, tempDir, type NectrRun } from "../harness/run-nectr.js";

let sim: GitHubSimulator;
let home: string;
const outputs: NectrRun[] = [];

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: "gho_known_token_for_with_token" });
  sim.state.addToken("octocat", "gho_narrow_token", ["read:user"]);
  // Polls may come at once; a slow_down adds one second, so the test waits about a second.
  sim.deviceFlow.interval = 0;
  sim.deviceFlow.slowDownIncrement = 1;
  home = tempDir();
});
afterEach(async () => sim.close());
afterAll(removeTempDirs);

async function nectr(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<NectrRun> {
  const run = await runNectr(args, {
    home,
    stdin: options.stdin,
    env: {
      NECTR_GITHUB_URL: sim.url,
      NECTR_GITHUB_API_URL: sim.url,
      NECTR_GITHUB_CLIENT_ID: "sim-client-id",
      ...options.env,
    },
  });
  outputs.push(run);
  return run;
}

const hostsFile = () => path.join(home, "hosts.json");
const host = () => new URL(sim.url).host;

describe("nectr login (device flow)", () => {
  it("logs in after two pending polls and a slow_down, waiting as told, and stores the token 0600", async () => {
    sim.deviceFlow.script = ["authorization_pending", "authorization_pending", "slow_down"];
    const run = await nectr(["login"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Logged in to ${host()} as @octocat\n`);
    expect(run.stderr).toMatch(/First copy your one-time code: [A-Z]{4}-[A-Z]{4}/);
    expect(run.stderr).toContain(`${sim.url}/login/device`);
    expect(run.stderr).toContain("no usable keychain here; the token is stored in");
    const polls = sim.deviceFlow.polls.map((poll) => poll.at);
    expect(polls).toHaveLength(4);
    expect((polls[3] ?? 0) - (polls[2] ?? 0)).toBeGreaterThanOrEqual(990);
    const [token] = sim.deviceFlow.issuedTokens;
    expect(statSync(hostsFile()).mode & 0o777).toBe(0o600);
    // Sealed with the data folder's key, as the daemon's secrets are: the file never holds the token itself.
    expect(JSON.parse(readFileSync(hostsFile(), "utf8"))).toEqual({
      [host()]: { user: "octocat", token: expect.stringMatching(/^v1:[A-Za-z0-9+/=]+$/) },
    });
    expect(readFileSync(hostsFile(), "utf8")).not.toContain(token ?? "");
    expect((await nectr(["auth", "token"])).stdout).toBe(`${token}\n`);
  });

  it.each([
    ["expired_token", 4, /the one-time code expired before it was entered — run nectr login again/],
    ["access_denied", 4, /the authorization was denied on GitHub/],
  ] as const)("stops on %s with one line, exit %i, nothing stored", async (outcome, code, message) => {
    sim.deviceFlow.script = ["authorization_pending", outcome];
    const run = await nectr(["login"]);
    expect(run.code).toBe(code);
    expect(run.stderr.trim().split("\n").at(-1)).toMatch(message);
    expect(existsSync(hostsFile())).toBe(false);
  });

  it("leaves nothing stored when interrupted with Ctrl-C while waiting", async () => {
    sim.deviceFlow.interval = 1;
    sim.deviceFlow.script = Array(30).fill("authorization_pending");
    const child = spawn(process.execPath, [path.join(repoRoot, "bin", "nectr.js"), "login"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: home,
        NECTR_HOME: home,
        NECTR_GITHUB_URL: sim.url,
        NECTR_GITHUB_API_URL: sim.url,
        NECTR_GITHUB_CLIENT_ID: "sim-client-id",
      },
    });
    let stderr = "";
    await new Promise<void>((resolve) =>
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()).includes("one-time code") && resolve()),
    );
    child.kill("SIGINT");
    const signal = await new Promise((resolve) => child.on("close", (_code, received) => resolve(received)));
    expect(signal).toBe("SIGINT");
    expect(existsSync(hostsFile())).toBe(false);
  });

  it("explains a bad client id, a missing one, and an unreachable GitHub, storing nothing", async () => {
    const bad = await nectr(["login"], { env: { NECTR_GITHUB_CLIENT_ID: "nope" } });
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/^nectr: GitHub does not know the OAuth app client id "nope" — /);
    const missing = await nectr(["login"], { env: { NECTR_GITHUB_CLIENT_ID: "" } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /needs the client id of a GitHub OAuth app — create one at .*\/settings\/applications\/new/,
    );
    const down = await nectr(["login"], { env: { NECTR_GITHUB_URL: "http://127.0.0.1:9" } });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^nectr: cannot reach http:\/\/127\.0\.0\.1:9/);
    expect(existsSync(hostsFile())).toBe(false);
  });
});

describe("nectr login --with-token, auth status, auth token, logout", () => {
  it("stores a token from stdin, reports it, prints it, and forgets it", async () => {
    const login = await nectr(["login", "--with-token"], { stdin: "gho_known_token_for_with_token\n" });
    expect(login.code).toBe(0);
    expect(login.stdout).toBe(`Logged in to ${host()} as @octocat\n`);

    const status = await nectr(["auth", "status", "--json"]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      host: host(),
      user: "octocat",
      source: "file",
      scopes: ["repo", "admin:repo_hook", "read:user"],
      missingScopes: [],
      enough: true,
      rateLimit: { limit: 5000 },
    });
    expect((await nectr(["auth", "status"])).stdout).toContain("✓ Logged in as @octocat (token from hosts.json)");
    expect(await nectr(["auth", "token"])).toMatchObject({ code: 0, stdout: "gho_known_token_for_with_token\n" });

    const logout = await nectr(["logout"]);
    expect(logout).toMatchObject({ code: 0, stdout: `Logged out of ${host()}\n` });
    const after = await nectr(["auth", "status"]);
    expect(after.code).toBe(4);
    expect(after.stderr).toBe(`nectr: not logged in to ${host()} — run nectr login (or set GH_TOKEN)\n`);
    expect(JSON.parse(readFileSync(hostsFile(), "utf8"))).toEqual({});
  });

  it("refuses a token GitHub rejects, and exits 4 on a token without the needed scopes", async () => {
    const wrong = await nectr(["login", "--with-token"], { stdin: "gho_not_a_real_token" });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/did not accept that token/);
    expect(existsSync(hostsFile())).toBe(false);
    const narrow = await nectr(["login", "--with-token"], { stdin: "gho_narrow_token" });
    expect(narrow.code).toBe(0);
    expect(narrow.stderr).toContain("the token lacks repo, admin:repo_hook");
    const status = await nectr(["auth", "status"]);
    expect(status.code).toBe(4);
    expect(status.stdout).toContain("✖ Missing repo, admin:repo_hook");
  });

  it("takes GH_TOKEN over GITHUB_TOKEN over the stored token, and falls back to gh auth token", async () => {
    await nectr(["login", "--with-token"], { stdin: "gho_known_token_for_with_token" });
    sim.state.addToken("octocat", "gho_env_token", ["repo", "admin:repo_hook"]);
    const fromEnv = await nectr(["auth", "status", "--json"], {
      env: { GITHUB_TOKEN: "gho_known_token_for_with_token", GH_TOKEN: "gho_env_token" },
    });
    expect(JSON.parse(fromEnv.stdout).source).toBe("GH_TOKEN");
    await nectr(["logout"]);

    const bin = path.join(home, "bin");
    mkdirSync(bin);
    writeFileSync(path.join(bin, "gh"), '#!/bin/sh\n[ "$1 $2 $3" = "auth token --hostname" ] && echo gho_env_token\n');
    chmodSync(path.join(bin, "gh"), 0o755);
    const fromGh = await nectr(["auth", "status", "--json"], { env: { PATH: `${bin}:${process.env.PATH ?? ""}` } });
    expect(JSON.parse(fromGh.stdout).source).toBe("gh");
  });

  // Reads what every run above printed, so it comes last in this file.
  it("never prints a token except for auth token", () => {
    const tokens = [
      "gho_known_token_for_with_token",
      "gho_env_token",
      "gho_narrow_token",
      ...sim.deviceFlow.issuedTokens,
    ];
    for (const run of outputs) {
      const printedOnPurpose = run.stdout.trim() === "gho_known_token_for_with_token";
      for (const token of tokens) {
        expect(run.stderr).not.toContain(token);
        if (!printedOnPurpose) expect(run.stdout).not.toContain(token);
      }
    }
    expect(outputs.length).toBeGreaterThan(10);
  });
});
