import type { Command } from "commander";
import { requireToken } from "../../auth/resolve-token.js";
import { AuthError } from "../../errors.js";
import { createOctokit } from "../../github/create-octokit.js";
import { missingScopes, REQUIRED_SCOPES, whoAmI } from "../../github/who-am-i.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { githubEndpoints } from "../github-host.js";

export function register(program: Command, deps: CliDeps): void {
  const auth = program.command("auth").description(summaryOf("auth")).helpCommand(false);

  auth
    .command("status")
    .description("who is logged in, where the token comes from, and whether its scopes are enough")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const settings = deps.settings();
      const { host, apiUrl } = githubEndpoints(settings, undefined);
      const token = await requireToken(settings, deps.tokenStore());
      const identity = await whoAmI(createOctokit({ baseUrl: apiUrl, token: token.value }));
      const missing = identity.scopes ? missingScopes(identity.scopes) : [];
      const enough = identity.scopes ? missing.length === 0 : null;
      if (options.json) {
        deps.out.json({
          host,
          user: identity.login,
          source: token.source,
          scopes: identity.scopes,
          requiredScopes: REQUIRED_SCOPES,
          missingScopes: missing,
          enough,
          rateLimit: identity.rateLimit,
        });
      } else {
        const { green, red, dim } = deps.out.color;
        deps.out.line(host);
        deps.out.line(
          `  ${green("✓")} Logged in as @${identity.login} ${dim(`(token from ${describeSource(token.source)})`)}`,
        );
        deps.out.line(
          `  Scopes: ${identity.scopes === null ? "not reported (fine-grained or app token)" : identity.scopes.join(", ") || "none"}`,
        );
        if (enough === true) deps.out.line(`  ${green("✓")} Scopes are enough for review, connect and serve`);
        if (enough === false) deps.out.line(`  ${red("✖")} Missing ${missing.join(", ")}: run nectr login again`);
        if (identity.rateLimit)
          deps.out.line(`  Rate limit: ${identity.rateLimit.remaining} of ${identity.rateLimit.limit} left`);
      }
      if (enough === false) {
        throw new AuthError(`the token lacks ${missing.join(", ")}`, {
          hint: "run nectr login to get a token with repo and admin:repo_hook",
        });
      }
    });

  auth
    .command("token")
    .description("print the GitHub token nectr uses (for scripts)")
    .action(async () => {
      const token = await requireToken(deps.settings(), deps.tokenStore());
      deps.out.line(token.value);
    });
}

function describeSource(source: string): string {
  if (source === "keychain") return "the keychain";
  if (source === "file") return "hosts.json";
  if (source === "gh") return "gh auth token";
  return source;
}
