import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { readAppFile, resolveApp, writeAppFile, type AppCredentials } from "../../auth/app-file.js";
import { UsageError } from "../../errors.js";
import { appClient, appIdentity } from "../../github/app-client.js";
import { createOctokit } from "../../github/create-octokit.js";
import { installationTokens } from "../../github/installation-tokens.js";
import { githubError } from "../../github/github-errors.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { wholeNumberOption } from "../whole-number-option.js";

interface UseOptions {
  appId?: string;
  privateKey?: string;
  webhookSecret?: string;
}

export function register(program: Command, deps: CliDeps): void {
  const app = program.command("app").description(summaryOf("app")).helpCommand(false);

  app
    .command("use")
    .description("run as an existing GitHub App: check its key with GitHub, then store it sealed")
    .requiredOption("--app-id <id>", "the app's id (its settings page, About)")
    .requiredOption("--private-key <file>", "the app's private key, the .pem file GitHub generated")
    .option("--webhook-secret <secret>", "the app's webhook secret, to verify its deliveries")
    .action(async (options: UseOptions) => {
      const appId = wholeNumberOption(options.appId, "--app-id", {
        min: 1,
        max: Number.MAX_SAFE_INTEGER,
        example: "nectr app use --app-id 123456 --private-key app.pem",
      })!;
      const privateKey = readPrivateKey(options.privateKey!);
      const settings = deps.settings();
      const identity = await appIdentity(await appClient(settings.githubApiUrl, appId, privateKey));
      if (identity.id !== appId)
        throw new UsageError(`GitHub says this key is app ${identity.id}'s, not ${appId}'s`, {
          hint: `run nectr app use --app-id ${identity.id} --private-key ${options.privateKey}`,
        });
      const credentials: AppCredentials = {
        appId,
        slug: identity.slug,
        privateKey,
        webhookSecret: options.webhookSecret,
      };
      writeAppFile(deps.io.fs, settings.paths.appFile, deps.secretKey(), credentials);
      deps.out.line(`Using GitHub App ${identity.slug} (id ${appId}); its reviews are posted by ${identity.bot}`);
      if (!options.webhookSecret)
        deps.note("note: no --webhook-secret given; set it to have nectr serve take the app's webhooks");
    });

  app
    .command("create")
    .description("create nectr's GitHub App with GitHub's app-manifest flow, from a page on this machine")
    .option("--org <org>", "create it in an organization (default: your account)")
    .option("--url <url>", "where GitHub reaches nectr serve (default: the publicUrl setting)")
    .action(async (options: { org?: string; url?: string }) => {
      const settings = deps.settings();
      const publicUrl = options.url ?? settings.publicUrl;
      if (!publicUrl || !/^https?:\/\/[^\s]+$/.test(publicUrl))
        throw new UsageError("where does GitHub reach nectr serve?", {
          hint: "pass --url https://nectr.example.com, or nectr config set publicUrl URL",
        });
      const { manifestCode } = await import("../app-manifest-flow.js");
      const code = await manifestCode({
        webUrl: settings.githubUrl,
        org: options.org,
        publicUrl,
        onPage: (page) => deps.note(`open ${page} in a browser signed in to GitHub, and create the app there`),
      });
      const { data } = await createOctokit({ baseUrl: settings.githubApiUrl, token: "" })
        .rest.apps.createFromManifest({ code })
        .catch((error: unknown) => {
          throw githubError(error, "turn GitHub's code into the app");
        });
      const slug = data.slug ?? String(data.id);
      writeAppFile(deps.io.fs, settings.paths.appFile, deps.secretKey(), {
        appId: data.id,
        slug,
        privateKey: data.pem,
        webhookSecret: data.webhook_secret ?? undefined,
      });
      deps.out.line(`Created GitHub App ${slug} (id ${data.id}); its reviews are posted by ${slug}[bot]`);
      deps.note(`next: install it on your repositories from ${data.html_url}, then run nectr serve`);
    });

  app
    .command("status")
    .description("the app nectr runs as, its installations and their repositories")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const settings = deps.settings();
      const stored = resolveApp(settings.app, () => readAppFile(deps.io.fs, settings.paths.appFile, deps.secretKey()));
      if (!stored)
        throw new UsageError("no GitHub App is set up", {
          hint: "run nectr app use --app-id ID --private-key FILE (or set NECTR_APP_ID and NECTR_APP_PRIVATE_KEY)",
        });
      const client = await appClient(settings.githubApiUrl, stored.appId, stored.privateKey);
      const identity = await appIdentity(client);
      const installations = await client
        .paginate(client.rest.apps.listInstallations, { per_page: 100 })
        .catch((error: unknown) => {
          throw githubError(error, "list the app's installations");
        });
      const tokenFor = installationTokens(settings.githubApiUrl, stored);
      const repositoriesOf = async (installationId: number) => {
        const installationClient = createOctokit({
          baseUrl: settings.githubApiUrl,
          token: await tokenFor(installationId),
        });
        const repositories = await installationClient
          .paginate(installationClient.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })
          .catch((error: unknown) => {
            throw githubError(error, `list installation ${installationId}'s repositories`);
          });
        return repositories.map((repository) => repository.full_name);
      };
      const rows = await Promise.all(
        installations.map(async (installation) => ({
          id: installation.id,
          account: installation.account && "login" in installation.account ? installation.account.login : null,
          suspended: installation.suspended_at !== null && installation.suspended_at !== undefined,
          repositories: installation.suspended_at ? [] : await repositoriesOf(installation.id),
        })),
      );
      const status = { app: { ...identity, webhookSecret: stored.webhookSecret !== undefined }, installations: rows };
      if (options.json) return deps.out.json(status);
      deps.out.line(`GitHub App ${identity.slug} (id ${identity.id}), posting as ${identity.bot}`);
      if (rows.length === 0) return deps.note("not installed anywhere yet — install it from the app's page on GitHub");
      for (const row of rows)
        deps.out.line(
          `  installation ${row.id} on ${row.account ?? "?"}${row.suspended ? " (suspended)" : ""}: ${row.repositories.join(", ") || "no repositories"}`,
        );
    });
}

function readPrivateKey(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the private key ${file}`, { hint: "pass the .pem file's path", cause: error });
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(text))
    throw new UsageError(`${file} is not a PEM private key`, {
      hint: "pass the .pem file GitHub generated for the app",
    });
  return text;
}
