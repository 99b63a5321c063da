import type { Command } from "commander";
import { deviceFlowLogin } from "../../auth/device-flow.js";
import { AuthError, UsageError } from "../../errors.js";
import { createOctokit } from "../../github/create-octokit.js";
import { missingScopes, whoAmI } from "../../github/who-am-i.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { githubEndpoints } from "../github-host.js";
import { createProgress } from "../progress.js";
import { readStdin } from "../read-stdin.js";

interface LoginOptions {
  hostname?: string;
  withToken?: boolean;
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command("login")
    .description(summaryOf("login"))
    .option("--hostname <host>", "a GitHub Enterprise Server host (default: the configured GitHub)")
    .option("--with-token", "read a token from standard input instead")
    .action((options: LoginOptions) => login(deps, options));
}

async function login(deps: CliDeps, options: LoginOptions): Promise<void> {
  const settings = deps.settings();
  const github = githubEndpoints(settings, options.hostname);
  const token = options.withToken ? await tokenFromStdin() : await tokenFromDeviceFlow(deps, github.webUrl);

  const identity = await whoAmI(createOctokit({ baseUrl: github.apiUrl, token })).catch((error: unknown) => {
    if (error instanceof AuthError)
      throw new AuthError(`${github.host} did not accept that token`, {
        hint: "check the token, or run nectr login without --with-token",
      });
    throw error;
  });
  const where = await deps.tokenStore().save(github.host, identity.login, token);
  if (where === "file") {
    deps.note(`no usable keychain here; the token is stored in ${settings.paths.hostsFile} (mode 0600)`);
  }
  const missing = identity.scopes ? missingScopes(identity.scopes) : [];
  if (missing.length > 0) {
    deps.note(`the token lacks ${missing.join(", ")}: reviews may fail to post and nectr connect will not work`);
  }
  if (settings.envToken) {
    deps.note(`note: ${settings.envToken.variable} is set and wins over the stored token`);
  }
  deps.out.line(`Logged in to ${github.host} as @${identity.login}`);

  async function tokenFromStdin(): Promise<string> {
    const text = (await readStdin(deps.io.stdin)).trim();
    if (text === "" || /\s/.test(text))
      throw new UsageError("expected one token on standard input", {
        hint: 'echo "$TOKEN" | nectr login --with-token',
      });
    return text;
  }
}

async function tokenFromDeviceFlow(deps: CliDeps, webUrl: string): Promise<string> {
  const clientId = deps.settings().githubClientId;
  if (!clientId) {
    throw new UsageError("nectr login needs the client id of a GitHub OAuth app", {
      hint: `create one at ${webUrl}/settings/applications/new with "Enable Device Flow" ticked, then run nectr config set githubClientId ID (or set NECTR_GITHUB_CLIENT_ID)`,
    });
  }
  const { stderr } = deps.io;
  const bold = deps.out.color.bold;
  const progress = createProgress(stderr, deps.io.env);
  try {
    const { token } = await deviceFlowLogin({
      webUrl,
      clientId,
      onCode: (code) => {
        stderr.write(`! First copy your one-time code: ${bold(code.userCode)}\n`);
        stderr.write(
          `  Then open ${code.verificationUri} and enter it (it expires in ${Math.round(code.expiresInSeconds / 60)} minutes).\n`,
        );
        progress.step("Waiting for you to authorize nectr on GitHub");
      },
    });
    return token;
  } finally {
    progress.stop();
  }
}
