import type { Command } from "commander";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { githubEndpoints } from "../github-host.js";

export function register(program: Command, deps: CliDeps): void {
  program
    .command("logout")
    .description(summaryOf("logout"))
    .option("--hostname <host>", "a GitHub Enterprise Server host (default: the configured GitHub)")
    .action(async (options: { hostname?: string }) => {
      const settings = deps.settings();
      const { host } = githubEndpoints(settings, options.hostname);
      const removed = await deps.tokenStore().remove(host);
      deps.out.line(removed ? `Logged out of ${host}` : `Not logged in to ${host}; nothing to forget`);
      if (settings.envToken) {
        deps.note(`note: ${settings.envToken.variable} is still set, and nectr will keep using it`);
      }
    });
}
