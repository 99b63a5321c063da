import { readAppFile, resolveApp } from "../../auth/app-file.js";
import type { Settings } from "../../config/load-settings.js";
import { appClient, appIdentity } from "../../github/app-client.js";
import { installationTokens } from "../../github/installation-tokens.js";
import type { CliDeps } from "../deps.js";
import { fail, ok, skip, timeBoxed, warn, type CheckResult } from "./check.js";

const NAME = "GitHub App";
const FIX = "run nectr app use --app-id ID --private-key FILE again, or check NECTR_APP_ID and NECTR_APP_PRIVATE_KEY";

/** The app's key, asked of GitHub with a JWT (`GET /app`), and its installations. */
export async function checkApp(settings: Settings, deps: CliDeps): Promise<CheckResult> {
  let app;
  try {
    app = resolveApp(settings.app, () => readAppFile(deps.io.fs, settings.paths.appFile, deps.secretKey()));
  } catch (error) {
    return fail(NAME, error instanceof Error ? error.message : String(error), FIX);
  }
  if (!app) return skip(NAME, "none set up (reviews are posted with the login's token)");
  const { appId, privateKey, webhookSecret } = app;
  return timeBoxed(NAME, 10_000, FIX, async () => {
    const client = await appClient(settings.githubApiUrl, appId, privateKey);
    const identity = await appIdentity(client);
    const installations = await client.paginate(client.rest.apps.listInstallations, { per_page: 100 });
    // Each installation must give a token: one suspended or gone says so here, not in a review.
    const tokenFor = installationTokens(settings.githubApiUrl, app);
    const refused: number[] = [];
    for (const installation of installations)
      await tokenFor(installation.id).catch(() => refused.push(installation.id));
    const count = `${installations.length} installation${installations.length === 1 ? "" : "s"}`;
    const detail = `${identity.slug} (id ${identity.id}), ${count}; posts as ${identity.bot}`;
    if (refused.length > 0)
      return fail(
        NAME,
        `${detail}; no token for installation ${refused.join(", ")}`,
        "unsuspend or reinstall the app there",
      );
    if (!webhookSecret && !settings.webhookSecret)
      return warn(
        NAME,
        `${detail}; no webhook secret, so nectr serve refuses the app's deliveries`,
        "run nectr app use … --webhook-secret S, or set NECTR_WEBHOOK_SECRET",
      );
    return ok(NAME, detail);
  });
}
