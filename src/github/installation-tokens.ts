import { createAppAuth } from "@octokit/auth-app";
import { request } from "@octokit/request";
import { UsageError } from "../errors.js";
import { githubError, isNotFound } from "./github-errors.js";

/** What nectr needs of a GitHub App to act for its installations. */
export interface AppAccess {
  appId: number;
  privateKey: string;
}

/**
 * Installation tokens for an app, minted by @octokit/auth-app against nectr's API base URL (so
 * GitHub Enterprise Server too). It keeps each token until shortly before it expires, so the
 * reviews of an hour cost one mint per installation.
 */
export function installationTokens(baseUrl: string, app: AppAccess): (installationId: number) => Promise<string> {
  const auth = createAppAuth({
    appId: app.appId,
    privateKey: app.privateKey,
    request: request.defaults({ baseUrl }),
  });
  return async (installationId) => {
    try {
      return (await auth({ type: "installation", installationId })).token;
    } catch (error) {
      // Not a passing fault, so not retried: the app was uninstalled there, or never was.
      if (isNotFound(error))
        throw new UsageError(`installation ${installationId} is not one of this app's (removed, or never installed)`, {
          hint: "install the app on the repository, or see nectr app status",
          cause: error,
        });
      throw githubError(error, `get a token for installation ${installationId}`);
    }
  };
}
