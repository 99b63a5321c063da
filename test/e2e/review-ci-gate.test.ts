import { spawnSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gitCheckout } from "../harness/git-checkout.js";
import { removeTempDirs, repoRoot, runNectr } from "../harness/run-nectr.js";
import { validateSarif } from "../harness/sarif-schema.js";
import { AWS_KEY } from "./review-world.js";

afterAll(removeTempDirs);

/** A checkout on branch feature with one commit over main adding `file`. */
function featureWith(file: string, text: string) {
  const checkout = gitCheckout();
  checkout.git("checkout", "-q", "-b", "feature");
  checkout.write(file, text);
  checkout.git("add", ".");
  checkout.git("commit", "-q", "-m", `Add ${file}`);
  return checkout;
}

const review = (dir: string, ...args: string[]) => runNectr(["review", "--local", ...args], { cwd: dir });

describe("nectr review --fail-on", () => {
  it("exits 3 with a planted key under critical, 0 for a TODO under critical, 3 for it under nit, 2 for a bogus level", async () => {
    const key = featureWith("config.py", `AWS_ACCESS_KEY_ID = "${AWS_KEY}"\n`);
    const keyRun = await review(key.dir, "--fail-on", "critical");
    expect(keyRun.code).toBe(3);
    expect(keyRun.stdout).toContain("config.py");
    expect(keyRun.stderr).toMatch(/^nectr: 1 finding at or above critical \(--fail-on critical\) — fix them/m);

    const todo = featureWith("later.py", "def later():\n    # TODO: handle errors\n    return 2\n");
    const todoRun = await review(todo.dir, "--fail-on", "critical");
    expect(todoRun.stderr).toBe("");
    expect(todoRun.code).toBe(0);
    expect((await review(todo.dir, "--fail-on", "nit")).code).toBe(3);

    const bogus = await review(todo.dir, "--fail-on", "bogus");
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("--fail-on must be one of critical, warning, suggestion, nit");
    expect(bogus.stdout).toBe("");
  });

  it("without --fail-on, findings do not change the exit code", async () => {
    const key = featureWith("config.py", `AWS_ACCESS_KEY_ID = "${AWS_KEY}"\n`);
    expect((await review(key.dir)).code).toBe(0);
  });
});

describe("nectr review --format", () => {
  it("prints SARIF 2.1.0 that the official schema accepts, a result per finding on its line", async () => {
    const key = featureWith("config.py", `AWS_ACCESS_KEY_ID = "${AWS_KEY}"\nprint("debug")\n`);
    const run = await review(key.dir, "--format", "sarif");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log)).toEqual([]);
    const json = JSON.parse((await review(key.dir, "--format", "json")).stdout);
    const results = log.runs[0].results;
    expect(results).toHaveLength(json.findings.length);
    expect(results[0]).toMatchObject({
      ruleId: "secret/aws-key",
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "config.py" }, region: { startLine: 1 } } }],
    });
    expect(run.stdout).not.toContain(AWS_KEY);
  });

  it("prints GitHub workflow commands, escaping what a file name could use to break out of one", async () => {
    const tricky = featureWith("a,b:c%d.py", "def later():\n    # TODO: handle errors\n    return 2\n");
    const run = await review(tricky.dir, "--format", "github");
    expect(run.code).toBe(0);
    const commands = run.stdout.split("\n").filter((line) => line.startsWith("::"));
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^::notice file=a%2Cb%3Ac%25d\.py,line=2,endLine=2,title=[^\n]*::/);
  });

  it("refuses --json with another --format, and an unknown format (exit 2)", async () => {
    const todo = featureWith("later.py", "# TODO: later\n");
    const both = await review(todo.dir, "--json", "--format", "sarif");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--json is --format json");
    const unknown = await review(todo.dir, "--format", "xml");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--format must be one of text, json, sarif, github");
  });
});

