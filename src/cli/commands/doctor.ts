import type { Command } from "commander";
import { RemoteError } from "../../errors.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { checkApp } from "../doctor/app-check.js";
import type { CheckResult } from "../doctor/check.js";
import { fail } from "../doctor/check.js";
import { checkMcpServers, checkMem0, checkNeo4j } from "../doctor/context-checks.js";
import { checkConfigFile, checkDatabase, checkLlmSpend, checkNode, checkRetention } from "../doctor/local-checks.js";
import { checkDaemon, checkLlm, checkRepoHooks, checkToken } from "../doctor/remote-checks.js";

export function register(program: Command, deps: CliDeps): void {
  program
    .command("doctor")
    .description(summaryOf("doctor"))
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const results = await runChecks(deps);
      if (options.json) deps.out.json(results);
      else printResults(deps, results);
      const failed = results.filter((result) => result.status === "fail");
      if (failed.length > 0) {
        // Exit 1: something nectr needs is not working (SPEC "Exit codes").
        throw new RemoteError(`${failed.length} check${failed.length === 1 ? "" : "s"} failed`, {
          hint: "fix them as shown above, then run nectr doctor again",
        });
      }
    });
}

async function runChecks(deps: CliDeps): Promise<CheckResult[]> {
  const results: CheckResult[] = [checkNode(process.version)];
  let settings;
  try {
    settings = deps.settings();
  } catch (error) {
    return [
      ...results,
      fail(
        "Settings",
        error instanceof Error ? error.message : String(error),
        "fix the setting named, then run nectr doctor again",
      ),
    ];
  }
  results.push(
    checkConfigFile(settings),
    await checkDatabase(settings, deps.database),
    await checkRetention(settings, deps.database),
    await checkLlmSpend(settings, deps.database),
  );
  const token = await checkToken(settings, deps.tokenStore());
  results.push(token.result);
  const [app, llm, daemon, neo4j, mem0, mcp, hooks] = await Promise.all([
    checkApp(settings, deps),
    checkLlm(settings),
    checkDaemon(settings),
    checkNeo4j(settings),
    checkMem0(settings),
    checkMcpServers(settings),
    checkRepoHooks(deps.database, token.octokit),
  ]);
  return [...results, app, llm, neo4j, mem0, ...mcp, daemon, ...hooks];
}

function printResults(deps: CliDeps, results: readonly CheckResult[]): void {
  const { green, red, yellow, dim } = deps.out.color;
  const mark = { ok: green("✔"), fail: red("✖"), warn: yellow("!"), skip: dim("-") };
  for (const result of results) {
    deps.out.line(`${mark[result.status]} ${result.name}: ${result.detail}`);
    if (result.fix && result.status !== "ok") deps.out.line(`    ${dim("→")} ${result.fix}`);
  }
}
