import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";

afterAll(removeTempDirs);

describe("nectr review --local, on changes not yet committed", () => {
  it("titles its findings with words true of an uncommitted line: added, never committed", async () => {
    const dir = tempDir("nectr-local-");
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.com", ...args], { cwd: dir });
    git("init", "-q", "-b", "main");
    writeFileSync(path.join(dir, "app.test.ts"), 'it("works", () => {});\n');
    git("add", ".");
    git("commit", "-q", "-m", "first");
    writeFileSync(
      path.join(dir, "app.test.ts"),
      [
        'const slack = "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";',
        'it.only("works", () => {});',
        "<<<<<<< HEAD",
        "",
      ].join("\n"),
    );
    const run = await runNectr(["review", "--local", "--json"], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const titles = JSON.parse(run.stdout).findings.map((finding: { title: string }) => finding.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Slack token added: `xoxb****`",
        "Focused test added",
        "Merge-conflict marker `<<<<<<<` added",
      ]),
    );
    expect(titles.join("\n")).not.toContain("committed");
  });
});
