import { spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHubSimulator } from "../harness/github-sim/server.js";
import type { SimApp } from "../harness/github-sim/model.js";
import { removeTempDirs, repoRoot, runNectr, tempDir } from "../harness/run-nectr.js";
import { waitUntil } from "../harness/wait-until.js";
import { startSeededSimulator } from "../harness/sim-world.js";

let sim: GitHubSimulator;
let app: SimApp;
let home: string;
let keyFile: string;

beforeEach(async () => {
  sim = await startSeededSimulator();
  app = sim.state.apps.add({ slug: "nectr-test", owner: "octocat" });
  sim.state.apps.install(app, "octocat", ["octocat/hello"]);
  home = tempDir();
  keyFile = path.join(home, "app.pem");
  writeFileSync(keyFile, app.privateKeyPem);
});
afterEach(async () => sim.close());
afterAll(removeTempDirs);

const nectr = (args: string[]) => runNectr(args, { home, env: { NECTR_GITHUB_API_URL: sim.url } });

describe("nectr app use / status", () => {
  it("checks the key with GitHub, stores it sealed, and shows the app, its installations and repositories", async () => {
    const used = await nectr([
      "app",
      "use",
      "--app-id",
      String(app.id),
      "--private-key",
      keyFile,
      "--webhook-secret",
      "hook-secret-42",
    ]);
    expect(used.stderr).toBe("");
    expect(used.code).toBe(0);
    expect(used.stdout).toBe(`Using GitHub App nectr-test (id ${app.id}); its reviews are posted by nectr-test[bot]\n`);
    const stored = path.join(home, "app.json");
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    const text = readFileSync(stored, "utf8");
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain("hook-secret-42");

    const status = await nectr(["app", "status", "--json"]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({
      app: { id: app.id, slug: "nectr-test", name: "nectr-test", bot: "nectr-test[bot]", webhookSecret: true },
      installations: [
        { id: expect.any(Number), account: "octocat", suspended: false, repositories: ["octocat/hello"] },
      ],
    });
    // Every call with the app's JWT or an installation token; no user token anywhere.
    const schemes = sim.requests.map((request) =>
      String(request.headers.authorization).replace(/ (eyJ|ghs_)\S+$/, " $1…"),
    );
    expect(new Set(schemes)).toEqual(new Set(["bearer eyJ…", "token ghs_…"]));
  });

  it("works against a GitHub Enterprise Server's API base URL (/api/v3)", async () => {
    const env = { NECTR_GITHUB_API_URL: sim.ghesApiUrl };
    expect(
      (await runNectr(["app", "use", "--app-id", String(app.id), "--private-key", keyFile], { home, env })).code,
    ).toBe(0);
    const status = await runNectr(["app", "status", "--json"], { home, env });
    expect(JSON.parse(status.stdout).installations[0]).toMatchObject({ repositories: ["octocat/hello"] });
    // The JWT's calls and the installation token's alike go through the Enterprise prefix.
    expect(sim.requests.map((request) => request.rawPath).filter((path) => !path.startsWith("/api/v3/"))).toEqual([]);
  });

  it("app status shows what GitHub says now: a repository removed from the installation, then the installation deleted", async () => {
    await nectr(["app", "use", "--app-id", String(app.id), "--private-key", keyFile]);
    const [installed] = [...sim.state.apps.installations.values()];
    installed!.repositories = [];
    const removed = JSON.parse((await nectr(["app", "status", "--json"])).stdout);
    expect(removed.installations).toEqual([expect.objectContaining({ account: "octocat", repositories: [] })]);
    sim.state.apps.installations.delete(installed!.id);
    expect(JSON.parse((await nectr(["app", "status", "--json"])).stdout).installations).toEqual([]);
  });

  it("refuses another app's key (exit 4), a bad id or key file (exit 2), and status before use (exit 2), naming the fix", async () => {
    const other = sim.state.apps.add({ slug: "other", owner: "octocat" });
    const otherKey = path.join(home, "other.pem");
    writeFileSync(otherKey, other.privateKeyPem);
    const wrongKey = await nectr(["app", "use", "--app-id", String(app.id), "--private-key", otherKey]);
    expect(wrongKey.code).toBe(4);
    expect(wrongKey.stderr).toMatch(
      /GitHub refused the app's JWT \(401.*— check that --app-id and --private-key belong to the same app/,
    );

    const badId = await nectr(["app", "use", "--app-id", "12abc", "--private-key", keyFile]);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain("--app-id must be a whole number");
    const notPem = path.join(home, "notes.txt");
    writeFileSync(notPem, "hello\n");
    expect((await nectr(["app", "use", "--app-id", String(app.id), "--private-key", notPem])).stderr).toContain(
      "is not a PEM private key",
    );
    const missing = await nectr([
      "app",
      "use",
      "--app-id",
      String(app.id),
      "--private-key",
      path.join(home, "nope.pem"),
    ]);
    expect(missing.code).toBe(2);

    const before = await nectr(["app", "status"]);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain("run nectr app use --app-id ID --private-key FILE");
  });

  it("takes the app from NECTR_APP_ID and NECTR_APP_PRIVATE_KEY (a file or the PEM itself) over app.json", async () => {
    const env = { NECTR_GITHUB_API_URL: sim.url, NECTR_APP_ID: String(app.id) };
    for (const key of [keyFile, app.privateKeyPem]) {
      const status = await runNectr(["app", "status", "--json"], { home, env: { ...env, NECTR_APP_PRIVATE_KEY: key } });
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout).app).toMatchObject({ id: app.id, slug: "nectr-test", webhookSecret: false });
    }
    const half = await runNectr(["app", "status"], { home, env });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain(
      "NECTR_APP_ID is set without the other — set both NECTR_APP_ID and NECTR_APP_PRIVATE_KEY",
    );
  });

  it("nectr doctor checks the app's key, its webhook secret and each installation with GitHub, and says how to fix them", async () => {
    await nectr(["app", "use", "--app-id", String(app.id), "--private-key", keyFile]);
    const secretless = await nectr(["doctor"]);
    expect(secretless.stdout).toContain(
      `! GitHub App: nectr-test (id ${app.id}), 1 installation; posts as nectr-test[bot]; no webhook secret`,
    );
    await nectr(["app", "use", "--app-id", String(app.id), "--private-key", keyFile, "--webhook-secret", "s"]);
    const good = await nectr(["doctor"]);
    expect(good.stdout).toContain(
      `✔ GitHub App: nectr-test (id ${app.id}), 1 installation; posts as nectr-test[bot]\n`,
    );
    const [installed] = [...sim.state.apps.installations.values()];
    installed!.suspendedAt = sim.state.now();
    const suspended = await nectr(["doctor"]);
    expect(suspended.stdout).toMatch(
      new RegExp(`✖ GitHub App: .*; no token for installation ${installed!.id}\\n {4}→ unsuspend or reinstall`),
    );
    const other = sim.state.apps.add({ slug: "other", owner: "octocat" });
    const env = {
      NECTR_GITHUB_API_URL: sim.url,
      NECTR_APP_ID: String(app.id),
      NECTR_APP_PRIVATE_KEY: other.privateKeyPem,
    };
    const bad = await runNectr(["doctor"], { home, env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✖ GitHub App: GitHub refused the app's JWT \(401[^\n]*\n {4}→ run nectr app use/);
  });

  it("app create runs GitHub's manifest flow from a local page, and app status then shows the app", async () => {
    sim.state.apps.browserUser = "octocat";
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, "bin", "nectr.js"), "app", "create", "--url", "https://nectr.example.com"],
      {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: home,
          NECTR_HOME: home,
          NECTR_GITHUB_API_URL: sim.url,
          NECTR_GITHUB_URL: sim.url,
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
    await waitUntil(() => /open (http:\/\/127\.0\.0\.1:\d+)/.test(stderr), {
      what: "the local page",
      context: () => stderr,
    });
    const page = /open (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;

    // The browser: the page's form, posted to GitHub, which sends it back to nectr with a code.
    const html = await (await fetch(page)).text();
    const unescape = (text: string) =>
      text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    const action = unescape(/<form method="post" action="([^"]+)"/.exec(html)![1]!);
    const manifest = unescape(/name="manifest" value="([^"]+)"/.exec(html)![1]!);
    expect(action.startsWith(`${sim.url}/settings/apps/new?state=`)).toBe(true);
    expect(JSON.parse(manifest)).toMatchObject({
      hook_attributes: { url: "https://nectr.example.com/api/v1/webhooks/github" },
      default_permissions: { pull_requests: "write", contents: "read", issues: "read", metadata: "read" },
      default_events: ["pull_request", "issue_comment"],
    });
    const form = await fetch(action, { method: "POST", body: new URLSearchParams({ manifest }), redirect: "manual" });
    expect(form.status).toBe(302);
    expect((await fetch(form.headers.get("location")!)).status).toBe(200);

    expect(await exited).toBe(0);
    expect(stdout).toMatch(/^Created GitHub App nectr \(id \d+\); its reviews are posted by nectr\[bot\]\n$/);
    expect(readFileSync(path.join(home, "app.json"), "utf8")).not.toContain("PRIVATE KEY");
    const status = await nectr(["app", "status", "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({ app: { slug: "nectr", webhookSecret: true }, installations: [] });
  });
});
