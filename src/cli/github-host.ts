import type { Settings } from "../config/load-settings.js";
import { githubHost } from "../auth/resolve-token.js";

export interface GitHubEndpoints {
  host: string;
  webUrl: string;
  apiUrl: string;
}

/**
 * The GitHub a command talks to: the configured one, or `--hostname H` (github.com, or an
 * Enterprise Server whose API is at https://H/api/v3, as `gh --hostname` assumes).
 */
export function githubEndpoints(settings: Settings, hostname: string | undefined): GitHubEndpoints {
  if (!hostname || hostname === githubHost(settings)) {
    return { host: githubHost(settings), webUrl: settings.githubUrl, apiUrl: settings.githubApiUrl };
  }
  if (hostname === "github.com")
    return { host: hostname, webUrl: "https://github.com", apiUrl: "https://api.github.com" };
  return { host: hostname, webUrl: `https://${hostname}`, apiUrl: `https://${hostname}/api/v3` };
}