describe("nectr review --local --staged", () => {
  it("reviews what is staged and nothing else", async () => {
    const checkout = gitCheckout();
    checkout.write("staged.py", "def staged():\n    breakpoint()\n");
    checkout.git("add", "staged.py");
    // Changed in the working tree but not staged: not part of the next commit.
    checkout.write("app.py", `KEY = "${AWS_KEY}"\n`);
    const run = await review(checkout.dir, "--staged", "--json");
    expect(run.code).toBe(0);
    const findings = JSON.parse(run.stdout).findings.map((finding: { path: string; rule: string }) => finding.path);
    expect(findings).toEqual(["staged.py"]);
  });

  it("reads the staged text of a file, not the working tree's", async () => {
    const checkout = gitCheckout();
    checkout.write("app.py", `def main():\n    KEY = "${AWS_KEY}"\n    return 1\n`);
    checkout.git("add", "app.py");
    checkout.write("app.py", "def main():\n    return 1\n");
    const run = await review(checkout.dir, "--staged", "--json");
    expect(JSON.parse(run.stdout).findings).toEqual([
      expect.objectContaining({ path: "app.py", line: 2, rule: "secret/aws-key" }),
    ]);
  });

  it("works before the first commit, and says when nothing is staged", async () => {
    const checkout = gitCheckout();
    expect(await review(checkout.dir, "--staged")).toMatchObject({
      code: 0,
      stdout: "",
      stderr: "nectr: nothing to review: nothing is staged\n",
    });
    const fresh = gitCheckout();
    fresh.git("checkout", "-q", "--orphan", "start");
    fresh.write("first.py", `TOKEN = "${AWS_KEY}"\n`);
    fresh.git("add", "first.py");
    const run = await review(fresh.dir, "--staged", "--fail-on", "critical");
    expect(run.code).toBe(3);
  });

  it("goes with --local and not with --base (exit 2)", async () => {
    const checkout = gitCheckout();
    expect((await runNectr(["review", "--staged"], { cwd: checkout.dir })).code).toBe(2);
    const both = await review(checkout.dir, "--staged", "--base", "main");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("takes no --base");
  });

  it("a branch with no changes is nothing to review", async () => {
    const checkout = gitCheckout();
    checkout.git("checkout", "-q", "-b", "empty");
    expect(await review(checkout.dir)).toMatchObject({
      code: 0,
      stdout: "",
      stderr: "nectr: nothing to review: no changes against main\n",
    });
  });
});

describe("the pre-commit hook", () => {
  it("blocks a commit that adds a key, and lets a clean one through", () => {
    const checkout = gitCheckout();
    const hook = path.join(checkout.dir, ".git", "hooks", "pre-commit");
    // The hook the README documents, with this checkout's nectr in place of the one on PATH.
    writeFileSync(
      hook,
      `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, "bin", "nectr.js")}" review --local --staged --fail-on critical\n`,
    );
    chmodSync(hook, 0o755);
    const commit = (message: string) =>
      spawnSync("git", ["commit", "-q", "-m", message], {
        cwd: checkout.dir,
        encoding: "utf8",
        env: {
          ...process.env,
          NECTR_HOME: checkout.dir,
          GIT_AUTHOR_NAME: "Dev",
          GIT_AUTHOR_EMAIL: "d@x",
          GIT_COMMITTER_NAME: "Dev",
          GIT_COMMITTER_EMAIL: "d@x",
        },
      });
    checkout.write("settings.py", `AWS_ACCESS_KEY_ID = "${AWS_KEY}"\n`);
    checkout.git("add", "settings.py");
    const blocked = commit("Add settings");
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain("--fail-on critical");
    expect(checkout.git("log", "--format=%s")).toBe("first\n");

    checkout.write("settings.py", 'AWS_REGION = "us-east-1"\n');
    checkout.git("add", "settings.py");
    expect(commit("Add settings").status).toBe(0);
    expect(checkout.git("log", "-1", "--format=%s")).toBe("Add settings\n");
  });
});
