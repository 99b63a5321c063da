import type { Command } from "commander";
import { requireToken } from "../../auth/resolve-token.js";
import { UsageError } from "../../errors.js";
import { createOctokit } from "../../github/create-octokit.js";
import { removeHook } from "../../github/hooks.js";
import { formatRepoRef, parseRepoRef } from "../../github/refs.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";

export function register(program: Command, deps: CliDeps): void {
  program
    .command("disconnect")
    .description(summaryOf("disconnect"))
    .argument("<repo>", "OWNER/REPO")
    .action(async (repoText: string) => {
      const ref = parseRepoRef(repoText);
      const name = formatRepoRef(ref);
      const settings = deps.settings();
      const { store } = await deps.database();
      const stored = await store.repos.find(name);
      if (!stored) throw new UsageError(`${name} is not connected`, { hint: "nectr repos lists the connected ones" });
      const token = await requireToken(settings, deps.tokenStore());
      const outcome = await removeHook(createOctokit({ baseUrl: settings.githubApiUrl, token: token.value }), ref, {
        hookId: stored.hookId,
        url: stored.hookUrl,
      });
      await store.repos.markInactive(name, new Date().toISOString());
      deps.out.line(
        `Disconnected ${name}: webhook ${outcome === "deleted" ? "deleted" : "was already gone"}; its history is kept`,
      );
    });
}
