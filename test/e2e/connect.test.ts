import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSecret } from "../../src/auth/seal.js";
import { loadSecretKey } from "../../src/auth/secret-key.js";
import { openDatabase } from "../../src/store/open-database.js";
import { findRepo } from "../../src/store/repos-table.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { removeTempDirs, repoRoot, runNectr, tempDir } from "../harness/run-nectr.js";

const OWNER = "gho_owner_connect_token";
let sim: GitHubSimulator;
let home: string;
let receiver: Server;
let receiverUrl: string;

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: OWNER });
  sim.state.addUser("monalisa", { token: "gho_writer", scopes: ["repo", "admin:repo_hook"] });
  sim.state.addToken("octocat", "gho_no_hook_scope", ["repo", "read:user"]);
  sim.state.addRepo({ owner: "octocat", name: "app", collaborators: { monalisa: "write" } });
  home = tempDir();
  receiver = createServer((_request, response) => response.writeHead(202).end('{"status":"ignored"}'));
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await sim.close();
  receiver.close();
});
afterAll(removeTempDirs);

const env = (token = OWNER) => ({ NECTR_GITHUB_API_URL: sim.url, GH_TOKEN: token });
const nectr = (args: string[], token?: string) => runNectr(args, { home, env: env(token), timeoutMs: 30_000 });
const hooks = () => [...sim.state.repo("octocat/app").hooks.values()];

/** What nectr stored for the repo, with the secret opened by the key in the data folder. */
function stored() {
  const db = openDatabase(path.join(home, "nectr.db"));
  const repo = findRepo(db, "octocat/app");
  db.close();
  const key = loadSecretKey(undefined, home);
  return { ...repo, secret: repo?.sealedSecret ? openSecret(repo.sealedSecret, key) : undefined };
}

