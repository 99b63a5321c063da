import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, repoRoot, runNectr, tempDir } from "../harness/run-nectr.js";

afterAll(removeTempDirs);

const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };

describe("nectr, the program", () => {
  it("prints its help on --help and with no arguments, to stdout, exit 0", async () => {
    for (const args of [["--help"], []]) {
      const run = await runNectr(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: nectr \[options\] \[command\]/);
      expect(run.stdout).toContain("config");
      expect(run.stderr).toBe("");
    }
  });

  it("loads commander and chalk for --help and --version, and none of the libraries commands use", () => {
    for (const flag of ["--help", "--version"]) {
      const trace = path.join(tempDir(), "imports.txt");
      const run = spawnSync(
        process.execPath,
        [
          "--import",
          path.join(repoRoot, "test", "harness", "trace-imports.ts"),
          path.join(repoRoot, "bin", "nectr.js"),
          flag,
        ],
        { encoding: "utf8", env: { PATH: process.env.PATH, HOME: tempDir(), NECTR_TRACE_IMPORTS: trace } },
      );
      expect(run.status).toBe(0);
      const packages = new Set(
        readFileSync(trace, "utf8")
          .split("\n")
          .flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
      );
      expect([...packages].sort(), flag).toEqual(["chalk", "commander"]);
    }
  });

  it("prints its version", async () => {
    expect(await runNectr(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("answers an unknown command with exit 2 and one line that names the next step", async () => {
    const run = await runNectr(["frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("nectr: unknown command 'frobnicate' — run nectr --help\n");
  });

  it("answers an unknown flag of a subcommand with exit 2 and that subcommand's help", async () => {
    const run = await runNectr(["config", "list", "--yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("nectr: unknown option '--yaml' — run nectr config list --help\n");
  });

  it("shows a stack trace only when NECTR_DEBUG is set", async () => {
    const env = { NECTR_GITHUB_API_URL: "not a url" };
    const quiet = await runNectr(["config", "list"], { env });
    expect(quiet.code).toBe(2);
    expect(quiet.stderr.trim().split("\n")).toHaveLength(1);
    expect(quiet.stderr).toContain("NECTR_GITHUB_API_URL must be an http(s) URL");

    const loud = await runNectr(["config", "list"], { env: { ...env, NECTR_DEBUG: "1" } });
    expect(loud.code).toBe(2);
    expect(loud.stderr).toMatch(/UsageError: NECTR_GITHUB_API_URL must be an http\(s\) URL.*\n\s+at /);
  });

  it("colours its error only on a terminal, and not with NO_COLOR", () => {
    // `script` gives the process a pseudo-terminal, so stderr is a TTY as it is for a person.
    const onTerminal = (prefix: string) =>
      spawnSync("script", ["-qec", `${prefix} "${process.execPath}" bin/nectr.js frobnicate`, "/dev/null"], {
        cwd: repoRoot,
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: tempDir() },
      }).stdout;
    expect(onTerminal("")).toContain("\u001b[31mnectr:\u001b[39m unknown command 'frobnicate'");
    const plain = onTerminal("NO_COLOR=1");
    expect(plain).toContain("nectr: unknown command 'frobnicate'");
    expect(plain).not.toContain("\u001b[");
  });

  const olderNode = findOlderNode();
  it.runIf(olderNode)("refuses to start on a Node.js older than 22.22, in one line", () => {
    const run = spawnSync(olderNode ?? "", [path.join(repoRoot, "bin", "nectr.js"), "--version"], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^nectr: needs Node.js 22.22 or newer, this is v\d+\.\d+\.\d+ — install Node 22 LTS and run again\n$/,
    );
  });
});

/** A `node` on PATH older than 22.22 (this machine's own Node 20, under the one CI brings). */
function findOlderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "node");
    const run = spawnSync(candidate, ["-p", "process.versions.node"], { encoding: "utf8" });
    const [major = 0, minor = 0] = (run.stdout ?? "").trim().split(".").map(Number);
    if (run.status === 0 && (major < 22 || (major === 22 && minor < 22))) return candidate;
  }
  return undefined;
}
