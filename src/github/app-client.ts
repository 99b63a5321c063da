import { createAppAuth } from "@octokit/auth-app";
import { RequestError } from "@octokit/request-error";
import { AuthError } from "../errors.js";
import { createOctokit, type GitHubClient } from "./create-octokit.js";
import { githubError } from "./github-errors.js";

export interface AppIdentity {
  id: number;
  slug: string;
  name: string;
  /** The account its installation tokens write as. */
  bot: string;
}

/** A client that speaks as the app itself: its JWT (RS256, signed by @octokit/auth-app). */
export async function appClient(baseUrl: string, appId: number, privateKey: string): Promise<GitHubClient> {
  let jwt: string;
  try {
    ({ token: jwt } = await createAppAuth({ appId, privateKey })({ type: "app" }));
  } catch (error) {
    throw new AuthError("the private key cannot sign for the app", {
      hint: "pass the .pem file GitHub gave you for this app (Settings → Developer settings → GitHub Apps)",
      cause: error,
    });
  }
  return createOctokit({ baseUrl, token: jwt });
}

/** `GET /app`: the app the key belongs to; a key of another app, or none, is GitHub's 401. */
export async function appIdentity(client: GitHubClient): Promise<AppIdentity> {
  const { data } = await client.rest.apps.getAuthenticated().catch((error: unknown) => {
    if (error instanceof RequestError && error.status === 401)
      throw new AuthError(`GitHub refused the app's JWT (401: ${error.message.split(" - ")[0]})`, {
        hint: "check that --app-id and --private-key belong to the same app",
        cause: error,
      });
    throw githubError(error, "read the app with its key");
  });
  // GitHub's description lets GET /app answer null.
  if (!data) throw new AuthError("GitHub did not say which app this key is for", { hint: "check --app-id" });
  const slug = data.slug ?? String(data.id);
  return { id: data.id, slug, name: data.name, bot: `${slug}[bot]` };
}
