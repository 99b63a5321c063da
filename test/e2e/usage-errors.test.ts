import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, runNectr } from "../harness/run-nectr.js";

afterAll(removeTempDirs);

/** One line on stderr, exit 2, nothing on stdout: what went wrong, then " — " and what to do. */
async function usageError(args: string[]): Promise<string> {
  const run = await runNectr(args);
  expect(run.code, args.join(" ")).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
  return run.stderr;
}

describe("a usage error names the next step", () => {
  it("--port, --concurrency and --limit: digits only, and the hint shows a good value", async () => {
    for (const port of ["1e3", "0x1f40", "80.0", " 80", "65536", "-1", ""])
      expect(await usageError(["serve", "--port", port, "--print-systemd-unit"])).toBe(
        `nectr: --port must be a whole number from 0 to 65535, not "${port}" — e.g. nectr serve --port 8000\n`,
      );
    expect(await usageError(["serve", "--concurrency", "2abc", "--print-systemd-unit"])).toBe(
      'nectr: --concurrency must be a whole number from 1 to 64, not "2abc" — e.g. nectr serve --concurrency 4\n',
    );
    expect(await usageError(["events", "--limit", "1e2"])).toBe(
      'nectr: --limit must be a whole number from 1 to 10000, not "1e2" — e.g. nectr events --limit 50\n',
    );
    const unit = await runNectr(["serve", "--port", "8080", "--concurrency", "4", "--print-systemd-unit"]);
    expect(unit.code).toBe(0);
    expect(unit.stdout).toMatch(/ExecStart=.* serve --port 8080 --concurrency 4\n/);
  });

  it("a memory rule too long or empty: the hint shows one", async () => {
    expect(await usageError(["memory", "add", "octo/app", "x".repeat(2001)])).toBe(
      'nectr: a rule must be 1 to 2,000 characters, not 2,001 — say it in a sentence, e.g. nectr memory add octo/app "money is always integer cents"\n',
    );
    expect(await usageError(["memory", "add", "octo/app", " "])).toMatch(
      /^nectr: a rule must be 1 to 2,000 characters, not 0 — /,
    );
  });

  it("a malformed OWNER/REPO is exit 2 before any login is asked for", async () => {
    for (const args of [
      ["connect", "not-a-repo", "--url", "https://nectr.example.com"],
      ["disconnect", "not-a-repo"],
      ["memory", "add", "not-a-repo", "a rule"],
      ["memory", "list", "not-a-repo"],
      ["memory", "delete", "not-a-repo", "1"],
    ])
      expect(await usageError(args)).toBe(
        'nectr: "not-a-repo" is not a repository name — use OWNER/REPO, e.g. octocat/hello-world\n',
      );
    expect(await usageError(["connect", "octo/app", "--url", "nectr.example.com"])).toBe(
      'nectr: --url must be an http(s) URL, not "nectr.example.com" — e.g. --url https://nectr.example.com\n',
    );
    expect(await usageError(["connect", "octo/app"])).toMatch(/^nectr: where should GitHub send events\? — pass --url/);
  });
});