describe("nectr connect / disconnect / repos", () => {
  it("creates one hook, updates it on a second run, and stores a sealed secret that matches it", async () => {
    const first = await nectr(["connect", "octocat/app", "--url", receiverUrl]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Connected octocat/app: webhook ${hooks()[0]?.id} created`);
    expect(first.stdout).toContain("✓ nectr serve answered GitHub's ping (202)");
    expect(first.stdout).toContain("Indexed 1 files and 0 merged pull requests for review context");
    const second = await nectr(["connect", "octocat/app", "--url", receiverUrl]);
    expect(second.stdout).toContain("updated");
    expect(hooks()).toHaveLength(1);
    const [hook] = hooks();
    expect(hook).toMatchObject({
      events: ["pull_request", "issues", "issue_comment"],
      active: true,
      config: { url: `${receiverUrl}/api/v1/webhooks/github`, content_type: "json", insecure_ssl: "0" },
    });
    expect(hook?.config.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(stored()).toMatchObject({
      hookId: hook?.id,
      active: true,
      connectedBy: "octocat",
      secret: hook?.config.secret,
    });
    const raw = readFileSync(path.join(home, "nectr.db"));
    expect(raw.includes(hook?.config.secret ?? "none")).toBe(false);
    expect(raw.includes(OWNER)).toBe(false);
  });

  it("deletes the hook on disconnect and keeps the repo as inactive; a hook already gone is fine", async () => {
    await nectr(["connect", "octocat/app", "--url", receiverUrl]);
    const gone = await nectr(["disconnect", "octocat/app"]);
    expect(gone).toMatchObject({ code: 0, stdout: "Disconnected octocat/app: webhook deleted; its history is kept\n" });
    expect(hooks()).toEqual([]);
    expect(JSON.parse((await nectr(["repos", "--json"])).stdout)).toEqual([
      expect.objectContaining({ repo: "octocat/app", active: false, lastDelivery: null, lastReview: null }),
    ]);

    await nectr(["connect", "octocat/app", "--url", receiverUrl]);
    sim.state.repo("octocat/app").hooks.clear();
    const again = await nectr(["disconnect", "octocat/app"]);
    expect(again).toMatchObject({
      code: 0,
      stdout: "Disconnected octocat/app: webhook was already gone; its history is kept\n",
    });
  });

  it("lists connected repositories with their hook and URL", async () => {
    await nectr(["connect", "octocat/app", "--smee", "https://smee.io/abc123"]);
    const listed = JSON.parse((await nectr(["repos", "--json"])).stdout);
    expect(listed).toEqual([
      {
        repo: "octocat/app",
        hookId: hooks()[0]?.id,
        url: "https://smee.io/abc123",
        active: true,
        connectedBy: "octocat",
        lastDelivery: null,
        lastReview: null,
      },
    ]);
  });

  it("says what is missing: the hook scope or admin rights (exit 4), a well-formed name or a URL (exit 2)", async () => {
    const scope = await nectr(["connect", "octocat/app", "--url", receiverUrl], "gho_no_hook_scope");
    expect(scope.code).toBe(4);
    expect(scope.stderr).toBe(
      "nectr: the token lacks the admin:repo_hook scope that installing a webhook needs — run nectr login to get a token with it\n",
    );
    const admin = await nectr(["connect", "octocat/app", "--url", receiverUrl], "gho_writer");
    expect(admin.code).toBe(4);
    expect(admin.stderr).toMatch(/@monalisa is not an admin of octocat\/app/);
    expect((await nectr(["connect", "octocat", "--url", receiverUrl])).code).toBe(2);
    const noUrl = await nectr(["connect", "octocat/app"]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/where should GitHub send events\? — pass --url/);
    expect(hooks()).toEqual([]);
  });

  it("on a terminal with no repo named, offers the repos the user administers and asks for the URL", async () => {
    sim.state.addRepo({ owner: "octocat", name: "other" });
    sim.state.addRepo({ owner: "monalisa", name: "not-mine", collaborators: { octocat: "write" } });
    // `script` gives nectr a pseudo-terminal; the test types into it as a person would.
    const child = spawn("script", ["-qec", `"${process.execPath}" bin/nectr.js connect`, "/dev/null"], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: home, NECTR_HOME: home, TERM: "xterm", ...env() },
    });
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => (screen += chunk.toString()));
    const shown = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => (screen.includes(text) ? resolve() : setTimeout(check, 25));
        check();
      });
    await shown("octocat/other");
    expect(screen).toContain("octocat/app");
    expect(screen).not.toContain("monalisa/not-mine");
    child.stdin.write("oth");
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdin.write("\r");
    await shown("Where does GitHub reach nectr serve?");
    child.stdin.write(`${receiverUrl}\r`);
    expect(await new Promise((resolve) => child.on("close", resolve))).toBe(0);
    expect(screen).toContain("Connected octocat/other: webhook");
    expect([...sim.state.repo("octocat/other").hooks.values()]).toHaveLength(1);
  });

  it("still has exactly one hook, with the stored secret, after being killed between creating the hook and storing it", async () => {
    // GitHub creates the hook, but its answer never reaches nectr: the process dies first.
    sim.faults.add({ method: "POST", path: "/repos/octocat/app/hooks", answerDelayMs: 20_000, times: 1 });
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, "bin", "nectr.js"), "connect", "octocat/app", "--url", receiverUrl],
      {
        env: { PATH: process.env.PATH ?? "", HOME: home, NECTR_HOME: home, ...env() },
      },
    );
    const closed = new Promise((resolve) => child.on("close", resolve));
    while (hooks().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGKILL");
    await closed;
    expect(stored().hookId).toBeUndefined();

    const again = await nectr(["connect", "octocat/app", "--url", receiverUrl]);
    expect(again.code).toBe(0);
    expect(hooks()).toHaveLength(1);
    expect(stored()).toMatchObject({ hookId: hooks()[0]?.id, secret: hooks()[0]?.config.secret });
  });
});
