import { createDeviceCode, exchangeDeviceCode } from "@octokit/oauth-methods";
import { request as octokitRequest } from "@octokit/request";
import { RequestError } from "@octokit/request-error";
import { AuthError, RemoteError } from "../errors.js";
import { version } from "../version.js";

export const LOGIN_SCOPES = ["repo", "admin:repo_hook", "read:user"];

export interface DeviceCode {
  userCode: string;
  verificationUri: string;
  expiresInSeconds: number;
}

export interface DeviceFlowOptions {
  /** Web base URL (https://github.com, or https://HOST for Enterprise Server). */
  webUrl: string;
  clientId: string;
  scopes?: string[];
  onCode(code: DeviceCode): void;
  /** Injected so tests need not wait real seconds. */
  sleep?: (milliseconds: number) => Promise<void>;
  now?: () => number;
}

/**
 * GitHub's OAuth device flow (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow):
 * show the code, then poll at GitHub's interval. `slow_down` raises the interval for every
 * later poll (to the one GitHub sends, else by 5 s), which @octokit/auth-oauth-device does not
 * keep; so the loop is ours, on top of @octokit/oauth-methods.
 */
export async function deviceFlowLogin(options: DeviceFlowOptions): Promise<{ token: string }> {
  const sleep = options.sleep ?? ((milliseconds) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const now = options.now ?? Date.now;
  const request = octokitRequest.defaults({ baseUrl: options.webUrl, headers: { "user-agent": `nectr/${version}` } });
  const { data: code } = await createDeviceCode({
    clientType: "oauth-app",
    clientId: options.clientId,
    scopes: options.scopes ?? LOGIN_SCOPES,
    request,
  }).catch((error: unknown) => {
    throw flowError(error, options);
  });
  options.onCode({
    userCode: code.user_code,
    verificationUri: code.verification_uri,
    expiresInSeconds: code.expires_in,
  });
  const deadline = now() + code.expires_in * 1000;
  let interval = code.interval;
  while (now() < deadline) {
    await sleep(interval * 1000);
    try {
      const { authentication } = await exchangeDeviceCode({
        clientType: "oauth-app",
        clientId: options.clientId,
        code: code.device_code,
        request,
      });
      // The granted scopes are read later from X-OAuth-Scopes: this answer's `scope` is comma-separated
      // and @octokit/oauth-methods splits it on spaces.
      return { token: authentication.token };
    } catch (error) {
      const answer = oauthErrorOf(error);
      if (answer?.error === "authorization_pending") continue;
      if (answer?.error === "slow_down") {
        interval = typeof answer.interval === "number" && answer.interval > interval ? answer.interval : interval + 5;
        continue;
      }
      throw flowError(error, options);
    }
  }
  throw expired();
}

function oauthErrorOf(error: unknown): { error?: unknown; interval?: unknown } | undefined {
  if (!(error instanceof RequestError)) return undefined;
  const data: unknown = error.response?.data;
  return typeof data === "object" && data !== null ? { ...data } : undefined;
}

function expired(): AuthError {
  return new AuthError("the one-time code expired before it was entered", { hint: "run nectr login again" });
}

function flowError(error: unknown, options: DeviceFlowOptions): Error {
  const kind = oauthErrorOf(error)?.error;
  if (kind === "expired_token" || kind === "token_expired") return expired();
  if (kind === "access_denied")
    return new AuthError("the authorization was denied on GitHub", {
      hint: "run nectr login again and choose Authorize",
    });
  if (kind === "device_flow_disabled") {
    return new AuthError("this OAuth app does not allow the device flow", {
      hint: 'tick "Enable Device Flow" in the OAuth app\'s settings on GitHub',
    });
  }
  if (kind === "incorrect_client_credentials" || (error instanceof RequestError && error.status === 404)) {
    return new AuthError(`GitHub does not know the OAuth app client id "${options.clientId}"`, {
      hint: `check NECTR_GITHUB_CLIENT_ID; create an OAuth app at ${options.webUrl}/settings/applications/new`,
    });
  }
  if (error instanceof RequestError && !error.response) {
    return new RemoteError(`cannot reach ${options.webUrl} (${error.message})`, {
      hint: "check your network and NECTR_GITHUB_URL",
      cause: error,
    });
  }
  const detail = typeof kind === "string" ? kind : error instanceof Error ? error.message : String(error);
  return new RemoteError(`the GitHub login failed (${detail})`, { hint: "run nectr login again", cause: error });
}
