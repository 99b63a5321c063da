import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, runNectr } from "../harness/run-nectr.js";

afterAll(removeTempDirs);

/** The names listed under "Commands:" in a help text, e.g. "review" of "  review [options] [ref]  review a …". */
function commandsListed(help: string): string[] {
  const section = help.split("\nCommands:\n")[1]?.split("\n\n")[0] ?? "";
  return [...section.matchAll(/^ {2}(\S+)/gm)].flatMap((match) => (match[1] === "help" ? [] : [match[1] ?? ""]));
}

describe("nectr help", () => {
  it("shows a command's help, the same as --help, exit 0", async () => {
    const viaFlag = await runNectr(["review", "--help"]);
    const viaHelp = await runNectr(["help", "review"]);
    expect(viaHelp).toEqual({ code: 0, stdout: viaFlag.stdout, stderr: "" });
    expect(viaHelp.stdout).toMatch(/^Usage: nectr review \[options\] \[ref\]/);
    expect(await runNectr(["help", "config", "set"])).toEqual(await runNectr(["config", "set", "--help"]));
  });

  it("with no command, shows the top-level help, which lists help itself", async () => {
    const run = await runNectr(["help"]);
    expect(run).toEqual({ code: 0, stdout: (await runNectr(["--help"])).stdout, stderr: "" });
    expect(await runNectr(["help", "help"])).toEqual(run);
    expect(run.stdout).toMatch(/^ {2}help \[command\] +show help for a command$/m);
  });

  it("answers a command it does not know with exit 2 and the way to the list", async () => {
    expect(await runNectr(["help", "bogus"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "nectr: unknown command 'bogus' — run nectr --help\n",
    });
  });

  it("gives every command's help, and every subcommand's, an example to copy", async () => {
    const top = await runNectr(["--help"]);
    expect(top.stdout).toContain("\nExamples:\n  # ");
    const commands = commandsListed(top.stdout);
    expect(commands).toEqual(expect.arrayContaining(["review", "serve", "auth", "memory", "config"]));
    const paths = [...commands.map((name) => [name])];
    for (const group of ["auth", "memory", "config"]) {
      const subcommands = commandsListed((await runNectr([group, "--help"])).stdout);
      expect(subcommands.length, group).toBeGreaterThan(1);
      paths.push(...subcommands.map((name) => [group, name]));
    }
    const helps = await Promise.all(paths.map((path) => runNectr([...path, "--help"])));
    for (const [index, help] of helps.entries()) {
      const path = (paths[index] ?? []).join(" ");
      expect(help.code, path).toBe(0);
      expect(help.stdout, path).toMatch(new RegExp(`\\nExamples:\\n(  # .+\\n  \\$ .*nectr ${path}\\b.*\\n\\n?)+$`));
    }
  });

  it("shows review's examples: a PR, a PR URL, local changes for CI and a hook, SARIF, and GitHub Actions", async () => {
    const examples = (await runNectr(["help", "review"])).stdout.split("\nExamples:\n")[1] ?? "";
    const commands = [...examples.matchAll(/^ {2}\$ (.*)$/gm)].map((match) => match[1]);
    expect(commands).toEqual([
      "nectr review octo/app#42",
      "nectr review https://github.com/octo/app/pull/42 --dry-run",
      "nectr review --local --fail-on critical",
      "nectr review --local --staged",
      "nectr review --local --format sarif > nectr.sarif",
      "nectr review",
    ]);
    expect(examples).toMatch(/pre-commit hook/);
    expect(examples).toMatch(/GitHub Actions.*GITHUB_EVENT_PATH/);
  });
});
