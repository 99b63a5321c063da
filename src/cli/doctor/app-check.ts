import { readAppFile, resolveApp } from "../../auth/app-file.js";
import type { Settings } from "../../config/load-settings.js";
import { appClient, appIdentity } from "../../github/app-client.js";
import type { CliDeps } from "../deps.js";
import { fail, ok, skip, timeBoxed, type CheckResult } from "./check.js";

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
  const { appId, privateKey } = app;
  return timeBoxed(NAME, 10_000, FIX, async () => {
    const client = await appClient(settings.githubApiUrl, appId, privateKey);
    const identity = await appIdentity(client);
    const installations = await client.paginate(client.rest.apps.listInstallations, { per_page: 100 });
    const count = `${installations.length} installation${installations.length === 1 ? "" : "s"}`;
    return ok(NAME, `${identity.slug} (id ${identity.id}), ${count}; posts as ${identity.bot}`);
  });
}
