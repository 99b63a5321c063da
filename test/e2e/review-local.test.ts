import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gitCheckout } from "../harness/git-checkout.js";
import { removeTempDirs, repoRoot, runNectr, tempDir } from "../harness/run-nectr.js";

afterAll(removeTempDirs);

describe("nectr review --local", () => {
  it("finds a committed secret in a git checkout with no token and no network", async () => {
    const { dir, git } = gitCheckout();
    git("checkout", "-q", "-b", "feature");
    writeFileSync(
      path.join(dir, "settings.py"),
      'DEBUG = True\nSLACK = "xoxb-4829301756-2938475610293-QwErTyUiOpAsDfGhJkLzXcVb"\n',
    );
    git("add", ".");
    git("commit", "-q", "-m", "Add settings");
    const run = await runNectr(["review", "--local", "--json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.pr).toBeNull();
    expect(output.local).toMatchObject({ base: "main" });
    expect(output.findings).toEqual([
      expect.objectContaining({ path: "settings.py", line: 2, rule: "secret/slack-token", severity: "critical" }),
    ]);
    expect(output.posted).toBeNull();
    expect(output.stats.githubRequests).toBe(0);
  });

  it("includes uncommitted changes, compares with --base, and reads a file that is not UTF-8", async () => {
    const { dir, git } = gitCheckout();
    git("checkout", "-q", "-b", "topic");
    writeFileSync(
      path.join(dir, "legacy.txt"),
      Buffer.concat([Buffer.from("caf"), Buffer.from([0xe9]), Buffer.from(" // TODO: fix encoding\n")]),
    );
    git("add", "legacy.txt");
    writeFileSync(path.join(dir, "app.py"), "def main():\n    breakpoint()\n    return 1\n");
    const run = await runNectr(["review", "--local", "--base", "main", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    const rules = JSON.parse(run.stdout).findings.map(
      (finding: { path: string; rule: string; line: number }) => `${finding.path}:${finding.line}:${finding.rule}`,
    );
    expect(rules).toContain("app.py:2:debug/breakpoint");
    expect(rules).toContain("legacy.txt:1:todo/added");
  });

  it("loads no GitHub client, no database, no LLM client and no tokenizer, in either thread", () => {
    const { dir } = gitCheckout();
    writeFileSync(path.join(dir, "app.py"), "def main():\n    print('debug')\n    return 2\n");
    const trace = path.join(tempDir(), "imports.txt");
    const home = tempDir();
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        path.join(repoRoot, "test", "harness", "trace-imports.ts"),
        path.join(repoRoot, "bin", "nectr.js"),
        "review",
        "--local",
      ],
      {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: home, NECTR_HOME: home, NECTR_TRACE_IMPORTS: trace },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const packages = new Set(
      readFileSync(trace, "utf8")
        .split("\n")
        .flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
    );
    // The review thread's own code was traced too: its rules' glob matcher is there.
    expect(packages).toContain("picomatch");
    for (const unused of ["@octokit/core", "@octokit/rest", "better-sqlite3", "openai", "gpt-tokenizer", "yaml"])
      expect(packages, unused).not.toContain(unused);
  });

  it("says so when run outside a git checkout", async () => {
    const run = await runNectr(["review", "--local"], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^nectr: this folder is not inside a git checkout — /);
  });

  it("finishes on a terminal that reports 0 columns, writing little (a spinner there would write without end)", () => {
    const { dir, git } = gitCheckout();
    git("checkout", "-q", "-b", "feature");
    writeFileSync(path.join(dir, "app.py"), "def main():\n    print('hi')\n    return 1\n");
    git("commit", "-qam", "Print");
    const started = Date.now();
    // `script` gives nectr a pseudo-terminal; `stty cols 0` makes it one of no known width.
    const run = spawnSync(
      "script",
      [
        "-qec",
        `stty cols 0 rows 0; "${process.execPath}" "${path.join(repoRoot, "bin", "nectr.js")}" review --local`,
        "/dev/null",
      ],
      {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: tempDir(), NECTR_HOME: tempDir() },
        timeout: 20_000,
      },
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeLessThan(1_000_000);
    expect(run.stdout).toContain("app.py");
  });
});
